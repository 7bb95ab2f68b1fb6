import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestKey, editDistance, formatPath } from '../../server/src/core/schema';

test('editDistance counts insertions, deletions, substitutions and transpositions', () => {
  assert.equal(editDistance('contaner', 'container'), 1);
  assert.equal(editDistance('nmae', 'name'), 1);
  assert.equal(editDistance('image', 'imgae'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('closestKey suggests near keys only', () => {
  const keys = ['container', 'containerSet', 'script', 'steps', 'dag', 'name', 'inputs', 'outputs'];
  assert.equal(closestKey('contaner', keys), 'container');
  assert.equal(closestKey('Container', keys), 'container');
  assert.equal(closestKey('output', keys), 'outputs');
  assert.equal(closestKey('stpes', keys), 'steps');
  assert.equal(closestKey('dga', keys), 'dag');
  assert.equal(closestKey('xyz', keys), undefined);
  assert.equal(closestKey('somethingElse', keys), undefined);
  assert.equal(closestKey('a', []), undefined);
});

test('formatPath writes paths the way users read them', () => {
  assert.equal(formatPath(['spec', 'templates', 0, 'container']), 'spec.templates[0].container');
  assert.equal(formatPath(['metadata', 'labels', 'app.kubernetes.io/name']), 'metadata.labels["app.kubernetes.io/name"]');
  assert.equal(formatPath([]), '');
  assert.equal(formatPath(['spec', 'templates', 0, 'steps', 1, 0]), 'spec.templates[0].steps[1][0]');
});
