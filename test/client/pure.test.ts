// Small pure pieces: filters, durations, phase styles, submission labels, argo documents, graph source.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { describeRequest } from '../../client/src/cluster/api-paths';
import { applyParameters, argoDocuments } from '../../client/src/cluster/argo-documents';
import type { Workflow } from '../../client/src/cluster/types';
import { formatDuration, runDescription } from '../../client/src/runs/format';
import { localIdentity, submissionLabels } from '../../client/src/runs/identity';
import { phaseStyle } from '../../client/src/runs/phase-style';
import { describeFilter, matchesFilter, parseSelector } from '../../client/src/runs/run-filters';
import { graphSourceText } from '../../client/src/runs/run-yaml';
import { backoffDelay } from '../../client/src/cluster/backoff';

const me = { workspace: 'w1', submitter: 'u1' };
const wf = (labels: Record<string, string>, phase?: string): Workflow => ({ metadata: { name: 'x', labels }, ...(phase ? { status: { phase } } : {}) });

test('filters: scope, phases, label selector', () => {
  const mine = wf({ 'argo-studio.io/submitter': 'u1', 'argo-studio.io/workspace': 'w2', app: 'etl' }, 'Running');
  assert.ok(matchesFilter(mine, { scope: 'mine', phases: [] }, me));
  assert.ok(!matchesFilter(mine, { scope: 'workspace', phases: [] }, me));
  assert.ok(matchesFilter(mine, { scope: 'all', phases: ['Running', 'Failed'] }, me));
  assert.ok(!matchesFilter(mine, { scope: 'all', phases: ['Failed'] }, me));
  assert.ok(matchesFilter(wf({}), { scope: 'all', phases: ['Pending'] }, me), 'not yet seen by the controller = Pending');
  assert.ok(matchesFilter(mine, { scope: 'all', phases: [], labelSelector: 'app=etl,!team' }, me));
  assert.ok(!matchesFilter(mine, { scope: 'all', phases: [], labelSelector: 'app!=etl' }, me));
  assert.equal(parseSelector('a b'), undefined);
  assert.equal(describeFilter({ scope: 'workspace', phases: ['Failed'], labelSelector: 'app=etl' }), 'this workspace, Failed, app=etl');
});

test('durations and run descriptions use Argo words', () => {
  assert.deepEqual(
    [formatDuration(5_400), formatDuration(65_000), formatDuration(7_380_000), formatDuration(100_000_000)],
    ['5s', '1m 05s', '2h 03m', '1d 3h'],
  );
  const run: Workflow = {
    metadata: { name: 'r' },
    status: { phase: 'Failed', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:01:05Z', progress: '1/2', message: 'child failed' },
  };
  assert.equal(runDescription(run, 0), 'Failed · 1m 05s · 1/2 · child failed');
  assert.deepEqual(phaseStyle('Running'), { icon: 'sync~spin', color: 'charts.blue' });
  assert.deepEqual(phaseStyle('Running', true), { icon: 'debug-pause', color: 'charts.yellow' });
  assert.deepEqual(phaseStyle('Failed'), { icon: 'error', color: 'charts.red' });
});

test('submission labels are valid label values and reveal no names', () => {
  const id = localIdentity('file:///home/someone/project');
  const labels = submissionLabels(id);
  for (const v of Object.values(labels)) assert.match(v, /^[a-f0-9]{16}$/);
  assert.notEqual(localIdentity('file:///other').workspace, id.workspace);
  assert.equal(localIdentity('file:///home/someone/project').submitter, id.submitter);
});

test('argo documents: kinds, offsets of kind:, YAML errors flagged, parameters like argo -p', () => {
  const text =
    'kind: ConfigMap\napiVersion: v1\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t}\n---\napiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: w-}\nspec: {entrypoint: [\n';
  const docs = argoDocuments(text);
  assert.deepEqual(
    docs.map((d) => `${d.index} ${d.kind} ${d.name ?? d.generateName} ${text.slice(d.offset, d.offset + 5)} ${d.hasErrors}`),
    ['1 WorkflowTemplate t kind: false', '2 Workflow w- kind: true'],
  );
  assert.deepEqual(
    applyParameters(
      [
        { name: 'a', value: '1' },
        { name: 'b', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
      ],
      { b: 'x', c: 'new' },
    ),
    [
      { name: 'c', value: 'new' },
      { name: 'a', value: '1' },
      { name: 'b', value: 'x' },
    ],
  );
});

test('RBAC meaning of requests (for 403 messages)', () => {
  assert.deepEqual(describeRequest('GET', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows?watch=true&resourceVersion=5'), {
    verb: 'watch',
    resource: 'workflows.argoproj.io',
    group: 'argoproj.io',
    namespace: 'argo',
  });
  assert.deepEqual(describeRequest('GET', '/api/v1/namespaces/argo/pods/p1/log?follow=true'), {
    verb: 'get',
    resource: 'pods/log',
    group: '',
    namespace: 'argo',
    name: 'p1',
  });
  assert.deepEqual(describeRequest('PATCH', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/w'), {
    verb: 'patch',
    resource: 'workflows.argoproj.io',
    group: 'argoproj.io',
    namespace: 'argo',
    name: 'w',
  });
  assert.equal(describeRequest('GET', '/version'), undefined);
});

test('backoff: exponential, capped, jittered', () => {
  assert.deepEqual(
    [0, 1, 2, 10].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 1000 }, () => 1)),
    [100, 200, 400, 1000],
  );
  assert.deepEqual(
    [0, 1].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 1000 }, () => 0)),
    [50, 100],
  );
});

test('the graph of a run from a template is drawn from the stored template spec', () => {
  const run: Workflow = {
    metadata: { name: 'greeter-abcde', namespace: 'argo' },
    spec: { workflowTemplateRef: { name: 'greeter' }, arguments: { parameters: [{ name: 'm', value: 'x' }] } },
    status: {
      storedWorkflowTemplateSpec: {
        entrypoint: 'main',
        templates: [{ name: 'main', dag: { tasks: [] } }],
        arguments: { parameters: [{ name: 'm', value: 'default' }] },
      },
    },
  };
  const doc = parse(graphSourceText(run)) as { kind: string; metadata: { name: string }; spec: Record<string, unknown> };
  assert.equal(doc.kind, 'Workflow');
  assert.equal(doc.metadata.name, 'greeter-abcde');
  assert.equal(doc.spec.entrypoint, 'main');
  assert.deepEqual(doc.spec.arguments, { parameters: [{ name: 'm', value: 'x' }] }, "the run's own arguments win");
  assert.equal(doc.spec.workflowTemplateRef, undefined);
});
