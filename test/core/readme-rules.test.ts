import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/core/rules/registry';
import { REPO } from '../helpers/paths';

test('README lists every rule with its default severity', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const missing = allRules().filter((r) => !readme.includes(`| \`${r.code}\` | ${r.severity} |`));
  assert.deepEqual(
    missing.map((r) => r.code),
    [],
    'regenerate the table with `npx tsx scripts/rules-table.ts`',
  );
});

test('rule codes are unique kebab-case ids with a description and an example', () => {
  const codes = allRules().map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of allRules()) {
    assert.match(r.code, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    assert.ok(r.description.length > 10 && r.example.length > 3, r.code);
  }
});
