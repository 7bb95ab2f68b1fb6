// Run actions as the Argo server does them: stop/terminate/suspend are spec patches, resume clears
// spec.suspend and marks active suspend nodes Succeeded, resubmit creates a copy, delete deletes (the
// store sees each change through its watch).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Workflow } from '../../client/src/cluster/types';
import { actionPatch, deleteWorkflow, resubmitWorkflow, runAction } from '../../client/src/cluster/workflow-actions';
import { RunsStore } from '../../client/src/runs/runs-store';
import { runView } from '../../client/src/runs/tree-entries';
import { startClusterWithStore, stopClusterWithStore, type ClusterWithStore } from './helpers/cluster';

const APPROVAL = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: approval
  labels: {team: data}
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: approve, template: wait}
    - - {name: after, template: hello}
  - name: wait
    suspend: {}
  - name: hello
    container: {image: busybox, command: [echo, hi]}
`;

describe('run actions', () => {
  let c: ClusterWithStore;
  let store: RunsStore;
  before(async () => {
    c = await startClusterWithStore();
    store = c.store;
  });
  after(() => stopClusterWithStore(c));

  const current = (name: string, check: (w: Workflow) => boolean): Promise<Workflow> =>
    store.waitFor(() => {
      const w = store.get(name);
      return w && check(w) ? w : undefined;
    }, 5000);

  it('suspend, resume (suspend node Succeeded), stop, terminate', { timeout: 15_000 }, async () => {
    c.emu.apply(APPROVAL);
    c.emu.manualClock.advance(500);
    const running = await current('approval', (w) => Object.values(w.status?.nodes ?? {}).some((n) => n.type === 'Suspend' && n.phase === 'Running'));
    assert.equal(runView(running, Date.now()).contextValue, 'argoRun.running');

    await runAction(c.conn, 'argo', running, 'suspend');
    const suspended = await current('approval', (w) => w.spec?.suspend === true);
    assert.equal(runView(suspended, Date.now()).contextValue, 'argoRun.suspended');
    assert.equal(runView(suspended, Date.now()).style.icon, 'debug-pause');

    const patch = actionPatch('resume', suspended, new Date('2025-01-01T00:00:05Z'));
    const suspendNode = Object.values(suspended.status?.nodes ?? {}).find((n) => n.type === 'Suspend');
    assert.deepEqual(patch, {
      spec: { suspend: null },
      status: { nodes: { [suspendNode?.id ?? '']: { phase: 'Succeeded', finishedAt: '2025-01-01T00:00:05Z', message: 'Resumed by Argo Studio' } } },
    });
    await runAction(c.conn, 'argo', suspended, 'resume');
    const resumed = await current('approval', (w) => w.spec?.suspend === undefined && w.status?.nodes?.[suspendNode?.id ?? '']?.phase === 'Succeeded');
    assert.equal(resumed.status?.nodes?.[suspendNode?.id ?? '']?.type, 'Suspend', 'the rest of the node is kept (merge patch)');

    await runAction(c.conn, 'argo', resumed, 'stop');
    await current('approval', (w) => w.spec?.shutdown === 'Stop');
    await runAction(c.conn, 'argo', resumed, 'terminate');
    await current('approval', (w) => w.spec?.shutdown === 'Terminate');
  });

  it('resubmit creates a copy with generateName and the resubmitted-from label; delete removes the run', { timeout: 15_000 }, async () => {
    const old = await current('approval', () => true);
    const copy = await resubmitWorkflow(c.conn, 'argo', old);
    const name = copy.metadata?.name ?? '';
    assert.match(name, /^approval-[a-z0-9]{5}$/);
    const seen = await current(name, () => true);
    assert.equal(seen.metadata?.labels?.['workflows.argoproj.io/resubmitted-from-workflow'], 'approval');
    assert.equal(seen.metadata?.labels?.team, 'data');
    assert.equal(seen.spec?.shutdown, undefined, 'not stopped like the original');
    await deleteWorkflow(c.conn, 'argo', 'approval');
    await store.waitFor(() => (store.get('approval') ? undefined : true), 5000);
    assert.deepEqual(
      store.runs().map((w) => w.metadata?.name),
      [name],
    );
  });
});
