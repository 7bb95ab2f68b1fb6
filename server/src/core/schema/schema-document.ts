/** The generated schema document (bundled JSON) and `$ref` resolution over it. */
import schemaJson from '../../../../schemas/argo-workflows.schema.json';
import type { JsonSchema, SchemaDocument } from './json-schema';
import { DEFINITIONS_PREFIX } from './json-schema';

export const SCHEMA_DOCUMENT: SchemaDocument = schemaJson as unknown as SchemaDocument;

/** A schema with its `$ref` chain followed. */
export interface ResolvedSchema {
  readonly schema: JsonSchema;
  /** The first description found along the chain (a property's own description wins over its type's). */
  readonly description?: string;
  /** Name of the last definition reached, if any. */
  readonly definition?: string;
}

export function definitionSchema(name: string): JsonSchema | undefined {
  return Object.prototype.hasOwnProperty.call(SCHEMA_DOCUMENT.definitions, name) ? SCHEMA_DOCUMENT.definitions[name] : undefined;
}

export function resolveSchema(schema: JsonSchema, definition?: string): ResolvedSchema {
  let current = schema;
  let description = schema.description;
  let name = definition;
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const target = current.$ref.startsWith(DEFINITIONS_PREFIX) ? current.$ref.slice(DEFINITIONS_PREFIX.length) : current.$ref;
    const next = definitionSchema(target);
    if (!next) break;
    name = target;
    current = next;
    description ??= current.description;
  }
  return { schema: current, description, definition: name };
}
