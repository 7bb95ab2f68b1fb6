import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { analyzeText, type Analysis } from '../../server/src/core/analyze';
import { parseDepends, walkDepends } from '../../server/src/core/expr/depends-parser';
import { complete } from '../../server/src/core/features/complete';
import { foldingRanges } from '../../server/src/core/features/folding';
import { hover } from '../../server/src/core/features/hover';
import { collectOccurrences, occurrenceAt } from '../../server/src/core/features/occurrences';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { aliasIndexStats } from '../../server/src/core/model/alias-index';
import { toPlain } from '../../server/src/core/model/to-plain';
import { reparseIncrementally } from '../../server/src/core/parse/incremental';
import { parseFile } from '../../server/src/core/parse/parse-file';
import { scalarOffsetStats } from '../../server/src/core/util/scalar-offsets';
import { MapWorkspaceIndex } from '../../server/src/core/workspace/template-summary';
import { PATHOLOGICAL, deepDepends, longTagLine, manyAliases } from '../../bench/pathological';

const NO_WORKSPACE = new MapWorkspaceIndex([]);

/** Every feature at a few offsets (and wherever `marks` occur): none may throw. */
function exerciseFeatures(text: string, analysis: Analysis, marks: readonly string[] = []): void {
  const offsets = new Set([0, 1, Math.floor(text.length / 3), Math.floor(text.length / 2), Math.max(0, text.length - 2), text.length]);
  for (const m of marks) {
    const at = text.indexOf(m);
    if (at >= 0) for (const d of [0, 1, Math.floor(m.length / 2), m.length]) offsets.add(at + d);
  }
  const occurrences = collectOccurrences(text, analysis);
  assert.ok(Array.isArray(occurrences));
  for (const o of offsets) {
    hover(text, analysis, o, NO_WORKSPACE);
    assert.ok(Array.isArray(complete(text, analysis, o, NO_WORKSPACE)));
    occurrenceAt(occurrences, o);
  }
  assert.ok(Array.isArray(documentSymbols(analysis)));
  assert.ok(Array.isArray(foldingRanges(analysis)));
  const g = buildGraph(analysis);
  assert.equal(typeof g.ok, 'boolean');
}

const SIZES = PATHOLOGICAL.filter((p) => !p.name.includes('MB file'));

for (const p of SIZES) {
  test(`pathological input "${p.name}": analysis and every feature answer`, () => {
    const text = p.make();
    const analysis = analyzeText(text);
    assert.ok(analysis.hasArgo);
    exerciseFeatures(text, analysis, ['depends', '{{inputs', '*a1', '&a1', 'r1:']);
  });
}

test('many aliases: each alias reads the value of its anchor', () => {
  const text = manyAliases(5000);
  const analysis = analyzeText(text);
  const model = analysis.documents[0].model;
  assert.ok(model);
  assert.equal(model.annotations.size, 10_000);
  for (const i of [0, 1, 2500, 4999]) {
    assert.equal(model.annotations.get(`k${i}`)?.value, `v${i}`);
    assert.equal(model.annotations.get(`r${i}`)?.value, `v${i}`);
  }
  assert.deepEqual(analysis.findings, []);
});

test('alias resolution walks each document once (linear in the aliases)', () => {
  const walked = (n: number): number => {
    const before = aliasIndexStats.walkedNodes;
    analyzeText(manyAliases(n));
    return aliasIndexStats.walkedNodes - before;
  };
  const small = walked(1000);
  const big = walked(2000);
  assert.ok(small > 0);
  assert.ok(big <= 2.2 * small, `walked ${small} nodes for 1,000 aliases and ${big} for 2,000`);
});

test('an alias reads the last anchor of that name before it (anchors may be redefined)', () => {
  const text =
    'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\n  annotations:\n    a: &n one\n    b: *n\n    c: &n two\n    d: *n\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container: {image: alpine}\n';
  const model = analyzeText(text).documents[0].model;
  assert.equal(model?.annotations.get('b')?.value, 'one');
  assert.equal(model?.annotations.get('d')?.value, 'two');
});

test('the plain value of a document equals yaml toJS (merge keys, aliases, odd keys)', () => {
  const samples = [
    'a: &x {b: 1, c: [1, 2]}\nd: *x\ne: {<<: *x, c: 3}\nf: {<<: [*x, {z: 1}], b: 9}\n',
    '1: a\nnull: b\n~: c\n"<<": d\n',
    '[a: 1, b]\n',
    'a: 12345678901234567890\nb: 0x1F\nc: .inf\nd: [1, 2]\ne: {x: {y: [z]}}\n',
    'x: &s [1, {a: 2}]\ny: [*s, *s]\n',
  ];
  for (const s of samples) {
    const doc = parseAllDocuments(s, { merge: true })[0] as Document.Parsed;
    assert.deepEqual(toPlain(doc, doc.contents), doc.toJS({ maxAliasCount: 10_000 }), s);
  }
  const bomb = `a: &a [x,x,x,x,x,x,x,x,x,x]\n${Array.from(
    { length: 12 },
    (_, i) =>
      `b${i}: &b${i} [${Array(10)
        .fill(i === 0 ? '*a' : `*b${i - 1}`)
        .join(',')}]`,
  ).join('\n')}\n`;
  const bombDoc = parseAllDocuments(bomb)[0] as Document.Parsed;
  assert.throws(() => toPlain(bombDoc, bombDoc.contents), /Excessive aliasing/);
  const cycle = parseAllDocuments('a: &a [*a]\n')[0] as Document.Parsed;
  assert.throws(() => toPlain(cycle, cycle.contents));
});

test('duplicate keys in a big mapping are still reported, once each, at the repeated key', () => {
  const keys = Array.from({ length: 3000 }, (_, i) => `    k${i}: v`);
  keys.splice(2000, 0, '    k7: again');
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\n  annotations:\n${keys.join('\n')}\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      container: {image: alpine}\n`;
  const dups = analyzeText(text).findings.filter((f) => f.code === 'duplicate-key');
  assert.equal(dups.length, 1);
  assert.equal(text.slice(dups[0].range.start, dups[0].range.end), 'k7');
  assert.equal(dups[0].range.start, text.indexOf('k7: again'));
});

test('one line of many tags: no finding for valid tags, scalar offsets mapped in linear work', () => {
  const chars = (n: number): number => {
    const before = scalarOffsetStats.chars;
    const text = longTagLine(n);
    const analysis = analyzeText(text);
    assert.deepEqual(
      analysis.findings.map((f) => f.code),
      ['missing-input-argument'],
    );
    const occ = collectOccurrences(text, analysis).filter((o) => o.kind === 'input');
    assert.equal(occ.length, n + 1);
    const last = occ[occ.length - 1];
    assert.equal(text.slice(last.range.start, last.range.end), 'x');
    assert.equal(text.slice(last.range.start - 'inputs.parameters.'.length - 2, last.range.end + 2), '{{inputs.parameters.x}}');
    return scalarOffsetStats.chars - before;
  };
  const small = chars(2000);
  const big = chars(4000);
  assert.ok(big <= 2.5 * small, `mapped ${small} source characters for 2,000 tags and ${big} for 4,000`);
});

test('one line of many unresolved tags: at most 100 findings of a code per string, then one summary', () => {
  const text = longTagLine(20_000).replace(/\{\{inputs\.parameters\.x\}\}/g, '{{inputs.parameters.y}}');
  const analysis = analyzeText(text);
  const unresolved = analysis.findings.filter((f) => f.code === 'unresolved-variable');
  assert.equal(unresolved.length, 101);
  const summary = unresolved.filter((f) => /19900 more unresolved-variable findings/.test(f.message));
  assert.equal(summary.length, 1);
  const located = unresolved.filter((f) => f !== summary[0]);
  assert.ok(located.every((f) => text.slice(f.range.start, f.range.end) === 'inputs.parameters.y'));
  exerciseFeatures(text, analysis, ['{{inputs']);
});

test('findings of one code are capped per document (one summary finding for the rest)', () => {
  const tasks = Array.from(
    { length: 40 },
    (_, i) => `          - name: t${i}\n            template: work\n            depends: "${Array.from({ length: 30 }, (_, j) => `n${i}x${j}`).join(' || ')}"`,
  ).join('\n');
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\nspec:\n  entrypoint: main\n  templates:\n    - name: main\n      dag:\n        tasks:\n${tasks}\n    - name: work\n      container: {image: alpine}\n`;
  const all = analyzeText(text, { maxFindingsPerCode: 10_000 }).findings.filter((f) => f.code === 'unknown-dependency');
  assert.equal(all.length, 1200);
  const capped = analyzeText(text).findings.filter((f) => f.code === 'unknown-dependency');
  assert.equal(capped.length, 1001);
  assert.equal(capped.filter((f) => /200 more unknown-dependency findings in this document/.test(f.message)).length, 1);
});

test('deep depends: one located "nested too deeply" error, the operand still referenced, features answer', () => {
  const text = deepDepends(2000);
  const analysis = analyzeText(text);
  const syntax = analysis.findings.filter((f) => f.code === 'depends-syntax');
  assert.equal(syntax.length, 1, JSON.stringify(analysis.findings));
  assert.match(syntax[0].message, /nested too deeply \(over 64 levels\)/);
  const valueStart = text.indexOf('"', text.indexOf('depends:')) + 1;
  assert.deepEqual(syntax[0].range, { start: valueStart + 64, end: valueStart + 65 });
  // `a` inside is still a use of task a (references, rename).
  const occurrences = collectOccurrences(text, analysis);
  const useOfA = occurrenceAt(occurrences, valueStart + 2000);
  assert.equal(useOfA?.kind, 'task');
  assert.equal(useOfA?.name, 'a');
  const g = buildGraph(analysis);
  assert.ok(g.ok);
  exerciseFeatures(text, analysis, ['depends', '(((a)))']);
});

test('depends parser: depth-limited nesting, long chains and `!` runs do not recurse per operand', () => {
  assert.deepEqual(parseDepends(`${'('.repeat(64)}a${')'.repeat(64)}`).errors, []);
  const deep = parseDepends(`${'('.repeat(65)}a${')'.repeat(65)} && b.Succeeded`);
  assert.equal(deep.errors.length, 1);
  assert.equal(deep.errors[0].start, 64);
  assert.deepEqual(
    deep.operands.map((o) => [o.task, o.result]),
    [
      ['a', undefined],
      ['b', 'Succeeded'],
    ],
  );
  const chain = parseDepends(Array.from({ length: 50_000 }, (_, i) => `t${i}`).join(' || '));
  assert.equal(chain.errors.length, 0);
  assert.equal(chain.operands.length, 50_000);
  let operands = 0;
  if (chain.ast) walkDepends(chain.ast, (n) => void (n.type === 'operand' && operands++));
  assert.equal(operands, 50_000);
  const nots = parseDepends(`${'!'.repeat(50_001)}a`);
  assert.equal(nots.errors.length, 0);
  let negations = -1;
  if (nots.ast) walkDepends(nots.ast, (n, k) => void (n.type === 'operand' && (negations = k)));
  assert.equal(negations, 50_001);
});

const HEAD =
  'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n  deep: ';
const ARGS =
  'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    inputs: {parameters: [{name: p}]}\n    container:\n      image: alpine\n      args: ';
const nested: [string, () => string][] = [
  ['50,000 levels of [ flow nesting', () => `${HEAD}${'['.repeat(50_000)}${']'.repeat(50_000)}\n`],
  ['2,000 levels of block mappings', () => `${HEAD}\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(4 + i * 2)}k:`).join('\n')} 1\n`],
  ['600 levels of flow sequences in a template, with a tag at the bottom', () => `${ARGS}${'['.repeat(600)}"{{inputs.parameters.p}}"${']'.repeat(600)}\n`],
  ['600 levels of flow mappings in a template', () => `${ARGS}${'{a: '.repeat(600)}"{{inputs.parameters.p}}"${'}'.repeat(600)}\n`],
  ['an expression tag of 50,000 nested parentheses', () => `${ARGS}["{{=${'('.repeat(50_000)}inputs.parameters.p${')'.repeat(50_000)}}}"]\n`],
  ['a long line of white space in a key and in a value', () => `${HEAD}x${' '.repeat(100_000)}y\n  other: a${' '.repeat(100_000)}b\n`],
];
for (const [name, make] of nested) {
  test(`nesting and long lines: ${name} — no feature throws`, () => {
    const text = make();
    const analysis = analyzeText(text);
    assert.ok(Array.isArray(analysis.findings));
    exerciseFeatures(text, analysis, ['deep', 'k:', '{{', 'args', 'other']);
  });
}

test('incremental re-parse falls back to a full parse with anchors, aliases or directives', () => {
  const item = (name: string, image: string): string => `    - name: ${name}\n      container:\n        image: ${image}\n`;
  const doc = (a: string, c: string): string =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: x-\nspec:\n  entrypoint: main\n  templates:\n${item('main', a)}${item('other', 'alpine')}${item('third', c)}`;
  const edit = (t: string): string => t.replace('name: other', 'name: otherz');
  // Plain: the edit inside one template is re-parsed alone.
  const base = doc('alpine', 'alpine');
  assert.ok(reparseIncrementally(parseFile(base), edit(base)));
  // An anchor in the first template, its alias in the third: the edited second one has neither.
  const withAlias = doc('&img alpine', '*img');
  assert.notEqual(edit(withAlias), withAlias);
  assert.equal(reparseIncrementally(parseFile(withAlias), edit(withAlias)), undefined);
  const withDirective = `%YAML 1.2\n---\n${base}`;
  assert.equal(reparseIncrementally(parseFile(withDirective), edit(withDirective)), undefined);
});
