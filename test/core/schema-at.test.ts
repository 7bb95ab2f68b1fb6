import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaAt } from '../../server/src/core/schema';

test('schemaAt: a container image has its description and type', () => {
  const info = schemaAt('Workflow', ['spec', 'templates', 0, 'container', 'image']);
  assert.ok(info);
  assert.equal(info.type, 'string');
  assert.match(info.description ?? '', /Container image name/);
  assert.equal(info.open, false);
});

test('schemaAt: podGC.strategy has its enum, description and definition', () => {
  const info = schemaAt('Workflow', ['spec', 'podGC', 'strategy']);
  assert.ok(info);
  assert.deepEqual(info.enum, ['', 'OnPodCompletion', 'OnPodSuccess', 'OnWorkflowCompletion', 'OnWorkflowSuccess']);
  assert.match(info.description ?? '', /Strategy is the strategy to use/);
  assert.equal(info.definition, 'io.argoproj.workflow.v1alpha1.PodGCStrategy');
});

test('schemaAt: an object lists its properties with descriptions, types, enums and required flags', () => {
  const template = schemaAt('WorkflowTemplate', ['spec', 'templates', 3]);
  assert.ok(template?.properties);
  assert.equal(template.definition, 'io.argoproj.workflow.v1alpha1.Template');
  assert.equal(template.open, false);
  const container = template.properties.get('container');
  assert.ok(container);
  assert.equal(container.type, 'object');
  assert.equal(container.required, false);
  assert.match(container.description ?? '', /main container/);
  for (const key of ['dag', 'steps', 'script', 'resource', 'inputs', 'outputs', 'retryStrategy', 'podResources', 'pendingTimeout']) {
    assert.ok(template.properties.has(key), key);
  }
  const policy = schemaAt('Workflow', ['spec', 'templates', 0, 'container'])?.properties?.get('imagePullPolicy');
  assert.deepEqual(policy?.enum, ['Always', 'IfNotPresent', 'Never']);
  const param = schemaAt('Workflow', ['spec', 'arguments', 'parameters', 0]);
  assert.equal(param?.properties?.get('name')?.required, true);
  assert.deepEqual(param?.properties?.get('value')?.type, ['string', 'number', 'boolean']);
});

test('schemaAt: the document root and each kind', () => {
  const cron = schemaAt('CronWorkflow', []);
  assert.equal(cron?.definition, 'io.argoproj.workflow.v1alpha1.CronWorkflow');
  assert.deepEqual(cron?.properties?.get('kind')?.enum, ['CronWorkflow']);
  assert.ok(schemaAt('CronWorkflow', ['spec'])?.properties?.has('schedules'));
  assert.equal(schemaAt('CronWorkflow', ['spec', 'workflowSpec', 'templates', 0, 'name'])?.type, 'string');
  assert.equal(schemaAt('ClusterWorkflowTemplate', ['spec'])?.definition, 'io.argoproj.workflow.v1alpha1.WorkflowSpec');
});

test('schemaAt: steps are lists of lists, maps have value schemas', () => {
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 0, 'steps', 1, 0])?.definition, 'io.argoproj.workflow.v1alpha1.WorkflowStep');
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 0, 'dag', 'tasks', 2, 'inline'])?.definition, 'io.argoproj.workflow.v1alpha1.Template');
  const labels = schemaAt('Workflow', ['metadata', 'labels']);
  assert.equal(labels?.open, true);
  assert.equal(schemaAt('Workflow', ['metadata', 'labels', 'app.kubernetes.io/name'])?.type, 'string');
  assert.equal(schemaAt('Workflow', ['spec', 'hooks', 'exit'])?.definition, 'io.argoproj.workflow.v1alpha1.LifecycleHook');
  assert.equal(schemaAt('Workflow', ['spec', 'templates', '0', 'name'])?.type, 'string');
});

test('schemaAt: free-form places are open', () => {
  const item = schemaAt('Workflow', ['spec', 'templates', 0, 'dag', 'tasks', 0, 'withItems', 0]);
  assert.equal(item?.open, true);
  assert.equal(item?.definition, 'io.argoproj.workflow.v1alpha1.Item');
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 0, 'plugin'])?.open, true);
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 0, 'plugin', 'hello']), undefined);
});

test('schemaAt: unknown paths are undefined', () => {
  assert.equal(schemaAt('Workflow', ['spec', 'contaner']), undefined);
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 'x', 'y']), undefined);
  assert.equal(schemaAt('Workflow', ['spec', 'entrypoint', 0]), undefined);
  assert.equal(schemaAt('Workflow', ['spec', 'templates', 0, 'container', 'image', 'deeper']), undefined);
});
