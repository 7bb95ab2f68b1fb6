/** What hover and completion read about a node of a document: `schemaAt`. */
import type { ArgoKind } from '../types';
import type { JsonSchema, JsonType } from './json-schema';
import { KIND_DEFINITIONS } from './json-schema';
import type { JsonPath } from './paths';
import type { ResolvedSchema } from './schema-document';
import { definitionSchema, resolveSchema } from './schema-document';

export interface PropertyInfo {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly required: boolean;
}

export interface SchemaInfo {
  readonly description?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  /** Known property names with their descriptions (for completion), when the node is an object. */
  readonly properties?: ReadonlyMap<string, PropertyInfo>;
  /** True when the schema allows any keys here (free-form). */
  readonly open: boolean;
  /** Name of the definition, e.g. "io.argoproj.workflow.v1alpha1.Template", when known. */
  readonly definition?: string;
}

const propertyCache = new WeakMap<JsonSchema, ReadonlyMap<string, PropertyInfo>>();

/** The schema node at a JSON path in a document of that kind (follows $ref, list items, map values). */
export function resolvedAt(kind: ArgoKind, path: JsonPath): ResolvedSchema | undefined {
  const rootName = KIND_DEFINITIONS[kind];
  const root = rootName ? definitionSchema(rootName) : undefined;
  if (!root) return undefined;
  let node = resolveSchema(root, rootName);
  for (const seg of path) {
    const child = childSchema(node.schema, seg);
    if (!child) return undefined;
    node = resolveSchema(child);
  }
  return node;
}

/** The schema of the node at a JSON path in a document of that kind. undefined when unknown. */
export function schemaAt(kind: ArgoKind, path: JsonPath): SchemaInfo | undefined {
  const node = resolvedAt(kind, path);
  return node ? toInfo(node) : undefined;
}

function childSchema(schema: JsonSchema, seg: string | number): JsonSchema | undefined {
  if (typeof seg === 'number' || /^\d+$/.test(seg)) {
    if (schema.items) return schema.items;
    if (typeof seg === 'number') return undefined;
  }
  const key = String(seg);
  if (schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key)) return schema.properties[key];
  if (typeof schema.additionalProperties === 'object') return schema.additionalProperties;
  return undefined;
}

export function toInfo(node: ResolvedSchema): SchemaInfo {
  const s = node.schema;
  const info: { -readonly [K in keyof SchemaInfo]: SchemaInfo[K] } = { open: isOpen(s) };
  if (node.description !== undefined) info.description = node.description;
  if (s.type !== undefined) info.type = s.type;
  if (s.enum !== undefined) info.enum = s.enum;
  if (s.properties) info.properties = propertiesOf(s);
  if (node.definition !== undefined) info.definition = node.definition;
  return info;
}

/** True when any key is allowed: free-form objects, maps and untyped (any) values. */
export function isOpen(s: JsonSchema): boolean {
  const types: readonly JsonType[] | undefined = s.type === undefined ? undefined : Array.isArray(s.type) ? s.type : [s.type as JsonType];
  return (types === undefined || types.includes('object')) && s.additionalProperties !== false;
}

export function propertiesOf(s: JsonSchema): ReadonlyMap<string, PropertyInfo> {
  const cached = propertyCache.get(s);
  if (cached) return cached;
  const required = new Set(s.required ?? []);
  const out = new Map<string, PropertyInfo>();
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const r = resolveSchema(prop);
    const info: { -readonly [K in keyof PropertyInfo]: PropertyInfo[K] } = { required: required.has(name) };
    if (r.description !== undefined) info.description = r.description;
    if (r.schema.type !== undefined) info.type = r.schema.type;
    if (r.schema.enum !== undefined) info.enum = r.schema.enum;
    out.set(name, info);
  }
  propertyCache.set(s, out);
  return out;
}
