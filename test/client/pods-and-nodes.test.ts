// Pods: their waiting/terminated reasons reach the tree and the graph hover (ImagePullBackOff,
// OOMKilled, CrashLoopBackOff, exit codes). Nodes: compressedNodes (gzip, brotli) are decoded; zstd,
// corrupt data and offloaded nodes are said clearly.

import assert from 'node:assert/strict';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { workflowNodes } from '../../client/src/cluster/workflow-nodes';
import { summarizePod } from '../../client/src/cluster/pod-summary';
import type { Pod, Workflow } from '../../client/src/cluster/types';
import { buildNodeTree, flattenTree } from '../../client/src/runs/node-tree';
import { runPhaseMap } from '../../client/src/runs/run-overlay';
import { RunsStore } from '../../client/src/runs/runs-store';
import { nodeView, runChildren, runEntry } from '../../client/src/runs/tree-entries';
import { def, startClusterWithStore, stopClusterWithStore, type ClusterWithStore } from './helpers/cluster';
import { readSharedArgo, sharedArgoSkip } from '../helpers/paths';

const DIAMOND = readSharedArgo('examples/dag-diamond.yaml');

describe('pods and nodes', { skip: sharedArgoSkip() }, () => {
  let c: ClusterWithStore;
  let store: RunsStore;
  before(async () => {
    c = await startClusterWithStore();
    store = c.store;
  });
  after(() => stopClusterWithStore(c));

  it('a pod stuck in ImagePullBackOff shows its reason in the tree and on the graph', { timeout: 15_000 }, async () => {
    c.emu.controller.script('echo', { stuckReason: 'ImagePullBackOff' });
    const [wf] = c.emu.apply(DIAMOND.replace('generateName: dag-diamond-', 'name: stuck'));
    c.emu.manualClock.advance(3000);
    const pod = await store.waitFor(
      () => store.podsOf('stuck').find((p) => p.status?.initContainerStatuses?.some((s) => s.state?.waiting?.reason === 'ImagePullBackOff')),
      5000,
    );
    await store.waitFor(
      () => store.get('stuck')?.metadata?.resourceVersion === c.emu.store.get(def('workflows'), 'argo', 'stuck')?.metadata.resourceVersion,
      5000,
    );
    const w = store.get('stuck') as Workflow;
    const a = flattenTree(buildNodeTree(w, workflowNodes(w).nodes, (n, p) => store.podForNode('stuck', n.id, p))).find((n) => n.label === 'A');
    assert.equal(a?.podName, pod.metadata?.name);
    assert.deepEqual(a?.pod?.reasons, ['init: ImagePullBackOff (Back-off pulling image)']);
    assert.match(a ? (nodeView(a, Date.now()).description ?? '') : '', /^Pending · .*init: ImagePullBackOff/);
    const phases = runPhaseMap(w, workflowNodes(w).nodes, (n) => store.podForNode('stuck', n.id));
    assert.match(phases.A.message ?? '', /pod stuck-echo-\d+: Pending · init: ImagePullBackOff/);
    c.emu.store.delete(def('workflows'), 'argo', wf.metadata.name ?? '');
    c.emu.controller.script('echo', {});
  });

  it('summarizes OOMKilled, CrashLoopBackOff with restarts, exit codes, eviction and scheduling', () => {
    const pod = (status: Pod['status']): Pod => ({ metadata: { name: 'p' }, status });
    assert.deepEqual(
      summarizePod(
        pod({
          phase: 'Failed',
          containerStatuses: [
            { name: 'wait', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
            { name: 'main', state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } },
          ],
        }),
      ).text,
      'Failed · main: OOMKilled (exit code 137)',
    );
    assert.deepEqual(
      summarizePod(
        pod({
          phase: 'Running',
          containerStatuses: [
            {
              name: 'main',
              restartCount: 3,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error' } },
            },
          ],
        }),
      ).reasons,
      ['main: CrashLoopBackOff (back-off 40s restarting failed container)', 'main: restarted 3× (last: Error, exit code 1)'],
    );
    assert.deepEqual(
      summarizePod(pod({ phase: 'Failed', containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 2, reason: 'Error' } } }] })).reasons,
      ['main: exit code 2'],
    );
    assert.deepEqual(summarizePod(pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' })).reasons, [
      'Evicted: The node was low on resource: memory.',
    ]);
    assert.deepEqual(
      summarizePod(
        pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' }] }),
      ).reasons,
      ['Unschedulable: 0/3 nodes are available'],
    );
    assert.deepEqual(
      summarizePod(pod({ phase: 'Pending', containerStatuses: [{ name: 'main', state: { waiting: { reason: 'ContainerCreating' } } }] })).reasons,
      [],
      'a normal start says nothing',
    );
  });

  it('decodes compressedNodes (gzip, brotli); says why nodes are missing (zstd, corrupt, offloaded)', { timeout: 15_000 }, async () => {
    const [created] = c.emu.apply(DIAMOND.replace('generateName: dag-diamond-', 'name: packed'));
    const done = c.emu.controller.runToCompletion(created.metadata.name ?? '') as unknown as Workflow;
    const nodes = done.status?.nodes ?? {};
    const expected = Object.keys(nodes).length;
    const rewrite = async (status: Record<string, unknown>): Promise<Workflow> => {
      c.emu.store.mutate(def('workflows'), 'argo', 'packed', (o) => {
        const s = { ...(o.status as Record<string, unknown>) };
        delete s.nodes;
        delete s.compressedNodes;
        delete s.offloadNodeStatusVersion;
        o.status = { ...s, ...status } as typeof o.status;
      });
      const rv = c.emu.store.get(def('workflows'), 'argo', 'packed')?.metadata.resourceVersion;
      return store.waitFor(() => (store.get('packed')?.metadata?.resourceVersion === rv ? store.get('packed') : undefined), 5000);
    };
    const json = Buffer.from(JSON.stringify(nodes));
    for (const [source, data] of [
      ['gzip', gzipSync(json)],
      ['brotli', brotliCompressSync(json)],
    ] as const) {
      const wf = await rewrite({ compressedNodes: data.toString('base64') });
      const decoded = workflowNodes(wf);
      assert.equal(decoded.source, source);
      assert.equal(Object.keys(decoded.nodes).length, expected);
      const tree = buildNodeTree(wf, decoded.nodes, (n, p) => store.podForNode('packed', n.id, p));
      assert.deepEqual(
        tree.map((n) => `${n.label}:${n.phase}`),
        ['A:Succeeded', 'B:Succeeded', 'C:Succeeded', 'D:Succeeded'],
      );
    }
    const zstd = await rewrite({ compressedNodes: Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]).toString('base64') });
    assert.equal(
      workflowNodes(zstd).unavailable,
      'The node status is compressed with zstd, which the Node.js of this VS Code cannot decompress; nodes are not shown (the Argo UI shows them).',
    );
    const corrupt = await rewrite({ compressedNodes: Buffer.from('not compressed at all').toString('base64') });
    assert.match(workflowNodes(corrupt).unavailable ?? '', /^The compressed node status could not be decoded \(.+\); nodes are not shown\.$/);
    const offloaded = await rewrite({ offloadNodeStatusVersion: 'fnv:123' });
    const msg =
      'The node status is offloaded to the Argo database (version fnv:123); only the Argo Server can return it, so nodes are not shown here. Open the run in the Argo UI.';
    assert.equal(workflowNodes(offloaded).unavailable, msg);
    const entries = runChildren(store, runEntry('argo', 'packed'));
    assert.deepEqual(
      entries.map((e) => (e.kind === 'info' ? e.label : e.id)),
      [msg],
      'the runs tree says so',
    );
  });
});
