/**
 * Coverage against Argo's own JSON schema (../shared/argo/schema.json, read at test time only): every
 * property that Argo's schema defines for the four kinds, in every definition they reach, exists at the
 * same place in ours. Our schema is generated from npm packages; this checks that nothing was lost.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { JsonSchema } from '../../server/src/core/schema';
import { DEFINITIONS_PREFIX, KIND_DEFINITIONS } from '../../server/src/core/schema/json-schema';
import { SCHEMA_DOCUMENT } from '../../server/src/core/schema/schema-document';

const ARGO_SCHEMA = resolve(__dirname, '..', '..', '..', 'shared', 'argo', 'schema.json');
const SKIP = existsSync(ARGO_SCHEMA) ? false : `Argo's schema not found at ${ARGO_SCHEMA}; skipping the coverage check`;

/** Properties of Argo's schema we knowingly do not have, as `full.definition.Name.property`, with the reason. (None.) */
const ALLOWED_MISSING: ReadonlyMap<string, string> = new Map<string, string>([]);

interface Definitions {
  readonly [name: string]: JsonSchema;
}

function resolveRef(defs: Definitions, schema: JsonSchema): { schema: JsonSchema; name?: string } {
  let current = schema;
  let name: string | undefined;
  for (let i = 0; current.$ref && i < 32; i++) {
    name = current.$ref.replace(/^#\/(definitions|\$defs)\//, '');
    const next = defs[name];
    if (!next) break;
    current = next;
  }
  return { schema: current, name };
}

test("coverage: every property of Argo's schema for the four kinds exists in ours", { skip: SKIP }, (t) => {
  const argo = JSON.parse(readFileSync(ARGO_SCHEMA, 'utf8')) as { definitions: Definitions };
  const ours = SCHEMA_DOCUMENT.definitions;
  assert.ok(Object.keys(ours).every((k) => !k.startsWith(DEFINITIONS_PREFIX)));
  const checked = new Set<string>();
  const missing = new Map<string, string>();
  const visited = new Set<string>();

  function walk(a: JsonSchema, o: JsonSchema | undefined, label: string, where: string): void {
    const ra = resolveRef(argo.definitions, a);
    const ro = o ? resolveRef(ours, o) : undefined;
    const owner = ra.name ?? label;
    const key = `${ra.name ?? where}|${ro?.name ?? ''}`;
    if (visited.has(key)) return;
    visited.add(key);
    for (const [prop, sub] of Object.entries(ra.schema.properties ?? {})) {
      const id = `${owner}.${prop}`;
      checked.add(id);
      const mine = ro?.schema.properties?.[prop];
      if (!mine) {
        if (!missing.has(id)) missing.set(id, `${where}.${prop}`);
        continue;
      }
      walk(sub, mine, id, `${where}.${prop}`);
    }
    if (ra.schema.items) walk(ra.schema.items, ro?.schema.items, `${owner}[]`, `${where}[]`);
    const ap = ra.schema.additionalProperties;
    if (ap && typeof ap === 'object') {
      const mine = ro?.schema.additionalProperties;
      walk(ap, typeof mine === 'object' ? mine : undefined, `${owner}{}`, `${where}{}`);
    }
  }

  for (const [kind, name] of Object.entries(KIND_DEFINITIONS)) {
    const a = argo.definitions[name];
    assert.ok(a, `Argo's schema has no ${name}`);
    walk({ $ref: `#/definitions/${name}` }, { $ref: `${DEFINITIONS_PREFIX}${name}` }, kind, kind);
  }
  const covered = checked.size - missing.size;
  t.diagnostic(`${covered}/${checked.size} properties covered (${((100 * covered) / checked.size).toFixed(1)} %)`);
  for (const [id, where] of missing) t.diagnostic(`missing ${id} (e.g. at ${where})${ALLOWED_MISSING.has(id) ? ' (allowed)' : ''}`);
  assert.ok(checked.size > 1000, `expected 1000+ properties in Argo's schema, found ${checked.size}`);
  const unexpected = [...missing.keys()].filter((id) => !ALLOWED_MISSING.has(id));
  assert.deepEqual(unexpected, [], 'properties of Argo missing from our schema: add them to the overlay, or allow them with a reason');
  const stale = [...ALLOWED_MISSING.keys()].filter((id) => !missing.has(id));
  assert.deepEqual(stale, [], 'allowed-missing entries that are no longer missing');
});

test("coverage: Argo's definitions for the kinds keep their names in ours", { skip: SKIP }, () => {
  const argo = JSON.parse(readFileSync(ARGO_SCHEMA, 'utf8')) as { definitions: Definitions };
  for (const name of Object.values(KIND_DEFINITIONS)) {
    assert.ok(argo.definitions[name], name);
    assert.ok(SCHEMA_DOCUMENT.definitions[name], name);
  }
  for (const name of ['io.argoproj.workflow.v1alpha1.Template', 'io.k8s.api.core.v1.Container', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']) {
    assert.ok(SCHEMA_DOCUMENT.definitions[name], name);
  }
});
