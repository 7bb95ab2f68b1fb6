/** Whole-document passes of the generator: close objects, prune, sort, count. */
import type { JsonSchema } from '../../server/src/core/schema/json-schema';
import { DEFINITIONS_PREFIX } from '../../server/src/core/schema/json-schema';

/** Calls `visit` on a schema and every schema nested in it (not following `$ref`). */
export function forEachSchema(schema: JsonSchema, visit: (s: JsonSchema) => void): void {
  visit(schema);
  for (const p of Object.values(schema.properties ?? {})) forEachSchema(p, visit);
  if (schema.items) forEachSchema(schema.items, visit);
  if (typeof schema.additionalProperties === 'object') forEachSchema(schema.additionalProperties, visit);
}

/**
 * Go's strict decoding (argo lint) rejects unknown fields of structs, so every object with a fixed set of
 * properties (including empty structs such as NoneStrategy) gets `additionalProperties: false`.
 * Maps already have an `additionalProperties` schema; definitions in `open` stay free-form.
 */
export function closeObjects(defs: Map<string, JsonSchema>, open: ReadonlySet<string>): void {
  for (const [name, def] of defs) {
    forEachSchema(def, (s) => {
      if (s === def && open.has(name)) return;
      if (s.type === 'object' && s.additionalProperties === undefined) s.additionalProperties = false;
    });
  }
}

/** Keeps the definitions reachable from `roots`. */
export function prune(defs: Map<string, JsonSchema>, roots: readonly string[]): Map<string, JsonSchema> {
  const kept = new Map<string, JsonSchema>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (kept.has(name)) continue;
    const def = defs.get(name);
    if (!def) throw new Error(`dangling reference to ${name}`);
    kept.set(name, def);
    forEachSchema(def, (s) => {
      if (s.$ref) stack.push(s.$ref.slice(DEFINITIONS_PREFIX.length));
    });
  }
  return kept;
}

const KEY_ORDER = ['$ref', 'title', 'description', 'type', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'minProperties', 'maxProperties'];

/** A copy with keywords in a fixed order and no undefined values, for stable output. */
export function sortKeys(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  const rank = (k: string): number => (KEY_ORDER.includes(k) ? KEY_ORDER.indexOf(k) : KEY_ORDER.length);
  for (const key of Object.keys(schema).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))) {
    const value = (schema as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, sortKeys(v)]));
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object') {
      out[key] = sortKeys(value as JsonSchema);
    } else {
      out[key] = value;
    }
  }
  return out as JsonSchema;
}

export interface SchemaStats {
  readonly properties: number;
  readonly enums: number;
  readonly closed: number;
}

export function stats(defs: Record<string, JsonSchema>): SchemaStats {
  let properties = 0;
  let enums = 0;
  let closed = 0;
  for (const def of Object.values(defs)) {
    forEachSchema(def, (s) => {
      properties += Object.keys(s.properties ?? {}).length;
      if (s.enum && s.enum.length > 1) enums++;
      if (s.additionalProperties === false) closed++;
    });
  }
  return { properties, enums, closed };
}
