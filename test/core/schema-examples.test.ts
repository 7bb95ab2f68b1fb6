/**
 * Zero false positives: every Argo document of Argo's own examples (../shared/argo/examples, read at test
 * time only) validates without a schema problem. Documents are parsed the way the linter parses them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseFile } from '../../server/src/core/parse/parse-file';
import { formatPath, validateArgoSchema } from '../../server/src/core/schema';
import { ARGO_API_VERSION, ARGO_KINDS } from '../../server/src/core/types';
import type { ArgoKind } from '../../server/src/core/types';

const EXAMPLES = resolve(__dirname, '..', '..', '..', 'shared', 'argo', 'examples');
const SKIP = existsSync(EXAMPLES) ? false : `Argo examples not found at ${EXAMPLES}; skipping the false-positive check`;

/**
 * Problems that are real mistakes in an example, as `file: kind path`. Each needs a reason.
 * (None so far: every example decodes cleanly.)
 */
const KNOWN_PROBLEMS: ReadonlyMap<string, string> = new Map<string, string>([]);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
    })
    .sort();
}

test('Argo examples: no schema problems in any Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow', { skip: SKIP }, (t) => {
  const files = yamlFiles(EXAMPLES);
  assert.ok(files.length >= 200, `expected Argo's ~217 example files, found ${files.length}`);
  let documents = 0;
  const found: string[] = [];
  const started = performance.now();
  for (const file of files) {
    for (const parsed of parseFile(readFileSync(file, 'utf8')).documents) {
      const value: unknown = parsed.doc.toJS();
      if (value === null || typeof value !== 'object') continue;
      const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
      if (apiVersion !== ARGO_API_VERSION || !ARGO_KINDS.includes(kind as ArgoKind)) continue;
      documents++;
      for (const p of validateArgoSchema(kind as ArgoKind, value)) {
        found.push(`${relative(EXAMPLES, file)}: ${p.kind} ${formatPath(p.path)} (${p.message})`);
      }
    }
  }
  t.diagnostic(`${documents} documents in ${files.length} files validated in ${(performance.now() - started).toFixed(0)} ms`);
  assert.ok(documents >= 200, `expected 200+ Argo documents, found ${documents}`);
  const unexpected = found.filter((f) => !KNOWN_PROBLEMS.has(f.slice(0, f.indexOf(' ('))));
  for (const f of found) t.diagnostic(f);
  assert.deepEqual(unexpected, [], 'schema problems in the Argo examples (false positives, or real problems to list in KNOWN_PROBLEMS with a reason)');
});
