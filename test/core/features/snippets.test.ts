import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../../helpers/analyze';
import { acceptLikeVsCode } from '../../helpers/editor-insert';
import { completeAt } from './harness';

const DAG = (line: string): string => `apiVersion: argoproj.io/v1alpha1
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
${line}
    - name: echo
      container:
        image: alpine:3.20
`;

const STEPS = (line: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - name: a
            template: echo
${line}
    - name: echo
      container:
        image: alpine:3.20
`;

/** Accepts the snippet `label` at the cursor as VS Code does and returns the new text and its findings. */
function accept(source: string, label: string): { text: string; problems: string[] } {
  const c = completeAt(source);
  const e = c.get(label);
  assert.equal(e.kind, 'snippet');
  const text = acceptLikeVsCode(c.text, e);
  return { text, problems: check(text).map((f) => `${f.code}: ${f.message}`) };
}

for (const [where, line] of [
  ['after `- `', '          - ta|'],
  ['at the start of a line under tasks:', '          ta|'],
  ['on an empty line under tasks:', '          |'],
] as const) {
  test(`task snippet ${where}: a valid task, calling another template, after the last task`, () => {
    const { text, problems } = accept(DAG(line), 'task echo');
    assert.deepEqual(problems, []);
    assert.match(text, /\n {10}- name: task-1\n {12}template: echo\n {12}depends: "a"\n {4}- name: echo/);
  });
}

test('task snippet in a DAG that writes `dependencies: [...]` uses that style (mixing it with depends is an error)', () => {
  const source = DAG('          - |').replace(
    '          - name: a\n            template: echo',
    '          - name: a\n            template: echo\n          - name: b\n            template: echo\n            dependencies: [a]',
  );
  const { text, problems } = accept(source, 'task echo');
  assert.deepEqual(problems, []);
  assert.match(text, /- name: task-1\n {12}template: echo\n {12}dependencies: \[b\]/);
});

test('task snippet: never calls the DAG that holds it (recursion); a placeholder when nothing else exists', () => {
  const only = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
          - |
`;
  const c = completeAt(only);
  assert.deepEqual(
    c.entries.filter((e) => e.kind === 'snippet').map((e) => e.label),
    ['task'],
  );
  assert.match(c.get('task').insertText, /template: \$\{2:template\}/);
});

for (const label of ['container template', 'script template', 'dag template', 'steps template', 'suspend template']) {
  test(`${label} snippet after \`- \` in templates: no problems, the body at the right depth`, () => {
    const { problems, text } = accept(DAG('').replace('    - name: echo', '    - |\n    - name: echo'), label);
    assert.deepEqual(problems, []);
    assert.match(text, /\n {4}- name: template-1\n {6}\w+:/);
  });
}

test('script template snippet without the dash: brings its own `- `', () => {
  const { problems, text } = accept(DAG('').replace('    - name: echo', '    scr|\n    - name: echo'), 'script template');
  assert.deepEqual(problems, []);
  assert.match(text, /\n {4}- name: template-1\n {6}script:\n {8}image: python:3.12\n {8}command: \[python\]\n {8}source: \|\n {10}print\("hello"\)\n/);
});

for (const [where, line] of [
  ['a new group (`- `)', '        - |'],
  ['a parallel step (`  - `)', '          - |'],
  ['a new group without a dash', '        st|'],
] as const) {
  test(`step snippet as ${where}: valid`, () => {
    const { problems } = accept(STEPS(line), 'step echo');
    assert.deepEqual(problems, []);
  });
}

test('no snippet inside an item that already has keys, nor in a value', () => {
  assert.ok(!completeAt(DAG('          - name: b\n            |')).labels.includes('task echo'));
  assert.ok(!completeAt(DAG('          - name: b\n            template: |')).labels.includes('task echo'));
});

test('task snippet for a template with a required input passes it: accepted as is, no problems', () => {
  const withInput = DAG('          - |').replace(
    '    - name: echo\n      container:',
    '    - name: echo\n      inputs:\n        parameters:\n          - name: msg\n          - name: opt\n            default: x\n      container:',
  );
  const { text, problems } = accept(withInput, 'task echo');
  assert.deepEqual(
    problems.filter((p) => !p.startsWith('missing-input-argument: ') || !p.includes('"a"')),
    [],
  );
  assert.match(text, /- name: task-1\n {12}template: echo\n {12}arguments:\n {14}parameters:\n {16}- name: msg\n {18}value: ""\n {12}depends: "a"/);
});
