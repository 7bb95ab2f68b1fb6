/** The committed schema and validator code: in sync with the generator, well-formed, fast. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { validateArgoSchema } from '../../server/src/core/schema';
import type { JsonSchema } from '../../server/src/core/schema';
import { SCHEMA_HASH } from '../../server/src/core/schema/generated/validators';
import { DEFINITIONS_PREFIX, KIND_DEFINITIONS } from '../../server/src/core/schema/json-schema';
import { SCHEMA_DOCUMENT } from '../../server/src/core/schema/schema-document';
import { schemaHash } from '../../scripts/schemas/standalone';
import { schemaModelsSkip } from '../helpers/tools';

const ROOT = resolve(__dirname, '..', '..');
const SCHEMA_FILE = resolve(ROOT, 'schemas', 'argo-workflows.schema.json');

/** Objects that stay free-form (any keys): plugin bodies and managedFields tries. */
const OPEN_OBJECTS = new Set(['io.argoproj.workflow.v1alpha1.Plugin', 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1']);

function eachSchema(visit: (s: JsonSchema, where: string) => void): void {
  const walk = (s: JsonSchema, where: string): void => {
    visit(s, where);
    for (const [k, p] of Object.entries(s.properties ?? {})) walk(p, `${where}.${k}`);
    if (s.items) walk(s.items, `${where}[]`);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}{}`);
  };
  for (const [name, def] of Object.entries(SCHEMA_DOCUMENT.definitions)) walk(def, name);
}

test('the validator code was generated from the committed schema', () => {
  assert.equal(SCHEMA_HASH, schemaHash(readFileSync(SCHEMA_FILE, 'utf8')), 'run npm run schemas');
});

test('npm run schemas reproduces the committed files', { skip: schemaModelsSkip() }, () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/schemas/generate.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
});

test('every $ref resolves; no anyOf/oneOf/allOf (their error cascades are avoided by construction)', () => {
  eachSchema((s, where) => {
    if (s.$ref) {
      assert.ok(s.$ref.startsWith(DEFINITIONS_PREFIX), where);
      assert.ok(SCHEMA_DOCUMENT.definitions[s.$ref.slice(DEFINITIONS_PREFIX.length)], `${where}: ${s.$ref}`);
    }
    for (const k of ['anyOf', 'oneOf', 'allOf', 'not', 'if']) assert.ok(!(k in s), `${where} uses ${k}`);
  });
  for (const name of Object.values(KIND_DEFINITIONS)) assert.ok(SCHEMA_DOCUMENT.definitions[name], name);
});

test('every object is closed (unknown keys are reported) except the free-form ones', () => {
  const open: string[] = [];
  eachSchema((s, where) => {
    if (s.type === 'object' && s.additionalProperties === undefined) open.push(where);
  });
  assert.deepEqual(open.sort(), [...OPEN_OBJECTS].sort());
});

test('the schema carries descriptions and enums', () => {
  let properties = 0;
  let described = 0;
  let enums = 0;
  eachSchema((s) => {
    if (s.enum && s.enum.length > 1) enums++;
    for (const p of Object.values(s.properties ?? {})) {
      properties++;
      const target = p.$ref ? SCHEMA_DOCUMENT.definitions[p.$ref.slice(DEFINITIONS_PREFIX.length)] : undefined;
      if (p.description || target?.description) described++;
    }
  });
  assert.ok(properties > 1000, `${properties} properties`);
  assert.ok(described / properties > 0.95, `${described}/${properties} properties described`);
  assert.ok(enums >= 37, `${enums} enums`);
});

test('a 1000-task DAG validates (no problems; 1000 unknown keys give 1000 problems); the validator module loads', (t) => {
  const tasks = Array.from({ length: 1000 }, (_, i) => ({
    name: `task-${i}`,
    template: i % 2 ? 'echo' : 'work',
    ...(i > 0 ? { dependencies: [`task-${i - 1}`] } : {}),
    arguments: {
      parameters: [
        { name: 'message', value: `hello from task number ${i} of the big dag` },
        { name: 'n', value: i },
      ],
    },
    when: `{{tasks.task-${Math.max(0, i - 1)}.outputs.result}} != skip`,
    ...(i % 10 === 0 ? { withItems: [1, 'two', { three: 3 }] } : {}),
  }));
  const text = stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: 'big-dag-' },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', dag: { tasks } },
        {
          name: 'echo',
          inputs: { parameters: [{ name: 'message' }, { name: 'n' }] },
          container: { image: 'alpine:3.20', args: ['echo {{inputs.parameters.message}}'] },
        },
        {
          name: 'work',
          inputs: { parameters: [{ name: 'message' }, { name: 'n' }] },
          script: { image: 'python:3.12', command: ['python'], source: 'print(1)' },
        },
      ],
    },
  });
  const value: unknown = parse(text);
  assert.ok(text.length > 250_000, `document is ${text.length} bytes`);
  assert.deepEqual(validateArgoSchema('Workflow', value), []);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    validateArgoSchema('Workflow', value);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const bad: unknown = parse(text.replace(/ template: /g, ' tempalte: '));
  const started = performance.now();
  const problems = validateArgoSchema('Workflow', bad);
  const withProblems = performance.now() - started;
  assert.equal(problems.length, 1000);
  const load = spawnSync(
    process.execPath,
    ['-e', "const t = performance.now(); require('./server/src/core/schema/generated/validators.js'); console.log(performance.now() - t)"],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const loadMs = Number(load.stdout.trim());
  t.diagnostic(
    `${(text.length / 1024).toFixed(0)} KB DAG: median ${median.toFixed(2)} ms; with 1000 unknown keys ${withProblems.toFixed(1)} ms; validator module load ${loadMs.toFixed(1)} ms`,
  );
  // Timings are reported, not asserted: a busy machine is no bug (`npm run bench` measures speed).
  assert.equal(load.status, 0, load.stderr);
  assert.ok(Number.isFinite(loadMs), `the validator module loads: ${load.stdout}`);
});
