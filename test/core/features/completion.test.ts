import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withCursor } from '../../helpers/cursor';
import { acceptLikeVsCode } from '../../helpers/editor-insert';
import { assertGolden, completeAt, workspaceOf, type CompletionAt } from './harness';

/** A Workflow with the given templates (YAML lines already indented for `templates:`). */
function workflow(templates: string, spec = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
${spec}  templates:
${templates}`;
}

const FETCH = `    - name: fetch
      inputs:
        parameters:
          - name: src
          - name: retries
            default: "3"
      container:
        image: alpine:3.20
`;

/** Asserts that every entry replaces exactly the `[[...]]` range of the marked source. */
function assertReplaces(c: CompletionAt, source: string, cursor = '|'): void {
  const { ranges } = withCursor(source, cursor);
  assert.equal(ranges.length, 1, 'the test text marks one expected range');
  assert.ok(c.entries.length > 0, 'no completions');
  for (const e of c.entries) assert.deepEqual(e.replace, ranges[0], `${e.label} replaces "${c.text.slice(e.replace.start, e.replace.end)}"`);
}

/** Large answers in golden files: what a user sees, and what each entry replaces. */
function forGolden(c: CompletionAt): unknown {
  return c.entries.map((e) => ({
    label: e.label,
    kind: e.kind,
    detail: e.detail,
    insertText: e.insertText,
    snippet: e.snippet,
    sortText: e.sortText,
    replaces: c.text.slice(e.replace.start, e.replace.end),
    replace: e.replace,
  }));
}

// ---- template names ----

test('template: names of the templates of the document; the range is only what was typed', () => {
  const source = workflow(`    - name: main
      dag:
        tasks:
          - name: a
            template: [[fe|]]tch
${FETCH}`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['main', 'fetch']);
  assert.equal(c.get('fetch').kind, 'template');
  assert.equal(c.get('fetch').detail, 'container (src, retries)');
  assert.equal(c.get('main').detail, 'dag');
  assertReplaces(c, source);
});

test('template: with nothing typed yet replaces an empty range at the cursor', () => {
  const source = workflow(`    - name: main
      steps:
        - - name: a
            template: [[|]]
${FETCH}`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['main', 'fetch']);
  assertReplaces(c, source);
});

test('entrypoint: and onExit: complete template names', () => {
  const entry = workflow(FETCH).replace('entrypoint: main', 'entrypoint: [[m|]]');
  const c = completeAt(entry);
  assert.deepEqual(c.labels, ['fetch']);
  assertReplaces(c, entry);
  const onExit = workflow(FETCH, '  onExit: [[|]]\n');
  assert.deepEqual(completeAt(onExit).labels, ['fetch']);
  assertReplaces(completeAt(onExit), onExit);
});

// ---- task names and results ----

const DAG = (task: string): string =>
  workflow(`    - name: main
      dag:
        tasks:
          - name: download
            template: fetch
          - name: resize
            template: fetch
          - name: report
            template: fetch
${task}
${FETCH}`);

test('dependencies (flow list): the other tasks, without itself; the range is the word being typed', () => {
  const source = DAG(`            dependencies: [ [[re|]]]`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['download', 'resize']);
  assert.equal(c.get('resize').kind, 'task');
  assert.equal(c.get('resize').detail, '→ fetch');
  assertReplaces(c, source);
});

test('dependencies (flow list): tasks already listed are not offered again', () => {
  const source = DAG(`            dependencies: [download, [[re|]]]`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['resize']);
  assertReplaces(c, source);
});

test('dependencies (block list): a new item offers the tasks of the DAG', () => {
  const source = DAG(`            dependencies:
              - download
              - [[|]]`);
  const c = completeAt(source);
  assert.ok(c.labels.includes('resize'), c.labels.join(', '));
  assertReplaces(c, source);
});

test('dependencies (block list): neither the task itself nor the items above are offered', () => {
  const source = DAG(`            dependencies:
              - download
              - [[|]]`);
  assert.deepEqual(completeAt(source).labels, ['resize']);
});

test('depends: task names after an operator, without itself and those already named; the range is the word being typed', () => {
  const source = DAG(`            depends: "download && [[r|]]"`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['resize']);
  assertReplaces(c, source);
});

test('depends: task results after a dot', () => {
  const source = DAG(`            depends: "download.[[|]]"`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed']);
  assert.equal(c.get('Succeeded').detail, 'the task result');
  assert.equal(c.get('AnySucceeded').detail, 'the task loop result (only for a task with a loop)');
  assertReplaces(c, source);
});

test('depends: loop-only results sort last after a task without a loop, and alongside the others after a loop', () => {
  const order = (c: CompletionAt): string[] => [...c.entries].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((e) => e.label);
  const plain = completeAt(DAG(`            depends: "download.|"`));
  assert.deepEqual(order(plain).slice(-2), ['AnySucceeded', 'AllFailed']);
  const looped = completeAt(
    DAG(`            depends: "download.|"`).replace(
      '          - name: download\n            template: fetch',
      '          - name: download\n            template: fetch\n            withItems: [a, b]',
    ),
  );
  assert.equal(looped.get('AnySucceeded').detail, 'the task loop result');
  assert.ok(
    looped.entries.every((e) => e.sortText?.startsWith('0')),
    'every result is valid after a loop',
  );
});

test('depends: a partly typed result replaces only the typed part', () => {
  const source = DAG(`            depends: "(download.[[Su^]] || resize)"`);
  const c = completeAt(source, undefined, '^');
  assert.ok(c.labels.includes('Succeeded'));
  assertReplaces(c, source, '^');
});

// ---- variables ----

const SCOPED = workflow(
  `    - name: main
      inputs:
        parameters:
          - name: mode
      dag:
        tasks:
          - name: download
            template: fetch
          - name: other
            template: fetch
          - name: resize
            template: fetch
            depends: download
            arguments:
              parameters:
                - name: src
                  value: "{{[[|]]"
${FETCH}`,
  `  arguments:
    parameters:
      - name: url
        value: https://example.com
`,
);

test('{{ in a DAG task: the variables in scope there (golden)', () => {
  const c = completeAt(SCOPED);
  assertGolden('completion-variables-dag-task', forGolden(c));
  assertReplaces(c, SCOPED);
  // In scope: workflow parameters, the template's inputs, the other tasks.
  for (const label of ['workflow.parameters.url', 'inputs.parameters.mode', 'tasks.download.outputs.result']) assert.ok(c.labels.includes(label), label);
  // Not in scope: the callee's inputs, the task itself.
  assert.ok(!c.labels.some((l) => l.startsWith('inputs.parameters.src') || l.startsWith('tasks.resize.')), c.labels.join(', '));
  // A task that is not a dependency yet is offered, marked, and sorted after those that are.
  const other = c.get('tasks.other.outputs.result');
  assert.match(other.detail ?? '', /adds a dependency/);
  assert.ok((other.sortText ?? '') > (c.get('tasks.download.outputs.result').sortText ?? ''));
  // No closing braces in the text: the completion adds them.
  assert.equal(c.get('workflow.parameters.url').insertText, 'workflow.parameters.url}}');
});

test('{{ inside a container template: its inputs; an existing }} is not repeated; the range covers the whole name', () => {
  const source = workflow(`    - name: main
      inputs:
        parameters:
          - name: src
      container:
        image: alpine:3.20
        args: ["{{[[inputs.par|ameters.src]]}}"]
`);
  const c = completeAt(source);
  const e = c.get('inputs.parameters.src');
  assert.equal(e.insertText, 'inputs.parameters.src');
  assert.ok(!c.labels.some((l) => l.startsWith('tasks.')), 'no tasks outside a DAG');
  assertReplaces(c, source);
});

test('{{ typed before a word: the word is kept (the range ends at the cursor) and the tag is closed', () => {
  const source = workflow(`    - name: main
      container:
        image: alpine:3.20
        args: ["echo {{[[work|]]Downloading images... {{workflow.uid}}"]
`);
  const c = completeAt(source);
  const e = c.get('workflow.name');
  assert.equal(e.insertText, 'workflow.name}}');
  assert.equal(e.insert, undefined, 'one range for both editor modes');
  assertReplaces(c, source);
  assert.match(acceptLikeVsCode(c.text, e), /args: \["echo \{\{workflow\.name\}\}Downloading images\.\.\. \{\{workflow\.uid\}\}"\]/);
});

test('{{ inside an existing tag: insert mode keeps the rest, replace mode replaces the name', () => {
  const source = workflow(`    - name: main
      container:
        image: alpine:3.20
        args: ["{{workflow.na|me}}"]
`);
  const c = completeAt(source);
  const e = c.get('workflow.namespace');
  assert.equal(e.insertText, 'workflow.namespace');
  assert.equal(c.text.slice(e.replace.start, e.replace.end), 'workflow.name');
  assert.ok(e.insert);
  assert.equal(c.text.slice(e.insert.start, e.insert.end), 'workflow.na');
});

test('{{= expressions: names without closing braces, the range is the dotted word', () => {
  const source = workflow(`    - name: main
      inputs:
        parameters:
          - name: n
      container:
        image: alpine:3.20
        args: ["{{=asInt([[inputs.|]]) + 1}}"]
`);
  const c = completeAt(source);
  assert.equal(c.get('inputs.parameters.n').insertText, 'inputs.parameters.n');
  assertReplaces(c, source);
});

// ---- templateRef and arguments ----

const LIBRARY = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: shared
spec:
  templates:
    - name: print
      inputs:
        parameters:
          - name: message
          - name: color
            default: blue
      container: {image: alpine:3.20}
    - name: notify
      container: {image: alpine:3.20}
---
apiVersion: argoproj.io/v1alpha1
kind: ClusterWorkflowTemplate
metadata:
  name: cluster-lib
spec:
  templates:
    - name: audit
      container: {image: alpine:3.20}
`;
const WORKSPACE = workspaceOf({ 'file:///lib/shared.yaml': LIBRARY });

test('templateRef name: WorkflowTemplates of the workspace (not the cluster-scoped ones)', () => {
  const source = workflow(`    - name: main
      steps:
        - - name: a
            templateRef:
              name: [[sh|]]
`);
  const c = completeAt(source, WORKSPACE);
  assert.deepEqual(c.labels, ['shared']);
  assert.equal(c.get('shared').kind, 'reference');
  assert.equal(c.get('shared').detail, 'WorkflowTemplate (2 templates)');
  assertReplaces(c, source);
});

test('templateRef name with clusterScope: true offers ClusterWorkflowTemplates', () => {
  const source = workflow(`    - name: main
      steps:
        - - name: a
            templateRef:
              clusterScope: true
              name: [[|]]
`);
  const c = completeAt(source, WORKSPACE);
  assert.deepEqual(c.labels, ['cluster-lib']);
  assertReplaces(c, source);
});

test('templateRef template: the templates of the named WorkflowTemplate, with their inputs', () => {
  const source = workflow(`    - name: main
      steps:
        - - name: a
            templateRef:
              name: shared
              template: [[|]]
`);
  const c = completeAt(source, WORKSPACE);
  assert.deepEqual(c.labels, ['print', 'notify']);
  assert.equal(c.get('print').detail, 'inputs: message, color');
  assert.equal(c.get('notify').detail, 'no inputs');
  assertReplaces(c, source);
});

test('templateRef template of an unknown WorkflowTemplate: nothing', () => {
  const c = completeAt(
    workflow(`    - name: main
      steps:
        - - name: a
            templateRef:
              name: missing
              template: |
`),
    WORKSPACE,
  );
  assert.deepEqual(c.labels, []);
});

test('argument names: the called template inputs not passed yet, required or with their default', () => {
  const source = workflow(`    - name: main
      dag:
        tasks:
          - name: a
            template: fetch
            arguments:
              parameters:
                - name: src
                  value: x
                - name: [[|]]
${FETCH}`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['retries']);
  assert.equal(c.get('retries').kind, 'parameter');
  assert.equal(c.get('retries').detail, 'default: 3');
  assertReplaces(c, source);
});

test('argument names of a templateRef call come from the workspace', () => {
  const source = workflow(`    - name: main
      steps:
        - - name: a
            templateRef: {name: shared, template: print}
            arguments:
              parameters:
                - name: [[m|]]
`);
  const c = completeAt(source, WORKSPACE);
  assert.deepEqual(
    c.entries.map((e) => [e.label, e.detail]),
    [
      ['message', 'required'],
      ['color', 'default: blue'],
    ],
  );
  assertReplaces(c, source);
});

// ---- schema keys, enum values, snippets ----

test('schema keys of a template (golden): present keys left out, objects open a block, lists a dash', () => {
  const source = workflow(`    - name: main
      [[|]]
      container:
        image: alpine:3.20
`);
  const c = completeAt(source);
  assertGolden('completion-template-keys', forGolden(c));
  assert.ok(!c.labels.includes('name') && !c.labels.includes('container'), 'sibling keys (above and below) are not offered');
  assert.equal(c.get('script').insertText, 'script:\n        ');
  assert.equal(c.get('volumes').insertText, 'volumes:\n        - ');
  assert.equal(c.get('timeout').insertText, 'timeout: ');
  assert.ok(c.get('retryStrategy').documentation, 'keys carry their schema description');
  assert.ok(!c.entries.some((e) => e.kind === 'snippet'), 'no snippets inside an existing template');
  assertReplaces(c, source);
});

test('schema keys: a partly typed key is replaced; required keys sort first', () => {
  const source = workflow(`    - name: main
      dag:
        tasks:
          - template: fetch
            [[na|]]
${FETCH}`);
  const c = completeAt(source);
  const name = c.get('name');
  assert.equal(name.detail, 'required');
  assert.equal(name.sortText, '0name');
  assert.equal(c.get('depends').sortText, '1depends');
  assert.ok(!c.labels.includes('template'));
  assertReplaces(c, source);
});

test('enum values of a key', () => {
  const source = workflow(`    - name: main
      container:
        image: alpine:3.20
        imagePullPolicy: [[If|]]
`);
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['Always', 'IfNotPresent', 'Never']);
  assert.ok(c.entries.every((e) => e.kind === 'enum'));
  assertReplaces(c, source);
});

test('boolean values of a boolean key', () => {
  const source = workflow(`    - name: main
      daemon: [[|]]
      container:
        image: alpine:3.20
`);
  assert.deepEqual(completeAt(source).labels, ['true', 'false']);
  assertReplaces(completeAt(source), source);
});

test('snippets: a new template list item offers whole-template snippets besides the keys', () => {
  const source = workflow(`    - [[|]]
${FETCH}`);
  const c = completeAt(source);
  const snippets = c.entries.filter((e) => e.kind === 'snippet');
  assert.deepEqual(
    snippets.map((e) => e.label),
    ['container template', 'script template', 'dag template', 'steps template', 'suspend template'],
  );
  assert.ok(snippets.every((s) => s.snippet === true && (s.sortText ?? '').startsWith('~')));
  assert.equal(
    c.get('dag template').insertText,
    'name: ${1:template-1}\n      dag:\n        tasks:\n          - name: ${2:first}\n            template: ${3|fetch|}',
  );
  assert.ok(c.labels.includes('container'), 'the schema keys are offered too');
  assertReplaces(c, source);
});

test('snippets: a new DAG task offers one task snippet per template to call, with its required arguments', () => {
  const source = workflow(
    `    - name: main
      dag:
        tasks:
          - [[^]]
${FETCH}`,
  );
  const c = completeAt(source, undefined, '^');
  // Not `main`: the DAG calling itself recurses. No tasks above: no `depends`. `src` has no default: it is passed.
  assert.deepEqual(
    c.entries.filter((e) => e.kind === 'snippet').map((e) => e.label),
    ['task fetch'],
  );
  assert.equal(
    c.get('task fetch').insertText,
    'name: ${1:task-1}\n            template: fetch\n            arguments:\n              parameters:\n                - name: src\n                  value: "${2}"',
  );
  assert.equal(c.get('name').detail, 'required');
  assertReplaces(c, source, '^');
});

test('snippets: a new step offers a step snippet per template to call', () => {
  const source = workflow(
    `    - name: main
      steps:
        - - [[^]]
${FETCH}`,
  );
  const c = completeAt(source, undefined, '^');
  assert.equal(
    c.get('step fetch').insertText,
    'name: ${1:step-1}\n            template: fetch\n            arguments:\n              parameters:\n                - name: src\n                  value: "${2}"',
  );
  assertReplaces(c, source, '^');
});

test('not an Argo document: no completion', () => {
  assert.deepEqual(completeAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  |\n').labels, []);
  assert.deepEqual(completeAt('kind: Deployment\nspec:\n  template: |\n').labels, []);
});

test('a second document of the file is completed from its own kind and templates', () => {
  const source = `apiVersion: v1
kind: ConfigMap
metadata: {name: x}
---
${workflow(`    - name: main
      steps:
        - - name: a
            template: [[|]]
${FETCH}`)}`;
  const c = completeAt(source);
  assert.deepEqual(c.labels, ['main', 'fetch']);
  assertReplaces(c, source);
});
