import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, suggest } from '../../server/src/core/util/suggest';

test('edit distance counts transpositions as one edit', () => {
  assert.equal(editDistance('ehco', 'echo'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggest picks a close candidate and rejects far ones', () => {
  assert.equal(suggest('contaner', ['container', 'script', 'resource']), 'container');
  assert.equal(suggest('resise', ['download', 'resize', 'filter']), 'resize');
  assert.equal(suggest('Download', ['download']), 'download');
  assert.equal(suggest('x', ['download', 'resize']), undefined);
  assert.equal(suggest('totally-different', ['a', 'b']), undefined);
});
