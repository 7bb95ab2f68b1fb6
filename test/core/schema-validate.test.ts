import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { validateArgoSchema } from '../../server/src/core/schema';
import type { SchemaProblem } from '../../server/src/core/schema';
import type { ArgoKind } from '../../server/src/core/types';

/** Validates a YAML document the way the linter sees it (YAML 1.2 core schema). */
function check(yaml: string): SchemaProblem[] {
  const value = parse(yaml) as { kind: ArgoKind };
  return validateArgoSchema(value.kind, value);
}

function workflow(spec: string): string {
  const indented = spec.replace(/^/gm, '  ');
  return `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  generateName: test-\nspec:\n${indented}\n`;
}

test('a valid workflow has no problems', () => {
  const problems = check(
    workflow(`entrypoint: main
templates:
- name: main
  container:
    image: alpine:3.20
    command: [sh, -c]
    args: ["echo hi"]
    resources: {limits: {cpu: 1, memory: 64Mi}}`),
  );
  assert.deepEqual(problems, []);
});

test('a misspelled key is an unknown property with a suggestion', () => {
  const problems = check(
    workflow(`entrypoint: main
templates:
- name: main
  contaner:
    image: alpine`),
  );
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.kind, 'unknown-property');
  assert.deepEqual(p.path, ['spec', 'templates', 0, 'contaner']);
  assert.equal(p.suggestion, 'container');
  assert.equal(p.property, 'contaner');
  assert.equal(p.message, 'Unknown property "contaner" in Template. Did you mean "container"? Argo rejects unknown fields (schema: Argo v4.1).');
});

test('an unknown key far from every known key has no suggestion', () => {
  const [p, ...rest] = check(workflow('entrypoint: main\nzzzqqq: 1\ntemplates: []'));
  assert.equal(rest.length, 0);
  assert.equal(p.kind, 'unknown-property');
  assert.equal(p.suggestion, undefined);
  assert.equal(p.message, 'Unknown property "zzzqqq" in WorkflowSpec. Argo rejects unknown fields (schema: Argo v4.1).');
});

test('unknown keys are found at the document root, in metadata and in core Kubernetes types', () => {
  const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: x
  label: {a: b}
spec:
  templates:
  - name: main
    container:
      image: alpine
      imagePullPolicy: Always
      resource: {}
      env:
      - name: A
        valu: "1"
specs: {}
`;
  const got = check(yaml).map((p) => [p.path.join('.'), p.suggestion]);
  assert.deepEqual(got, [
    ['metadata.label', 'labels'],
    ['spec.templates.0.container.resource', 'resources'],
    ['spec.templates.0.container.env.0.valu', 'value'],
    ['specs', 'spec'],
  ]);
});

test('a bad enum value is an enum problem listing the allowed values', () => {
  const problems = check(workflow('podGC:\n  strategy: Foo\ntemplates: []'));
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.kind, 'enum');
  assert.deepEqual(p.path, ['spec', 'podGC', 'strategy']);
  assert.deepEqual(p.allowed, ['OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess']);
  assert.equal(p.message, '"spec.podGC.strategy" must be one of: OnPodCompletion, OnPodSuccess, OnWorkflowCompletion, OnWorkflowSuccess (got "Foo").');
});

test('imagePullPolicy: Sometimes is an enum problem; a templated value is not checked', () => {
  const bad = check(workflow('templates:\n- name: a\n  container: {image: x, imagePullPolicy: Sometimes}'));
  assert.deepEqual(
    bad.map((p) => [p.kind, p.path.join('.'), p.allowed]),
    [['enum', 'spec.templates.0.container.imagePullPolicy', ['Always', 'IfNotPresent', 'Never']]],
  );
  const templated = check(workflow('templates:\n- name: a\n  container: {image: x, imagePullPolicy: "{{workflow.parameters.policy}}"}'));
  assert.deepEqual(templated, []);
});

test('a value of the wrong type is one type problem', () => {
  const lists = check(workflow('templates: {}'));
  assert.deepEqual(
    lists.map((p) => [p.kind, p.path.join('.'), p.message]),
    [['type', 'spec.templates', '"spec.templates" must be a list (got a mapping).']],
  );
  const command = check(workflow('templates:\n- name: a\n  container: {image: x, command: echo}'));
  assert.deepEqual(
    command.map((p) => [p.kind, p.path.join('.'), p.message]),
    [['type', 'spec.templates.0.container.command', '"spec.templates[0].container.command" must be a list (got a string "echo").']],
  );
  const integer = check(workflow('parallelism: abc\ntemplates: []'));
  assert.deepEqual(
    integer.map((p) => [p.kind, p.message]),
    [['type', '"spec.parallelism" must be an integer (got a string "abc").']],
  );
  const fraction = check(workflow('parallelism: 1.5\ntemplates: []'));
  assert.deepEqual(
    fraction.map((p) => p.kind),
    ['type'],
  );
  const label = check('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\n  labels: {version: 1}\nspec: {}\n');
  assert.deepEqual(
    label.map((p) => [p.kind, p.message]),
    [['type', '"metadata.labels.version" must be a string (got the number 1).']],
  );
});

test('Argo decoders: AnyString, IntOrString, Quantity and durations accept what Argo accepts', () => {
  const problems = check(
    workflow(`activeDeadlineSeconds: 300
arguments:
  parameters:
  - {name: a, value: 5}
  - {name: b, value: true, default: 1.5, enum: [1, "two", false]}
  - {name: c, valueFrom: {default: 3, configMapKeyRef: {name: cm, key: k}}}
templates:
- name: main
  activeDeadlineSeconds: "{{workflow.parameters.deadline}}"
  timeout: 10m
  retryStrategy: {limit: "3", backoff: {duration: 1s, factor: 2, maxDuration: 1m}}
  podSpecPatch: |
    containers:
    - name: main
  container:
    image: x
    resources: {limits: {cpu: 0.5, memory: 1Gi, nvidia.com/gpu: 1}}
    livenessProbe: {httpGet: {port: http, path: /}}
    readinessProbe: {tcpSocket: {port: 8080}}
- name: loop
  steps:
  - - name: s
      template: main
      withSequence: {count: "5", start: 1}`),
  );
  assert.deepEqual(problems, []);
});

test('IntOrString still rejects a list or a fraction', () => {
  const problems = check(workflow('templates:\n- name: a\n  retryStrategy: {limit: [1]}\n  container: {image: x, ports: [{containerPort: 1.5}]}'));
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.message]),
    [
      ['type', 'spec.templates.0.retryStrategy.limit', '"spec.templates[0].retryStrategy.limit" must be an integer or a string (got a list).'],
      [
        'type',
        'spec.templates.0.container.ports.0.containerPort',
        '"spec.templates[0].container.ports[0].containerPort" must be an integer (got the number 1.5).',
      ],
    ],
  );
});

test('null (an empty YAML value) is accepted anywhere, as Go decodes it as unset', () => {
  const problems = check(
    workflow(`arguments:
templates:
- name: main
  inputs:
    parameters:
    - name: p
      value:
  container:
    image: x
    env:
  volumes:
  - name: v
    emptyDir:`),
  );
  assert.deepEqual(problems, []);
});

test('free-form places accept anything', () => {
  const problems = check(
    workflow(`templates:
- name: main
  steps:
  - - name: s
      template: k8s
      withItems:
      - 1
      - text
      - {any: {nested: [true, null]}, key: 1}
      - [a, b]
- name: dag
  dag:
    tasks:
    - name: t
      template: k8s
      withItems: [{os: linux, version: 1.2}]
- name: k8s
  resource:
    action: create
    manifest: |
      apiVersion: v1
      kind: ConfigMap
      whatever: {}
- name: plugin
  plugin:
    hello:
      anything: [1, {x: y}]
      nested: {deep: true}`),
  );
  assert.deepEqual(problems, []);
});

test('an inline template of a DAG task or step is validated as a Template', () => {
  const problems = check(
    workflow(`templates:
- name: dag
  dag:
    tasks:
    - name: t
      inline:
        contaner: {image: x}
- name: steps
  steps:
  - - name: s
      inline:
        script: {image: x, source: "print(1)", sorce: ""}`),
  );
  assert.deepEqual(
    problems.map((p) => [p.path.join('.'), p.suggestion]),
    [
      ['spec.templates.0.dag.tasks.0.inline.contaner', 'container'],
      ['spec.templates.1.steps.0.0.inline.script.sorce', 'source'],
    ],
  );
});

test('steps is a list of lists of steps (ParallelSteps)', () => {
  const ok = check(workflow('templates:\n- name: a\n  steps:\n  - - {name: s1, template: b}\n    - {name: s2, template: b}\n  - - {name: s3, template: b}'));
  assert.deepEqual(ok, []);
  const flat = check(workflow('templates:\n- name: a\n  steps:\n  - {name: s1, template: b}'));
  assert.deepEqual(
    flat.map((p) => [p.kind, p.path.join('.')]),
    [['type', 'spec.templates.0.steps.0']],
  );
});

test('a plugin body must have exactly one key', () => {
  const problems = check(workflow('templates:\n- name: a\n  plugin: {one: {}, two: {}}'));
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.message]),
    [['other', 'spec.templates.0.plugin', 'A plugin template must have exactly one key, the name of the plugin (got 2).']],
  );
});

test('a missing required property is reported on the object that misses it', () => {
  const problems = check(workflow('arguments:\n  parameters:\n  - value: x\ntemplates: []'));
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.property, p.message]),
    [['required', 'spec.arguments.parameters.0', 'name', 'Missing required property "name" in Parameter at "spec.arguments.parameters[0]".']],
  );
});

test('each missing required property is its own problem', () => {
  const problems = check(workflow('templates:\n- name: a\n  http:\n    url: http://x\n    headers:\n    - {valueFrom: {}}'));
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.property]),
    [['required', 'spec.templates.0.http.headers.0', 'name']],
  );
  const both = check(workflow('templates:\n- name: a\n  metrics:\n    prometheus:\n    - help: h\n      counter: {value: "1"}'));
  assert.deepEqual(
    both.map((p) => [p.kind, p.path.join('.'), p.property]),
    [['required', 'spec.templates.0.metrics.prometheus.0', 'name']],
  );
  const two = check(workflow('templates:\n- name: a\n  memoize: {}'));
  assert.deepEqual(
    two.map((p) => [p.kind, p.path.join('.'), p.property]),
    [
      ['required', 'spec.templates.0.memoize', 'cache'],
      ['required', 'spec.templates.0.memoize', 'key'],
      ['required', 'spec.templates.0.memoize', 'maxAge'],
    ],
  );
});

test('container name is optional in templates, required in sidecars', () => {
  const problems = check(workflow('templates:\n- name: a\n  container: {image: x}\n  sidecars:\n  - image: nginx'));
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.property]),
    [['required', 'spec.templates.0.sidecars.0', 'name']],
  );
});

test('a misspelled required key is one problem, not also a missing property (CronWorkflow schedule -> schedules)', () => {
  const problems = check(
    'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  workflowSpec:\n    entrypoint: main\n',
  );
  assert.deepEqual(
    problems.map((p) => [p.kind, p.path.join('.'), p.suggestion]),
    [['unknown-property', 'spec.schedule', 'schedules']],
  );
});

test('each kind validates its own spec', () => {
  const template = check(
    'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: t\nspec:\n  entrypoint: main\n  templates: [{name: main, suspend: {}}]\n',
  );
  assert.deepEqual(template, []);
  const cluster = check(
    'apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata:\n  name: t\nspec:\n  templates: [{name: main, sleep: 1}]\n',
  );
  assert.deepEqual(
    cluster.map((p) => p.path.join('.')),
    ['spec.templates.0.sleep'],
  );
  const cron = check(
    'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n  schedules: ["0 * * * *"]\n  concurrencyPolicy: Sometimes\n  workflowSpec: {entrypoint: main}\n',
  );
  assert.deepEqual(
    cron.map((p) => [p.kind, p.allowed]),
    [['enum', ['Allow', 'Forbid', 'Replace']]],
  );
});

test('status is written by the controller and is not checked', () => {
  const problems = check('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: x\nspec: {}\nstatus:\n  phase: Whatever\n  unknown: 1\n');
  assert.deepEqual(problems, []);
});

test('never throws, whatever the value', () => {
  const cyclic: Record<string, unknown> = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: {} };
  cyclic.spec = { templates: [cyclic] };
  for (const value of [undefined, null, 42, 'text', [], {}, cyclic]) {
    assert.doesNotThrow(() => validateArgoSchema('Workflow', value));
  }
  assert.deepEqual(
    validateArgoSchema('Workflow', 'text').map((p) => [p.kind, p.message]),
    [['type', 'The Workflow must be a mapping (key: value) (got a string "text").']],
  );
});
