import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, workspaceOf } from './harness';

const TEXT = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  arguments:
    parameters:
      - name: url
        value: https://example.com
        enum: [https://example.com, https://example.org]
        description: where to fetch from
  templates:
    - name: main
      dag:
        tasks:
          - name: download
            template: fetch
            arguments:
              parameters:
                - name: src
                  value: "{{workflow.parameters.url}}"
          - name: resize
            template: fetch
            depends: download
            arguments:
              parameters:
                - name: src
                  value: "{{tasks.download.outputs.result}}"
          - name: report
            templateRef: {name: shared, template: print}
          - name: each
            template: fetch
            withItems: [a, b, c]
            arguments:
              parameters:
                - name: src
                  value: "{{item}}"
    - name: fetch
      inputs:
        parameters:
          - name: src
            default: https://example.net
            description: the address
      outputs:
        parameters:
          - name: size
            valueFrom: {path: /tmp/size}
      container:
        image: curlimages/curl:8.10.1
        imagePullPolicy: IfNotPresent
        args: ["{{inputs.parameters.src}}", "{{workflow.name}}", "{{pod.name}}"]
`;

const LIBRARY = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: shared
spec:
  arguments:
    parameters:
      - name: level
        value: info
  templates:
    - name: print
      inputs:
        parameters:
          - name: message
      container: {image: alpine:3.20}
`;
const WORKSPACE = workspaceOf({ 'file:///lib/shared.yaml': LIBRARY });

/** The text with the cursor put at `needle`'s `|` (the first place it occurs). */
function at(needle: string): string {
  const plain = needle.replace('|', '');
  const i = TEXT.indexOf(plain);
  assert.ok(i >= 0, `${plain} is not in the text`);
  assert.equal(TEXT.indexOf(plain, i + 1), -1, `${plain} occurs twice: make it unique`);
  return TEXT.slice(0, i) + needle + TEXT.slice(i + plain.length);
}

// ---- schema keys ----

test('a schema key shows its description and type; the range is the key', () => {
  const h = hoverAt(at('  entry|point: main'));
  assert.equal(h.at, 'entrypoint');
  assert.match(h.info?.markdown ?? '', /^\*\*entrypoint\*\* _\(string\)_\n\n\S/);
});

test('a key with an enum lists the allowed values, also when hovering its value', () => {
  const onKey = hoverAt(at('imagePull|Policy: IfNotPresent'));
  assert.equal(onKey.at, 'imagePullPolicy');
  assert.match(onKey.info?.markdown ?? '', /allowed: `Always`, `IfNotPresent`, `Never`/);
  const onValue = hoverAt(at('imagePullPolicy: IfNot|Present'));
  assert.equal(onValue.at, 'imagePullPolicy');
  assert.equal(onValue.info?.markdown, onKey.info?.markdown);
});

test('a key is read at its path: `name` of a DAG task and of a template differ', () => {
  const task = hoverAt(at('- name: do|wnload'));
  const key = hoverAt(at('        - na|me: download'));
  assert.equal(key.at, 'name');
  assert.ok(task.info, 'hovering the task name is answered (the task)');
  assert.notEqual(key.info?.markdown, task.info?.markdown);
});

test('an unknown key has no hover', () => {
  const text = TEXT.replace('imagePullPolicy: IfNotPresent', 'imagePullPolcy: IfNotPresent');
  const i = text.indexOf('imagePullPolcy') + 3;
  assert.equal(hoverAt(`${text.slice(0, i)}|${text.slice(i)}`).info, undefined);
});

test('not an Argo document: no hover', () => {
  assert.equal(hoverAt('apiVersion: v1\nkind: ConfigMap\nmeta|data: {name: x}\n').info, undefined);
});

// ---- templates, tasks, WorkflowTemplates ----

test('a template reference shows the template, its kind, inputs and outputs', () => {
  const h = hoverAt(
    at('template: fe|tch\n            arguments:\n              parameters:\n                - name: src\n                  value: "{{workflow'),
  );
  assert.equal(h.at, 'fetch');
  assert.equal(h.info?.markdown, '**template** `fetch`\n\ncontainer\n\ninputs: `src` = `https://example.net`\n\noutputs: `size`');
});

test('a task name in depends shows the task and the template it calls', () => {
  const h = hoverAt(at('depends: down|load'));
  assert.equal(h.at, 'download');
  assert.match(h.info?.markdown ?? '', /^\*\*task\*\* `download` → template `fetch`\n\ncontainer/);
});

test('a templateRef shows the WorkflowTemplate from the workspace, and its template', () => {
  const wt = hoverAt(at('{name: sh|ared'), WORKSPACE);
  assert.equal(wt.at, 'shared');
  assert.equal(wt.info?.markdown, '**WorkflowTemplate** `shared`\n\ntemplates: `print`\n\nparameters: `level` = `info`');
  const tpl = hoverAt(at('template: pr|int}'), WORKSPACE);
  assert.equal(tpl.at, 'print');
  assert.equal(tpl.info?.markdown, '**template** `print` of WorkflowTemplate `shared`\n\ncontainer\n\ninputs: `message` (required)');
});

test('a templateRef outside the workspace says the cluster resolves it', () => {
  const h = hoverAt(at('{name: sh|ared'));
  assert.equal(h.info?.markdown, '**WorkflowTemplate** `shared`: not in the workspace; the cluster resolves it.');
});

// ---- variables ----

test('{{inputs.parameters.X}} shows the input with its default and description; the range is the name', () => {
  const h = hoverAt(at('{{inputs.para|meters.src}}'));
  assert.equal(h.at, 'inputs.parameters.src');
  assert.equal(h.info?.markdown, '**input parameter** `src` of template `fetch`\n\ndefault: `https://example.net`\n\nthe address');
});

test('{{workflow.parameters.X}} shows the value, allowed values and description', () => {
  const h = hoverAt(at('{{workflow.parameters.u|rl}}'));
  assert.equal(h.at, 'workflow.parameters.url');
  assert.equal(
    h.info?.markdown,
    '**workflow parameter** `url`\n\nvalue: `https://example.com`\n\none of: `https://example.com`, `https://example.org`\n\nwhere to fetch from',
  );
});

test('{{tasks.X...}} shows the task and its template', () => {
  const h = hoverAt(at('{{tasks.down|load.outputs.result}}'));
  assert.equal(h.at, 'tasks.download.outputs.result');
  assert.match(h.info?.markdown ?? '', /^\*\*task\*\* `download`\n\ncontainer/);
});

test('{{item}}, {{workflow.name}} and {{pod.name}}', () => {
  assert.equal(hoverAt(at('{{it|em}}')).info?.markdown, '**loop item** of withItems (3 items)');
  assert.equal(hoverAt(at('{{workflow.na|me}}')).info?.markdown, '**workflow variable** `workflow.name`');
  assert.equal(hoverAt(at('{{pod.n|ame}}')).info?.markdown, '**pod.name**: the name of the pod that runs this template');
});

test('an unknown input parameter has no variable hover: the hover falls back to the key holding the string', () => {
  const text = TEXT.replace('{{inputs.parameters.src}}', '{{inputs.parameters.nope}}');
  const i = text.indexOf('parameters.nope') + 3;
  const h = hoverAt(`${text.slice(0, i)}|${text.slice(i)}`);
  assert.equal(h.at, 'args');
  assert.match(h.info?.markdown ?? '', /^\*\*args\*\* _\(array\)_/);
});
