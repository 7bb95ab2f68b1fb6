import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, codes, dagWorkflow, stepsWorkflow } from '../helpers/analyze';

function seen(text: string): [string, string][] {
  return check(text).map((s) => [s.code, s.at]);
}

const producer = `    - name: produce
      outputs:
        parameters:
          - name: out
            valueFrom: {path: /tmp/out}
      container: {image: alpine}
    - name: consume
      inputs:
        parameters:
          - name: message
      container:
        image: alpine
        command: [echo, "{{inputs.parameters.message}}", "{{inputs.parameters.mesage}}", "{{pod.name}}"]
`;

test('inputs: unknown input parameter with suggestion and a fix; known ones resolve', () => {
  const text = dagWorkflow('- {name: a, template: produce}', producer);
  const s = check(text);
  assert.deepEqual(
    s.map((x) => [x.code, x.at]),
    [['unresolved-variable', 'inputs.parameters.mesage']],
  );
  assert.match(s[0].message, /Did you mean \{\{inputs\.parameters\.message\}\}/);
  assert.match(s[0].message, /failed to resolve/);
  assert.equal(s[0].finding.fixes?.[0].edits[0].newText, 'inputs.parameters.message');
});

test('tasks: outputs of an ancestor resolve; of a non-ancestor is missing-dependency with an add-dependency fix', () => {
  const ok = dagWorkflow(
    `- {name: a, template: produce}
- name: b
  template: consume
  dependencies: [a]
  arguments: {parameters: [{name: message, value: "{{tasks.a.outputs.parameters.out}}"}]}`,
    producer.replace(', "{{inputs.parameters.mesage}}"', ''),
  );
  assert.deepEqual(seen(ok), []);
  const missing = ok.replace(/^ *dependencies: \[a\]\n/m, '');
  const s = check(missing);
  assert.deepEqual(
    s.map((x) => [x.code, x.at]),
    [['missing-dependency', 'tasks.a.outputs.parameters.out']],
  );
  const fix = s[0].finding.fixes?.find((f) => /Add a dependency/.test(f.title));
  assert.ok(fix);
  const e = fix.edits[0];
  const fixed = missing.slice(0, e.range.start) + e.newText + missing.slice(e.range.end);
  assert.deepEqual(seen(fixed), []);
});

test('tasks: unknown task, undeclared output, result of a steps template', () => {
  const text = dagWorkflow(
    `- {name: a, template: produce}
- name: b
  template: consume
  depends: a && s
  arguments: {parameters: [{name: message, value: "{{tasks.aa.outputs.result}} {{tasks.a.outputs.parameters.nope}} {{tasks.s.outputs.result}}"}]}
- {name: s, template: inner}`,
    producer.replace(', "{{inputs.parameters.mesage}}"', '') +
      `    - name: inner
      steps: [[{name: x, template: produce}]]
`,
  );
  assert.deepEqual(seen(text), [
    ['unresolved-variable', 'tasks.aa.outputs.result'],
    ['unresolved-variable', 'tasks.a.outputs.parameters.nope'],
    ['unresolved-variable', 'tasks.s.outputs.result'],
  ]);
});

test('steps: earlier groups resolve, same group warns, later is an error', () => {
  const text = stepsWorkflow(`- - {name: a, template: echo}
- - name: b
    template: echo
    when: "{{steps.a.outputs.result}} == x"
  - name: c
    template: echo
    when: "{{steps.b.status}} == Succeeded && {{steps.d.outputs.result}} == y"
- - {name: d, template: echo}`);
  assert.deepEqual(seen(text), [
    ['variable-not-available', 'steps.b.status'],
    ['unresolved-variable', 'steps.d.outputs.result'],
  ]);
});

test('item: keys of withItems maps, withParam anything, outside a loop', () => {
  const text = stepsWorkflow(`- - name: a
    template: echo
    when: "{{item.os}} == {{item.version}} || {{item.arch}}"
    withItems: [{os: linux, version: 1}, {os: mac, version: 2}]
  - name: b
    template: echo
    when: "{{item.whatever}}"
    withParam: '["x"]'
  - name: c
    template: echo
    when: "{{item}} && {{item.x}}"`);
  assert.deepEqual(seen(text), [
    ['unresolved-variable', 'item.arch'],
    ['variable-not-available', 'item'],
    ['unresolved-variable', 'item.x'],
  ]);
});

test('workflow: parameters, labels, outputs via globalName, failures only with an exit handler', () => {
  const text = dagWorkflow('- {name: a, template: echo}')
    .replace('generateName: t-', 'generateName: t-\n  labels: {team: data}')
    .replace('  templates:', '  arguments: {parameters: [{name: env, value: dev}]}\n  templates:')
    .replace(
      '        image: alpine:3.20',
      '        image: alpine:3.20\n        args: ["{{workflow.parameters.env}} {{workflow.parameters.evn}} {{workflow.labels.team}} {{workflow.labels.owner}} {{workflow.name}} {{workflow.creationTimestamp.Y}} {{workflow.failures}} {{workflow.nmae}}"]',
    );
  assert.deepEqual(seen(text), [
    ['unresolved-variable', 'workflow.parameters.evn'],
    ['variable-not-available', 'workflow.labels.owner'],
    ['unresolved-variable', 'workflow.failures'],
    ['unresolved-variable', 'workflow.nmae'],
  ]);
  const wt = text.replace('kind: Workflow', 'kind: WorkflowTemplate').replace('generateName: t-', 'name: wt');
  assert.deepEqual(seen(wt), [['unresolved-variable', 'workflow.nmae']], 'a WorkflowTemplate accepts any workflow parameter and label');
});

test('expression tags: identifiers are checked, syntax errors located', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  when: "{{=inputs.parameters.x == 'y'}}"
- name: b
  template: echo
  depends: a
  when: "{{=asInt(tasks.a.outputs.result) > 3 && sprig.trim(workflow.parameters['nope']) != ''}}"
- name: c
  template: echo
  when: "{{=asInt(tasks['a'].outputs.result}}"`);
  assert.deepEqual(seen(text), [
    ['unresolved-variable', 'inputs.parameters.x'],
    ['unresolved-variable', "workflow.parameters['nope']"],
    ['expression-syntax', '('],
    ['missing-dependency', "tasks['a'].outputs.result"],
  ]);
});

test('unterminated tags and things Argo never checks', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  when: "{{inputs.parameters.x"
- name: b
  template: echo
  when: "{{ .Values.helm }} {{foo}} {{node.name}} {{tasks.name}}"`);
  assert.deepEqual(codes(text), ['unterminated-tag']);
});

test('retries only with a retryStrategy', () => {
  const text = dagWorkflow('- {name: a, template: echo}').replace('        image: alpine:3.20', '        image: alpine:3.20\n        args: ["{{retries}}"]');
  assert.deepEqual(codes(text), ['variable-not-available']);
  assert.deepEqual(codes(text.replace('    - name: echo\n', '    - name: echo\n      retryStrategy: {limit: "2"}\n')), []);
});
