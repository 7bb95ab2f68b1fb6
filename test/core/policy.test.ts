import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argoAccepts, stricterThanArgo } from '../../server/src/core/policy';
import { allRules } from '../../server/src/core/rules';

test('the rules stricter than Argo are exactly those that are not errors by default', () => {
  const notErrors = allRules()
    .filter((r) => r.severity !== 'error')
    .map((r) => r.code)
    .sort();
  assert.deepEqual([...stricterThanArgo()].sort(), notErrors);
});

test('what Argo rejects is never accepted: cycles, unknown dependencies, YAML errors', () => {
  for (const code of ['dag-cycle', 'unknown-dependency', 'yaml-syntax', 'duplicate-key', 'missing-entrypoint', 'unknown-template'])
    assert.equal(argoAccepts(code), false, code);
  assert.equal(argoAccepts('yaml11-boolean'), true);
});
