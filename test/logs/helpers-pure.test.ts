/** Pure helpers: command arguments, step labels, containers, notices, export text, the view model. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archivedLogs, artifactLocation, explainPodGone } from '../../client/src/logs/explain';
import type { Workflow } from '../../client/src/cluster';
import { exportText, logFileName } from '../../client/src/logs/export-text';
import type { LogLine, StepView } from '../../client/src/logs/log-types';
import { parseOpenLogsArgs, parseTypedTarget } from '../../client/src/logs/open-args';
import { containerNames, containerState, longStepLabel, nodeNameSegments, shortStepLabel } from '../../client/src/logs/pod-info';
import { retryDelayMs, waitDelayMs } from '../../client/src/logs/container-stream';
import { LogsModel } from '../../media/logs/src/view-model';

test('openLogs arguments: validated, optional fields kept, trigger', () => {
  assert.deepEqual(parseOpenLogsArgs({ namespace: 'argo', workflowName: 'wf-1', nodeId: 'wf-1-123', podName: 'wf-1-main-123', trigger: 'submit', extra: 1 }), {
    ok: true,
    args: { namespace: 'argo', workflowName: 'wf-1', podName: 'wf-1-main-123', nodeId: 'wf-1-123', trigger: 'submit' },
  });
  assert.deepEqual(parseOpenLogsArgs({ namespace: 'argo', workflowName: 'wf' }), { ok: true, args: { namespace: 'argo', workflowName: 'wf' } });
  assert.equal(parseOpenLogsArgs(undefined).ok, false);
  assert.equal(parseOpenLogsArgs({ namespace: 'argo' }).ok, false);
  assert.equal(parseOpenLogsArgs({ namespace: 'Argo', workflowName: 'wf' }).ok, false);
  assert.deepEqual(parseTypedTarget(' other/my-wf ', 'argo'), { namespace: 'other', workflowName: 'my-wf' });
  assert.deepEqual(parseTypedTarget('my-wf', 'argo'), { namespace: 'argo', workflowName: 'my-wf' });
  assert.equal(parseTypedTarget('a/b/c', 'argo'), undefined);
});

test('pods: step labels from Argo node names, container order and states', () => {
  assert.deepEqual(nodeNameSegments('wf[0].loop(1:a.b).x'), ['wf[0]', 'loop(1:a.b)', 'x']);
  assert.equal(shortStepLabel('wf[0].print(1:{"a":"b.c"})'), 'print(1:{"a":"b.c"})');
  assert.equal(shortStepLabel('wf.A'), 'A');
  assert.equal(shortStepLabel('wf'), 'wf');
  assert.equal(longStepLabel('wf[0].outer[1].x', 'wf'), '[0].outer[1].x');
  assert.equal(longStepLabel('wf.A.B', 'wf'), 'A.B');
  const pod = {
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'wait' }, { name: 'sidecar' }, { name: 'main' }], initContainers: [{ name: 'init' }] },
    status: {
      containerStatuses: [
        { name: 'main', state: { terminated: { exitCode: 2, reason: 'Error' } } },
        { name: 'wait', state: { waiting: { reason: 'PodInitializing' } } },
      ],
    },
  };
  assert.deepEqual(containerNames(pod), ['main', 'sidecar', 'wait', 'init']);
  assert.deepEqual(containerState(pod, 'main'), { kind: 'terminated', exitCode: 2, reason: 'Error' });
  assert.deepEqual(containerState(pod, 'wait'), { kind: 'waiting', reason: 'PodInitializing' });
  assert.deepEqual(containerState(pod, 'init'), { kind: 'unknown' });
});

test('notices: archived logs in every repository kind, pod gone, forbidden', () => {
  assert.equal(artifactLocation({ name: 'main-logs', s3: { bucket: 'b', key: 'k/main.log' } }), 's3://b/k/main.log');
  assert.equal(artifactLocation({ name: 'main-logs', s3: { key: 'k' } }), 'key "k" in the default artifact repository (S3)');
  assert.equal(artifactLocation({ name: 'main-logs', gcs: { bucket: 'g', key: 'k' } }), 'gs://g/k');
  assert.equal(artifactLocation({ name: 'main-logs', azure: { container: 'c', blob: 'x' } }), 'Azure blob c/x');
  assert.equal(artifactLocation({ name: 'main-logs', http: { url: 'https://h/x' } }), 'https://h/x');
  assert.equal(artifactLocation({ name: 'main-logs' }), undefined);
  const wf: Workflow = {
    metadata: {},
    status: { nodes: { n1: { id: 'n1', name: 'wf.n1', outputs: { artifacts: [{ name: 'other' }, { name: 'main-logs', oss: { bucket: 'o', key: 'k' } }] } } } },
  };
  assert.equal(archivedLogs(wf, 'n1'), 'oss://o/k');
  assert.equal(archivedLogs(wf, 'n2'), undefined);
  assert.match(explainPodGone('p', 'main', false, undefined), /^Pod p no longer exists.*No archived logs were found/);
  assert.match(explainPodGone('p', 'wait', true, 's3://x'), /^Pod p was deleted: its logs end here\. No archived logs/, 'only main is archived');
});

test("backoff (the cluster's curve): a dropped stream resumes at once, then waits longer; waiting for a container is capped", () => {
  assert.equal(retryDelayMs(1), 0);
  assert.equal(
    retryDelayMs(2, () => 1),
    250,
  );
  assert.equal(
    retryDelayMs(2, () => 0),
    125,
    'equal jitter: half fixed, half random',
  );
  assert.equal(
    retryDelayMs(4, () => 1),
    1000,
  );
  assert.equal(
    retryDelayMs(30, () => 1),
    10_000,
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => waitDelayMs(n)),
    [500, 1000, 2000, 4000, 5000],
  );
});

const steps: StepView[] = ['a', 'b'].map((label, index) => ({
  index,
  podName: `p-${label}`,
  nodeId: label,
  label,
  nodeName: `wf.${label}`,
  containers: ['main'],
  podPhase: 'Running',
  color: index,
  status: { kind: 'streaming', resumes: 0 },
  lines: 0,
}));
const lines: LogLine[] = [
  { seq: 1, step: 0, key: '2025-01-01T00:00:01.000000000Z', text: '\x1b[31mError\x1b[0m: disk full' },
  { seq: 2, step: 1, key: '2025-01-01T00:00:02.000000000Z', text: 'all good' },
  { seq: 3, step: -1, key: '2025-01-01T00:00:02.000000000Z', text: 'session notice', notice: 'info' },
  { seq: 4, step: 0, key: '2025-01-01T00:00:03.500000000Z', text: 'error again' },
];

test('export text: ANSI removed, step prefix and timestamps on demand, file names', () => {
  assert.equal(exportText(lines, steps, { timestamps: false, stepPrefix: true }), 'a: Error: disk full\nb: all good\n[info] session notice\na: error again\n');
  assert.equal(exportText(lines.slice(3), steps, { timestamps: true, stepPrefix: false }), '2025-01-01T00:00:03.500Z error again\n');
  assert.equal(exportText([], steps, { timestamps: true, stepPrefix: true }), '');
  assert.equal(logFileName('wf', 'print(1:a b)', 'main'), 'wf-print-1-a-b-main.log');
});

test('view model: step filter keeps session notices, search matches on text without ANSI, filter mode, status', () => {
  const m = new LogsModel();
  m.reset(lines, steps, undefined);
  m.refresh();
  assert.equal(m.count, 4);
  assert.equal(m.showStep, true);
  m.setOptions({ step: 'p-a' });
  m.refresh();
  assert.deepEqual(
    Array.from({ length: m.count }, (_, i) => m.line(i).seq),
    [1, 3, 4],
  );
  assert.equal(m.showStep, false);
  m.setOptions({ search: 'error:' });
  m.refresh();
  assert.deepEqual(m.matches, [0], 'ANSI codes do not split the match');
  m.setOptions({ search: 'ERROR' });
  m.refresh();
  assert.deepEqual(m.matches, [0, 2]);
  m.setOptions({ filter: true });
  m.refresh();
  assert.deepEqual(
    Array.from({ length: m.count }, (_, i) => m.line(i).seq),
    [1, 4],
  );
  assert.equal(m.status(), '4 lines (2 shown) · 2 steps: 2 streaming');
  assert.equal(m.exportVisible(), 'Error: disk full\nerror again\n');
  m.setOptions({ regex: true, search: '(' });
  m.refresh();
  assert.ok(m.searchError);
  assert.equal(m.count, 3, 'a bad regex filters nothing');
  m.update([{ seq: 5, step: 1, key: '2025-01-01T00:00:00.500000000Z', text: 'late but earlier' }], undefined, undefined);
  m.setOptions({ step: undefined, search: '' });
  m.refresh();
  assert.equal(m.line(0).seq, 5, 'inserted by time');
});
