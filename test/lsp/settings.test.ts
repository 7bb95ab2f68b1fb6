import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAnalyzeOptions } from '../../server/src/lsp/settings';

test('settings: rule severities, unknown values ignored, strictTemplateRefs', () => {
  assert.deepEqual(toAnalyzeOptions({ rules: { 'dag-cycle': 'warning', 'invalid-name': 'off', bogus: 'loud' } }).rules, {
    'dag-cycle': 'warning',
    'invalid-name': 'off',
  });
  assert.deepEqual(toAnalyzeOptions({ strictTemplateRefs: true }).rules, { 'template-ref-not-found': 'error' });
  assert.deepEqual(toAnalyzeOptions({ strictTemplateRefs: true, rules: { 'template-ref-not-found': 'warning' } }).rules, {
    'template-ref-not-found': 'warning',
  });
  assert.deepEqual(toAnalyzeOptions(null).rules, {});
});
