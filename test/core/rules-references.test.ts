import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { indexText, MapWorkspaceIndex } from '../../server/src/core/workspace';
import { check, codes, dagWorkflow, stepsWorkflow } from '../helpers/analyze';

test('unknown-template in a task, with did-you-mean and a fix', () => {
  const text = dagWorkflow(`- {name: a, template: ehco}`);
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [['unknown-template', 'ehco']],
  );
  assert.match(seen[0].message, /template name 'ehco' undefined/);
  assert.match(seen[0].message, /Did you mean "echo"/);
  assert.equal(seen[0].finding.fixes?.[0].edits[0].newText, 'echo');
});

test('unknown-template in entrypoint, onExit, steps, hooks and task onExit', () => {
  const text = stepsWorkflow(`- - name: a
    template: nope
    onExit: gone
    hooks:
      running: {expression: "true", template: missing}`).replace('entrypoint: main', 'entrypoint: mian\n  onExit: exit-handler');
  const seen = check(text).filter((s) => s.code === 'unknown-template');
  assert.deepEqual(
    seen.map((s) => s.at),
    ['mian', 'exit-handler', 'nope', 'gone', 'missing'],
  );
});

test('templates named by a variable are not checked', () => {
  // (the variable itself is checked by the variables rule: main declares no input "t")
  assert.deepEqual(codes(dagWorkflow(`- {name: a, template: "{{inputs.parameters.t}}"}`)), ['unresolved-variable']);
});

test('missing-entrypoint for Workflow and CronWorkflow, with a fix; not for WorkflowTemplate or with workflowTemplateRef', () => {
  const wf = dagWorkflow(`- {name: a, template: echo}`).replace('  entrypoint: main\n', '');
  const seen = check(wf);
  assert.deepEqual(
    seen.map((s) => s.code),
    ['missing-entrypoint'],
  );
  const fix = seen[0].finding.fixes?.[0];
  assert.ok(fix);
  const e = fix.edits[0];
  const fixed = wf.slice(0, e.range.start) + e.newText + wf.slice(e.range.end);
  assert.deepEqual(codes(fixed), []);
  assert.deepEqual(codes(wf.replace('kind: Workflow', 'kind: WorkflowTemplate')), []);
  const ref = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: x-}
spec:
  workflowTemplateRef: {name: my-wt}
`;
  assert.deepEqual(codes(ref), ['template-ref-not-found']);
  const cron = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: c}
spec:
  schedules: ["* * * * *"]
  workflowSpec:
    templates:
      - name: main
        container: {image: alpine}
`;
  assert.deepEqual(codes(cron), ['missing-entrypoint']);
});

test('workflow-template-ref-with-templates', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: x-}
spec:
  workflowTemplateRef: {name: my-wt}
  templates:
    - name: main
      container: {image: alpine}
`;
  assert.deepEqual(codes(text), ['template-ref-not-found', 'workflow-template-ref-with-templates']);
});

test('template-ref-with-template, template-ref-incomplete, missing-call-target', () => {
  const text = dagWorkflow(`- name: a
  template: echo
  templateRef: {name: wt, template: x}
- name: b
  templateRef: {name: wt}
- name: c
  arguments: {}
- name: d
  templateRef: {name: wt, template: t}
- name: e
  inline:
    container: {image: alpine}`);
  assert.deepEqual(codes(text), ['template-ref-with-template', 'template-ref-incomplete', 'missing-call-target', 'template-ref-not-found']);
});

test('duplicate-template-name, template-name-required, invalid-name', () => {
  const text = dagWorkflow(
    `- {name: a, template: echo}`,
    `    - name: echo
      container: {image: alpine}
    - container: {image: alpine}
    - name: bad_name
      container: {image: alpine}
`,
  );
  assert.deepEqual(codes(text), ['duplicate-template-name', 'template-name-required', 'invalid-name']);
});

test('template-type-unknown and multiple-template-types', () => {
  const text = dagWorkflow(
    `- {name: a, template: echo}`,
    `    - name: nobody
      inputs: {}
    - name: twice
      container: {image: alpine}
      script: {image: alpine, source: "echo"}
`,
  );
  const seen = check(text);
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [
      ['template-type-unknown', 'nobody'],
      ['multiple-template-types', 'script'],
    ],
  );
});

test('steps: duplicate-step-name across groups, step-name-required, names with variables tolerated', () => {
  const text = stepsWorkflow(`- - {name: a, template: echo}
- - {name: a, template: echo}
  - {template: echo}
  - {name: "x-{{item}}", template: echo, withItems: [1]}`);
  assert.deepEqual(codes(text), ['duplicate-step-name', 'step-name-required']);
});

test('inline templates are checked too', () => {
  const text = dagWorkflow(`- name: outer
  inline:
    dag:
      tasks:
        - {name: x, template: echo, dependencies: [zz]}`);
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [['unknown-dependency', 'zz']],
  );
});

test('a template called by templateRef that reads {{workflow.parameters.X}} (itself or through its calls) needs X in the calling workflow', () => {
  const lib = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: lib
spec:
  arguments: {parameters: [{name: shards, value: "4"}]}
  templates:
    - name: main
      dag:
        tasks: [{name: plan, template: plan}]
    - name: plan
      container: {image: alpine:3.20, args: ["{{workflow.parameters.shards}}"]}
`;
  const workspace = new MapWorkspaceIndex(indexText('file:///lib.yaml', lib));
  const user = (args: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: u-
spec:
  entrypoint: main
${args}  templates:
    - name: main
      steps:
        - - name: run
            templateRef: {name: lib, template: main}
`;
  const without = analyzeText(user(''), { workspace }).findings;
  assert.deepEqual(
    without.map((f) => f.code),
    ['unresolved-variable'],
  );
  assert.match(without[0].message, /reads \{\{workflow\.parameters\.shards\}\}, which this workflow does not define/);
  assert.deepEqual(analyzeText(user('  arguments: {parameters: [{name: shards, value: "2"}]}\n'), { workspace }).findings, []);
});

test('a template type key with nothing under it (`container:`) is no body for Argo', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      container:
`;
  const seen = check(text).filter((s) => s.code === 'template-type-unknown');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].at, 'container');
});
