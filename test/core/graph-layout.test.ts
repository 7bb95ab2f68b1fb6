import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { generateLayeredDag, layoutBenchmark } from '../../bench/graph-generators';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { isotonic } from '../../server/src/core/graph/layout/fast-place';
import { chooseEngine, layoutGraph, LayoutCache } from '../../server/src/core/graph/layout';
import { structureKey } from '../../server/src/core/graph/layout/layout-tree';
import type { Box, GraphDirection, GraphLayout, LayoutEngine, WorkflowGraph } from '../../server/src/core/graph/types';

const EXAMPLES = join(process.cwd(), '..', 'shared', 'argo', 'examples');
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'seed', 'image-pipeline.yaml');

function graphOf(text: string): WorkflowGraph {
  const r = buildGraph(analyzeText(text));
  if (!r.ok) assert.fail(r.error);
  return r.graph;
}

const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;
const near = (p: { x: number; y: number }, b: Box): boolean => p.x >= b.x - 1 && p.x <= b.x + b.width + 1 && p.y >= b.y - 1 && p.y <= b.y + b.height + 1;

/** Geometry every layout must satisfy: boxes for all, no overlapping siblings, groups around children, edges between their ends. */
function checkGeometry(g: WorkflowGraph, l: GraphLayout): void {
  const ids = [...g.nodes.map((n) => n.id), ...g.missing.map((m) => m.id)];
  for (const id of ids) assert.ok(l.nodes[id], `no box for ${id}`);
  const parentOf = new Map<string, string | undefined>([...g.nodes.map((n) => [n.id, n.parent] as const), ...g.missing.map((m) => [m.id, m.parent] as const)]);
  const siblings = new Map<string, string[]>();
  for (const id of ids) siblings.set(parentOf.get(id) ?? '', [...(siblings.get(parentOf.get(id) ?? '') ?? []), id]);
  for (const list of siblings.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) assert.ok(!overlap(l.nodes[list[i]], l.nodes[list[j]]), `${list[i]} overlaps ${list[j]}`);
  }
  for (const n of g.nodes) if (n.parent !== undefined) assert.ok(inside(l.nodes[n.id], l.nodes[n.parent]), `${n.id} outside its group ${n.parent}`);
  for (const e of g.edges) {
    const geo = l.edges[e.id];
    assert.ok(geo && geo.points.length >= 2, `no route for ${e.from}->${e.to}`);
    assert.ok(near(geo.points[0], l.nodes[e.from]), `${e.from}->${e.to} does not start at ${e.from}`);
    assert.ok(near(geo.points[geo.points.length - 1], l.nodes[e.to]), `${e.from}->${e.to} does not end at ${e.to}`);
  }
  for (const b of Object.values(l.nodes))
    assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= l.width + 0.5 && b.y + b.height <= l.height + 0.5, 'box outside the drawing');
}

for (const engine of ['elk', 'fast'] as LayoutEngine[]) {
  for (const direction of ['TB', 'LR'] as GraphDirection[]) {
    test(`${engine} ${direction}: the image pipeline flows ${direction === 'TB' ? 'down' : 'right'}`, async () => {
      const g = graphOf(readFileSync(FIXTURE, 'utf8'));
      const l = await layoutGraph(g, { engine, direction });
      assert.equal(l.engine, engine);
      checkGeometry(g, l);
      const order = ['download', 'resize', 'filter', 'upload'].map((id) => (direction === 'TB' ? l.nodes[id].y : l.nodes[id].x));
      for (let i = 1; i < order.length; i++) assert.ok(order[i] > order[i - 1], `not ordered: ${order.join(', ')}`);
    });

    test(`${engine} ${direction}: nested groups, placeholders and cycles`, { skip: !existsSync(EXAMPLES) && 'examples not found' }, async () => {
      for (const g of [
        graphOf(readFileSync(join(EXAMPLES, 'dag-nested.yaml'), 'utf8')),
        graphOf(readFileSync(join(process.cwd(), 'test', 'fixtures', 'seed', 'image-pipeline-typo.yaml'), 'utf8')),
        graphOf(readFileSync(join(process.cwd(), 'test', 'fixtures', 'seed', 'image-pipeline-cycle.yaml'), 'utf8')),
        graphOf(readFileSync(join(EXAMPLES, 'exit-handlers.yaml'), 'utf8')),
      ]) {
        checkGeometry(g, await layoutGraph(g, { engine, direction }));
      }
    });
  }
}

test('auto engine: ELK for small graphs, the fast layout for large ones', () => {
  assert.equal(chooseEngine(generateLayeredDag(50)), 'elk');
  assert.equal(chooseEngine(generateLayeredDag(1000)), 'fast');
});

test('the fast layout keeps a generated DAG readable: no overlaps, every edge downwards', async () => {
  const g = generateLayeredDag(300);
  const l = await layoutGraph(g, { engine: 'fast' });
  checkGeometry(g, l);
  for (const e of g.edges) assert.ok(l.nodes[e.to].y > l.nodes[e.from].y, `${e.from}->${e.to} goes up`);
});

test('the fast layout removes avoidable crossings', async () => {
  // a->d, b->c in input order would cross; the ordering should uncross them.
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  entrypoint: m\n  templates:\n  - name: m\n    dag:\n      tasks:\n      - {name: a, template: l}\n      - {name: b, template: l}\n      - {name: c, template: l, dependencies: [b]}\n      - {name: d, template: l, dependencies: [a]}\n  - name: l\n    container: {image: x}\n`;
  const g = graphOf(text);
  const l = await layoutGraph(g, { engine: 'fast' });
  const cx = (id: string): number => l.nodes[id].x + l.nodes[id].width / 2;
  assert.equal(Math.sign(cx('a') - cx('b')), Math.sign(cx('d') - cx('c')));
});

test('layout cache: same structure re-used; a structural change lays out again', async () => {
  const text = readFileSync(FIXTURE, 'utf8');
  const cache = new LayoutCache(4);
  const first = await layoutGraph(graphOf(text), { cache });
  assert.equal(first.cached, false);
  const edited = graphOf(text.replace('alpine:3.20', 'alpine:3.21').replace('value: resize', 'value: resize-more'));
  const again = await layoutGraph(edited, { cache });
  assert.equal(again.cached, true);
  assert.equal(again.key, first.key);
  assert.deepEqual(again.nodes, first.nodes);
  const changed = await layoutGraph(graphOf(text.replace('dependencies: [filter]', 'dependencies: [resize]')), { cache });
  assert.equal(changed.cached, false);
  assert.notEqual(changed.key, first.key);
  assert.notEqual(structureKey(graphOf(text), 'TB', 'elk'), structureKey(graphOf(text), 'LR', 'elk'));
  const renamed = graphOf(text.replace(/\bupload\b/g, 'upload-to-a-much-longer-bucket-name'));
  assert.notEqual(structureKey(renamed, 'TB', 'elk'), first.key);
});

test('isotonic regression keeps order at least squares', () => {
  assert.deepEqual([...isotonic(Float64Array.from([1, 3, 2, 4]), Float64Array.from([1, 1, 1, 1]))], [1, 2.5, 2.5, 4]);
  assert.deepEqual([...isotonic(Float64Array.from([5, 1]), Float64Array.from([3, 1]))], [4, 4]);
});

test('benchmark: 1000 nodes <= 500 ms and 5000 nodes <= 3 s', async () => {
  const rows = await layoutBenchmark([1000, 5000], { repeat: 2 });
  const [k1, k5] = rows;
  assert.equal(k1.nodes, 1000);
  assert.ok(k1.edges > 1000);
  assert.ok(k1.ms <= 500, `1000 nodes took ${k1.ms} ms`);
  assert.ok(k5.ms <= 3000, `5000 nodes took ${k5.ms} ms`);
});
