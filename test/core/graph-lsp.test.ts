import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LayoutCache } from '../../server/src/core/graph/layout';
import type { GraphResponse } from '../../server/src/core/graph/protocol';
import { GraphHost } from '../helpers/graph-host';

const TEXT = readFileSync(join(process.cwd(), 'test', 'fixtures', 'seed', 'image-pipeline.yaml'), 'utf8');
const URI = 'file:///w/image-pipeline.yaml';

function storeWith(text: string, cache = new LayoutCache()): GraphHost {
  return new GraphHost(cache).open(URI, text);
}

function ok(r: GraphResponse): Extract<GraphResponse, { ok: true }> {
  if (!r.ok) assert.fail(r.error);
  return r;
}

test('the worker answers argoStudio/graph with the laid-out graph', async () => {
  const r = ok(await storeWith(TEXT).graph({ uri: URI }));
  assert.equal(r.version, 1);
  assert.deepEqual(
    r.graph.nodes.map((n) => n.name),
    ['download', 'resize', 'filter', 'upload'],
  );
  for (const n of r.graph.nodes) assert.ok(r.layout.nodes[n.id], n.id);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(r)));
});

test('node locations are LSP ranges; the cursor offset names the node under it', async () => {
  const offset = TEXT.indexOf('dependencies: [resize]');
  const r = ok(await storeWith(TEXT).graph({ uri: URI, offset, direction: 'LR' }));
  assert.equal(r.activeNodeId, 'filter');
  assert.deepEqual(r.activeNodeIds, ['filter']);
  const filter = r.graph.nodes.find((n) => n.id === 'filter');
  const line = TEXT.slice(0, TEXT.indexOf('name: filter')).split('\n').length - 1;
  assert.deepEqual(filter?.location?.start, { line, character: TEXT.split('\n')[line].indexOf('name: filter') });
  assert.equal(r.layout.direction, 'LR');
});

test('the layout is re-used while edits keep the structure, recomputed when they change it', async () => {
  const store = storeWith(TEXT);
  const first = ok(await store.graph({ uri: URI }));
  assert.equal(first.layout.cached, false);
  const at = TEXT.indexOf('alpine:3.20');
  store.change(URI, 2, [{ range: { start: posOf(TEXT, at), end: posOf(TEXT, at + 11) }, text: 'alpine:3.21' }]);
  const second = ok(await store.graph({ uri: URI }));
  assert.equal(second.version, 2);
  assert.equal(second.layout.cached, true);
  const dep = TEXT.indexOf('dependencies: [filter]');
  store.change(URI, 3, [{ range: { start: posOf(TEXT, dep), end: posOf(TEXT, dep + 22) }, text: 'dependencies: [download]' }]);
  const third = ok(await store.graph({ uri: URI }));
  assert.equal(third.layout.cached, false);
  assert.ok(third.graph.edges.some((e) => e.from === 'download' && e.to === 'upload'));
});

function posOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

test('errors come back as data, not exceptions', async () => {
  const r = await new GraphHost().graph({ uri: 'file:///nope.yaml' });
  assert.equal(r.ok, false);
  const bad = await storeWith(TEXT).graph({ uri: URI, template: 'missing' });
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.error, /Template "missing" is not defined/);
  const svg = ok(await storeWith(TEXT).graph({ uri: URI, renderSvg: 'dark' })).svg ?? '';
  assert.match(svg, /^<svg /);
});

test('an "Open graph" CodeLens on each DAG/steps template', () => {
  const text = `${TEXT}---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: wt}\nspec:\n  templates:\n  - name: s\n    steps:\n    - - {name: a, template: l}\n  - name: l\n    container: {image: x}\n`;
  const lenses = storeWith(text).codeLenses(URI);
  assert.deepEqual(
    lenses.map((l) => l.command?.arguments),
    [
      [URI, 'pipeline', 0],
      [URI, 's', 1],
    ],
  );
  assert.ok(lenses.every((l) => l.command?.command === 'argoStudio.openGraph' && l.command.title === 'Open graph'));
  assert.equal(
    lenses[0].range.start.line,
    TEXT.split('\n').findIndex((l) => l.includes('- name: pipeline')),
  );
});
