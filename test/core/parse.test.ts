import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from '../../server/src/core/parse/parse-file';
import { findUnderIndentedFlowLines } from '../../server/src/core/parse/go-yaml-compat';
import { OffsetMap } from '../../server/src/core/parse/offset-map';
import { check, codes } from '../helpers/analyze';
import { EXAMPLES, examplesSkip } from '../helpers/paths';

const WF = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: x
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: alpine
`;

test('offset map maps repaired offsets back to the original', () => {
  const m = new OffsetMap([
    { at: 10, length: 2 },
    { at: 20, length: 3 },
  ]);
  assert.equal(m.toOriginal(5), 5);
  assert.equal(m.toOriginal(10), 10); // inserted char maps to insertion point
  assert.equal(m.toOriginal(11), 10);
  assert.equal(m.toOriginal(12), 10);
  assert.equal(m.toOriginal(13), 11);
  assert.equal(m.toOriginal(22), 20);
  assert.equal(m.toOriginal(25), 20);
  assert.equal(m.toOriginal(30), 25);
});

test('Go YAML compatibility: under-indented closing quote in a flow sequence', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: x
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: alpine
      args: ["
        echo hi &&
        echo there
      "]
`;
  const repair = findUnderIndentedFlowLines(text);
  assert.equal(repair.lines.length, 1);
  const parsed = parseFile(text);
  const doc = parsed.documents[0];
  assert.equal(doc.hasErrors, false);
  const js = doc.doc.toJS() as { spec: { templates: { container: { args: string[] } }[] } };
  assert.deepEqual(js.spec.templates[0].container.args, [' echo hi && echo there ']);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['yaml-go-compat'],
  );
  assert.equal(seen[0].severity, 'warning');
  assert.equal(seen[0].at, '      "]');
});

test('Go YAML compatibility ignores brackets inside block scalars and comments', () => {
  const text = `${WF}        args:
          - |
            [section]
            key = "value
          - "[not a flow"  # [ comment
`;
  assert.equal(findUnderIndentedFlowLines(text).insertions.length, 0);
  assert.deepEqual(codes(text), []);
});

test('sidecar.yaml from Argo examples parses with a warning only', { skip: examplesSkip() }, () => {
  const text = readFileSync(join(EXAMPLES, 'sidecar.yaml'), 'utf8');
  const seen = check(text);
  assert.deepEqual([...new Set(seen.map((s) => s.severity))], ['warning']);
});

test('duplicate keys are errors at the second key', () => {
  const text = WF.replace('  name: x\n', '  name: x\n  name: z\n');
  const seen = check(text);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].code, 'duplicate-key');
  assert.equal(seen[0].at, 'name');
  assert.equal(seen[0].finding.range.start, text.indexOf('  name: z') + 2);
});

test('multi-document files: each Argo document is checked, others are left alone', () => {
  const cm = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  a: b
  a: c
`;
  const bad = WF.replace('entrypoint: main', 'entrypoint: mian');
  const text = `${cm}---\n${WF}---\n${bad}`;
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['unknown-template'],
  );
  assert.ok(seen[0].finding.range.start > text.lastIndexOf('---'));
});

test('non-Argo YAML gets no diagnostics, even when broken', () => {
  assert.deepEqual(codes('apiVersion: v1\nkind: Pod\nmetadata: {name: [\n'), []);
  assert.deepEqual(codes('key: value\nkey: other\n'), []);
  assert.deepEqual(codes('apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nspec: {}\n'), []);
  assert.deepEqual(codes(''), []);
});

test('syntax errors in a file with Argo documents are reported with a range', () => {
  const text = `${WF}      command: [echo, "unterminated\n`;
  const seen = check(text);
  assert.ok(
    seen.some((s) => s.code === 'yaml-syntax' && s.severity === 'error'),
    JSON.stringify(seen),
  );
});

test('anchors and aliases are followed', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: x
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - &t
            name: a
            template: echo
          - name: b
            template: echo
            dependencies: &deps [a]
          - name: c
            template: echo
            dependencies: *deps
    - name: echo
      container: &c
        image: alpine
    - name: echo2
      container: *c
`;
  assert.deepEqual(codes(text), []);
  const cyc = text.replace('dependencies: &deps [a]', 'dependencies: &deps [c]').replace('dependencies: *deps', 'dependencies: [b]');
  assert.deepEqual(codes(cyc), ['dag-cycle']);
});

test('alias bombs do not hang or throw', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 12; i++)
    lines.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`,
    );
  const text = `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: x}\nspec:\n  entrypoint: main\n  bomb:\n${lines.map((l) => `    ${l}`).join('\n')}\n  templates:\n    - name: main\n      container: {image: alpine}\n`;
  const t0 = Date.now();
  check(text);
  assert.ok(Date.now() - t0 < 5000);
});

test('a document with a YAML syntax error reports that error only: no false "entrypoint is required" above it', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: "alpine:3.20
        args: [a
`;
  const seen = check(text);
  assert.ok(seen.length > 0);
  assert.deepEqual([...new Set(seen.map((s) => s.code))], ['yaml-syntax']);
});
