import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import type { GraphOptions, WorkflowGraph } from '../../server/src/core/graph/types';

const EXAMPLES = join(process.cwd(), '..', 'shared', 'argo', 'examples');
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'seed');

function graphOf(text: string, options: GraphOptions = {}): WorkflowGraph {
  const r = buildGraph(analyzeText(text), options);
  if (!r.ok) assert.fail(r.error);
  return r.graph;
}

const edgeList = (g: WorkflowGraph): string[] => g.edges.map((e) => `${e.from}->${e.to}`).sort();
const node = (g: WorkflowGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `no node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
};

function wf(templates: string, extra = ''): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: t\nspec:\n  entrypoint: main\n${extra}  templates:\n${templates}`;
}

test('image pipeline: 4 task nodes in a chain, each with the source range of its task', () => {
  const text = readFileSync(join(FIXTURES, 'image-pipeline.yaml'), 'utf8');
  const g = graphOf(text);
  assert.deepEqual(
    g.nodes.map((n) => n.name),
    ['download', 'resize', 'filter', 'upload'],
  );
  assert.deepEqual(edgeList(g), ['download->resize', 'filter->upload', 'resize->filter']);
  assert.ok(g.nodes.every((n) => n.kind === 'task' && n.call.template === 'step' && n.call.type === 'container'));
  for (const n of g.nodes) assert.ok(text.slice(n.range.start, n.range.end).startsWith(`name: ${n.name}`), n.name);
  assert.equal(g.root.template, 'pipeline');
  assert.equal(g.root.isEntrypoint, true);
});

test('dag-diamond example: A,B,C,D with the diamond edges', { skip: !existsSync(EXAMPLES) && 'examples not found at ../shared/argo/examples' }, () => {
  const g = graphOf(readFileSync(join(EXAMPLES, 'dag-diamond.yaml'), 'utf8'));
  assert.deepEqual(
    g.nodes.map((n) => n.id),
    ['A', 'B', 'C', 'D'],
  );
  assert.deepEqual(edgeList(g), ['A->B', 'A->C', 'B->D', 'C->D']);
});

test('depends: labels for non-default results and negation, none for plain names', () => {
  const g = graphOf(
    wf(`  - name: main
    dag:
      tasks:
      - {name: a, template: x}
      - {name: b, template: x}
      - {name: c, template: x, depends: "a.Failed || a.Errored"}
      - {name: d, template: x, depends: "a && !b"}
      - {name: e, template: x, depends: "(c.Succeeded || c.Skipped) && d"}
  - name: x
    container: {image: alpine}
`),
  );
  const cond = (from: string, to: string): string | undefined => g.edges.find((e) => e.from === from && e.to === to)?.condition;
  assert.equal(cond('a', 'c'), 'Failed | Errored');
  assert.equal(cond('a', 'd'), undefined);
  assert.equal(cond('b', 'd'), 'not');
  assert.equal(cond('c', 'e'), 'Succeeded | Skipped');
  assert.equal(cond('d', 'e'), undefined);
  assert.equal(g.edges.length, 5);
});

test('steps: parallel groups in sequence, ids shaped like Argo node names', () => {
  const g = graphOf(
    wf(`  - name: main
    steps:
    - - {name: one, template: x}
    - - {name: two-a, template: x}
      - {name: two-b, template: x}
    - []
    - - {name: three, template: x}
  - name: x
    container: {image: alpine}
`),
  );
  assert.deepEqual(
    g.nodes.map((n) => `${n.id}@${n.stepGroup}`),
    ['[0].one@0', '[1].two-a@1', '[1].two-b@1', '[3].three@3'],
  );
  assert.deepEqual(edgeList(g), ['[0].one->[1].two-a', '[0].one->[1].two-b', '[1].two-a->[3].three', '[1].two-b->[3].three']);
  assert.ok(g.edges.every((e) => e.kind === 'sequence'));
});

test('nested DAG templates are expandable groups; collapsed on request', { skip: !existsSync(EXAMPLES) && 'examples not found' }, () => {
  const text = readFileSync(join(EXAMPLES, 'dag-nested.yaml'), 'utf8');
  const g = graphOf(text);
  assert.equal(g.nodes.length, 4 + 16);
  const a = node(g, 'A');
  assert.deepEqual(a.group, { template: 'nested-diamond', type: 'dag', collapsed: false, childCount: 4 });
  assert.deepEqual(
    g.nodes.filter((n) => n.parent === 'A').map((n) => n.id),
    ['A.A', 'A.B', 'A.C', 'A.D'],
  );
  assert.ok(g.edges.some((e) => e.from === 'B.B' && e.to === 'B.D' && e.parent === 'B'));
  const c = graphOf(text, { collapsed: ['B'] });
  assert.equal(node(c, 'B').group?.collapsed, true);
  assert.equal(c.nodes.filter((n) => n.parent === 'B').length, 0);
  assert.equal(c.nodes.length, 16);
  assert.equal(graphOf(text, { collapseAll: true }).nodes.length, 4);
});

test('recursion: a template calling itself is a node linking back, not an endless graph', () => {
  const g = graphOf(
    wf(`  - name: main
    dag:
      tasks:
      - {name: start, template: loop}
  - name: loop
    steps:
    - - {name: flip, template: x}
    - - {name: again, template: loop, when: "{{steps.flip.outputs.result}} == tails"}
  - name: x
    script: {image: python, source: "print(1)"}
`),
  );
  assert.deepEqual(
    g.nodes.map((n) => n.id),
    ['start', 'start[0].flip', 'start[1].again'],
  );
  assert.deepEqual(node(g, 'start[1].again').recursion, { template: 'loop', targetId: 'start' });
  assert.equal(node(g, 'start[1].again').group, undefined);
  assert.equal(node(g, 'start[1].again').when, '{{steps.flip.outputs.result}} == tails');
});

test('coinflip-recursive example: the recursive step links to the root', { skip: !existsSync(EXAMPLES) && 'examples not found' }, () => {
  const g = graphOf(readFileSync(join(EXAMPLES, 'coinflip-recursive.yaml'), 'utf8'));
  assert.deepEqual(node(g, '[1].tails').recursion, { template: 'coinflip', targetId: '' });
  assert.equal(g.nodes.length, 3);
});

test('templateRef, inline templates, loops and when are on the nodes', () => {
  const g = graphOf(
    wf(`  - name: main
    dag:
      tasks:
      - name: ref
        templateRef: {name: shared, template: build, clusterScope: true}
      - name: fan
        template: x
        withItems: [1, 2, 3]
      - name: dyn
        template: x
        withParam: "{{tasks.ref.outputs.result}}"
        when: "{{tasks.ref.outputs.result}} != '[]'"
      - name: inl
        inline:
          container: {image: busybox}
  - name: x
    container: {image: alpine}
`),
  );
  assert.deepEqual(node(g, 'ref').call.templateRef, { name: 'shared', template: 'build', clusterScope: true });
  assert.deepEqual(node(g, 'fan').loop, { kind: 'withItems', count: 3 });
  assert.deepEqual(node(g, 'dyn').loop, { kind: 'withParam', param: '{{tasks.ref.outputs.result}}' });
  assert.equal(node(g, 'dyn').when, "{{tasks.ref.outputs.result}} != '[]'");
  assert.deepEqual(node(g, 'inl').call, { inline: true, type: 'container' });
  assert.equal(node(g, 'fan').details.image, 'alpine');
});

test('exit handlers (workflow and task level) and lifecycle hooks', () => {
  const g = graphOf(
    wf(
      `  - name: main
    dag:
      tasks:
      - name: a
        template: x
        onExit: cleanup
        hooks:
          running: {template: notify, expression: 'tasks.a.status == "Running"'}
      - {name: b, template: x, depends: a}
  - name: x
    container: {image: alpine}
  - name: cleanup
    container: {image: alpine}
  - name: notify
    container: {image: alpine}
`,
      '  onExit: cleanup\n  hooks:\n    exit: {template: notify}\n',
    ),
  );
  assert.equal(node(g, 'a.onExit').kind, 'exit');
  assert.equal(node(g, 'a.hooks.running').kind, 'hook');
  assert.equal(node(g, 'a.hooks.running').when, 'tasks.a.status == "Running"');
  assert.equal(node(g, 'onExit').kind, 'exit');
  assert.equal(node(g, 'hooks.exit').kind, 'hook');
  const kinds = Object.fromEntries(g.edges.map((e) => [`${e.from}->${e.to}`, e.kind]));
  assert.equal(kinds['a->a.onExit'], 'exit');
  assert.equal(kinds['a->a.hooks.running'], 'hook');
  assert.equal(kinds['b->onExit'], 'exit');
  assert.equal(kinds['a->b'], 'dependency');
});

test('artifacts label the edges they travel on, and can be left out', () => {
  const text = wf(`  - name: main
    dag:
      tasks:
      - {name: gen, template: x}
      - name: use
        template: x
        dependencies: [gen]
        arguments: {artifacts: [{name: in, from: "{{tasks.gen.outputs.artifacts.out}}"}]}
      - name: late
        template: x
        arguments: {artifacts: [{name: in, from: "{{tasks.gen.outputs.artifacts.report}}"}]}
  - name: x
    container: {image: alpine}
`);
  const g = graphOf(text);
  assert.deepEqual(g.edges.find((e) => e.to === 'use')?.artifacts, ['out']);
  const late = g.edges.find((e) => e.to === 'late');
  assert.equal(late?.kind, 'artifact');
  assert.deepEqual(late?.artifacts, ['report']);
  const off = graphOf(text, { showArtifacts: false });
  assert.equal(off.edges.length, 1);
  assert.deepEqual(off.edges[0].artifacts, []);
});

test('problems: cycle edges, missing dependencies and unknown templates are marked', () => {
  const cyc = graphOf(readFileSync(join(FIXTURES, 'image-pipeline-cycle.yaml'), 'utf8'));
  const cycleEdges = cyc.edges.filter((e) => e.problems.some((p) => p.code === 'dag-cycle'));
  // Every edge of the cycle, not only the one that closes it.
  assert.deepEqual(cycleEdges.map((e) => `${e.from}->${e.to}`).sort(), ['download->resize', 'filter->upload', 'resize->filter', 'upload->download']);

  const typo = graphOf(readFileSync(join(FIXTURES, 'image-pipeline-typo.yaml'), 'utf8'));
  assert.deepEqual(
    typo.missing.map((m) => m.name),
    ['resise'],
  );
  const dangling = typo.edges.find((e) => e.kind === 'missing');
  assert.equal(dangling?.to, 'filter');
  assert.ok(node(typo, 'filter').problems.some((p) => p.code === 'unknown-dependency'));

  const broken = graphOf(
    wf(`  - name: main
    dag:
      tasks:
      - {name: a, template: x}
      - {name: b, template: x, depends: "a && (c || <junk>"}
  - name: x
    container: {image: alpine}
`),
  );
  assert.deepEqual(broken.missing, [], 'a depends that does not parse draws no placeholders');
  assert.deepEqual(edgeList(broken), ['a->b']);

  const g = graphOf(
    wf(`  - name: main
    dag:
      tasks:
      - {name: a, template: nope}
`),
  );
  assert.equal(node(g, 'a').call.unresolved, true);
  assert.ok(node(g, 'a').problems.some((p) => p.code === 'unknown-template'));
});

test('a leaf entrypoint is one node; errors are clear', () => {
  const g = graphOf(
    wf(`  - name: main
    container: {image: alpine}
`),
  );
  assert.deepEqual(
    g.nodes.map((n) => `${n.id}:${n.kind}`),
    ['main:template'],
  );
  const err = (text: string, o: GraphOptions = {}): string => {
    const r = buildGraph(analyzeText(text), o);
    assert.equal(r.ok, false);
    return r.ok ? '' : r.error;
  };
  assert.match(err('a: 1\n'), /No Argo document/);
  assert.match(err(wf('  - name: main\n    container: {image: a}\n'), { template: 'nope' }), /Template "nope" is not defined.*Templates: main/);
  assert.match(
    err('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  workflowTemplateRef: {name: shared}\n'),
    /workflowTemplateRef/,
  );
  assert.match(err(wf('  - name: main\n    container: {image: a}\n'), { documentIndex: 3 }), /no YAML document 3/);
});

test('a second document and a chosen template', () => {
  const text = `kind: ConfigMap\napiVersion: v1\n---\n${wf(`  - name: main
    steps:
    - - {name: s, template: sub}
  - name: sub
    dag:
      tasks:
      - {name: t, template: leaf}
  - name: leaf
    container: {image: a}
`)}`;
  const g = graphOf(text);
  assert.equal(g.documentIndex, 1);
  assert.deepEqual(
    g.nodes.map((n) => n.id),
    ['[0].s', '[0].s.t'],
  );
  const sub = graphOf(text, { template: 'sub' });
  assert.deepEqual(
    sub.nodes.map((n) => n.id),
    ['t'],
  );
  assert.equal(sub.root.isEntrypoint, false);
  assert.deepEqual(
    sub.templates.map((t) => t.name),
    ['main', 'sub', 'leaf'],
  );
});

test('expansion stops at the node budget and says so', () => {
  const tasks = Array.from({ length: 30 }, (_, i) => `      - {name: t${i}, template: inner}`).join('\n');
  const inner = Array.from({ length: 20 }, (_, i) => `      - {name: i${i}, template: leaf}`).join('\n');
  const g = graphOf(
    wf(`  - name: main\n    dag:\n      tasks:\n${tasks}\n  - name: inner\n    dag:\n      tasks:\n${inner}\n  - name: leaf\n    container: {image: a}\n`),
    { maxNodes: 200 },
  );
  assert.equal(g.truncated, true);
  assert.ok(g.nodes.length <= 30 + 200, String(g.nodes.length));
  assert.ok(g.nodes.some((n) => n.group?.collapsed === true));
  assert.ok(g.nodes.some((n) => n.group?.collapsed === false));
});
