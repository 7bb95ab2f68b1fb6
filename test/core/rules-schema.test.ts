import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, dagWorkflow } from '../helpers/analyze';
import { applyEdits } from '../helpers/edits';

const base = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: alpine:3.20
        command: [echo, hi]
`;

test('a valid document has no schema findings', () => {
  assert.deepEqual(codes(base), []);
});

test('unknown-property: a typo is an error on the key (Argo decodes strictly), with a did-you-mean quick fix', () => {
  const text = base.replace('command: [echo, hi]', 'comand: [echo, hi]');
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.severity, s.at]),
    [['unknown-property', 'error', 'comand']],
  );
  assert.match(seen[0].message, /Did you mean "command"\? Argo rejects unknown fields \(schema: Argo v4\.1\)\./);
  const fix = seen[0].finding.fixes?.[0];
  assert.equal(fix?.edits[0].newText, 'command');
});

test('schema-enum: a bad enum value is an error on the value, with the allowed values and a fix', () => {
  const text = base.replace('command: [echo, hi]', 'imagePullPolicy: Allways');
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [['schema-enum', 'Allways']],
  );
  assert.match(seen[0].message, /IfNotPresent/);
  assert.equal(seen[0].finding.fixes?.[0].edits[0].newText, 'Always');
});

test('schema-type: a string where a list is expected', () => {
  const text = base.replace('command: [echo, hi]', 'command: echo hi');
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [['schema-type', 'echo hi']],
  );
});

test('free-form places stay free-form', () => {
  const text = dagWorkflow(
    `- name: a
  template: echo
  withItems:
    - {anything: [goes, here], nested: {deep: 1}}
    - 42
    - true`,
    `    - name: res
      resource:
        action: create
        manifest: |
          apiVersion: v1
          kind: Whatever
          weird: {key: value}
`,
  );
  assert.deepEqual(codes(text), []);
});

test('parameter values accept numbers and booleans (Argo AnyString)', () => {
  const text = base.replace(
    '  templates:',
    '  arguments:\n    parameters:\n      - {name: num, value: 5}\n      - {name: b, value: true}\n      - {name: e, value: "1", enum: [1, 2]}\n  templates:',
  );
  assert.deepEqual(codes(text), []);
});

test('a key typed under the dash of the list item above says so, and the fix indents it into the item', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
        - name: a
          template: echo
        - name: b
        template: echo
    - name: echo
      container:
        image: alpine:3.20
`;
  const f = check(text).find((s) => s.code === 'unknown-property');
  assert.ok(f);
  assert.equal(f.at, 'template');
  assert.match(f.message, /indented under the dash of the "tasks" item above.*indent it by two spaces/);
  const fix = f.finding.fixes?.[0];
  assert.ok(fix?.preferred);
  assert.deepEqual(check(applyEdits(text, fix.edits)), []);
});

test('a misspelled key whose correction is already set gets no rename (it would be a duplicate key)', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: alpine:3.20
        imag: alpine:3.21
`;
  const f = check(text).find((s) => s.code === 'unknown-property');
  assert.ok(f);
  assert.match(f.message, /"image" is already set here/);
  assert.equal(f.finding.fixes, undefined);
});
