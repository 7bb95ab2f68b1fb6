import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/text/line-index';
import { indexTexts } from '../../server/src/core/workspace/index-texts';
import { EXAMPLES, examplesSkip } from '../helpers/paths';

/**
 * Every finding of error severity that we accept in Argo's own examples, with the reason.
 * `argo lint` itself rejects these files.
 */
const EXPECTED_ERRORS: Record<string, { code: string; reason: string }[]> = {
  'k8s-patch-json-workflow.yaml': [
    { code: 'duplicate-key', reason: 'metadata.annotations appears twice; argo lint\'s strict decoding rejects it (key "annotations" already set in map)' },
  ],
};

/**
 * Warnings we accept, each a real problem of the example:
 * - yaml-go-compat: a quoted string in [...] continues on a line indented no deeper than its key;
 *   Go YAML (Argo) accepts it, YAML 1.2 does not.
 * - name-or-generate-name-required: `generateName` is indented under `labels`, so the Workflow
 *   has neither name nor generateName (fun-with-gifs.yaml, k8s-jobs.yaml).
 * - unknown-argument: a step passes a parameter the called template does not declare; Argo ignores it.
 */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  'ci-output-artifact.yaml': ['yaml-go-compat', 'yaml-go-compat'],
  'ci.yaml': ['yaml-go-compat', 'yaml-go-compat'],
  'cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml': ['unknown-argument'],
  'fun-with-gifs.yaml': ['name-or-generate-name-required'],
  'influxdb-ci.yaml': ['yaml-go-compat', 'yaml-go-compat', 'yaml-go-compat'],
  'k8s-jobs.yaml': ['name-or-generate-name-required'],
  'k8s-orchestration.yaml': ['yaml-go-compat'],
  'nested-workflow.yaml': ['yaml-go-compat', 'yaml-go-compat'],
  'secrets.yaml': ['yaml-go-compat'],
  'sidecar.yaml': ['yaml-go-compat'],
  'synchronization-db-mutex-tmpl-level.yaml': ['unknown-argument', 'unknown-argument'],
  'synchronization-db-tmpl-level.yaml': ['unknown-argument'],
  'synchronization-mutex-tmpl-level.yaml': ['unknown-argument', 'unknown-argument'],
  'synchronization-tmpl-level.yaml': ['unknown-argument'],
  'volumes-emptydir.yaml': ['yaml-go-compat'],
  'workflow-template/steps.yaml': ['unknown-argument'],
};

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const f = join(dir, n);
      return statSync(f).isDirectory() ? walk(f) : /\.ya?ml$/.test(n) ? [f] : [];
    });
}

test('Argo examples: no errors except where argo lint rejects the file; warnings only where real', { skip: examplesSkip() }, () => {
  const files = walk(EXAMPLES);
  // Like `argo lint --offline` over the directory: WorkflowTemplates of all files resolve templateRefs.
  const workspace = indexTexts(files.map((f) => ({ uri: f, text: readFileSync(f, 'utf8') })));
  assert.ok(files.length >= 200, `expected Argo's ~217 examples, found ${files.length}`);
  const unexpected: string[] = [];
  let argoDocs = 0;
  for (const file of files) {
    const rel = relative(EXAMPLES, file);
    const text = readFileSync(file, 'utf8');
    const a = analyzeText(text, { workspace, uri: file });
    argoDocs += a.documents.filter((d) => d.model).length;
    const li = new LineIndex(text);
    const errors = a.findings.filter((f) => f.severity === 'error');
    const warnings = a.findings.filter((f) => f.severity !== 'error');
    const okErrors = EXPECTED_ERRORS[rel] ?? [];
    assert.deepEqual(
      errors.map((e) => e.code),
      okErrors.map((e) => e.code),
      `${rel}: errors ${errors.map((e) => `${li.positionAt(e.range.start).line + 1}: ${e.code} ${e.message}`).join('; ')}`,
    );
    const got = warnings.map((w) => w.code);
    const want = EXPECTED_WARNINGS[rel] ?? [];
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      unexpected.push(
        `${rel}: ${warnings.map((w) => `${li.positionAt(w.range.start).line + 1}: ${w.severity} ${w.code} ${w.message}`).join('; ') || 'none'} (expected ${want.join(', ') || 'none'})`,
      );
    }
  }
  assert.deepEqual(unexpected, []);
  assert.ok(argoDocs >= 220, `expected about 223 Argo documents, found ${argoDocs}`);
});
