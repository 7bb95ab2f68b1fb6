// Done when #2: dropping all watches 20 times and expiring history twice during a run loses no update:
// the runs store ends equal to the emulator (every workflow and pod, same resourceVersion and content),
// with no duplicate runs; objects deleted while no watch was open are gone from the store too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { argoDocuments } from '../../client/src/cluster/argo-documents';
import { createWorkflow, workflowFromDocument } from '../../client/src/cluster/submit';
import { workflowNodes } from '../../client/src/cluster/workflow-nodes';
import { buildNodeTree } from '../../client/src/runs/node-tree';
import { RunsStore } from '../../client/src/runs/runs-store';
import { def, startTestCluster, waitUntil, type TestCluster } from './helpers/cluster';
import { readSharedArgo, sharedArgoSkip } from '../helpers/paths';

const DIAMOND = readSharedArgo('examples/dag-diamond.yaml');
const extra = (name: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}}
spec: {entrypoint: main, templates: [{name: main, container: {image: busybox, command: [echo, "${name}"]}}]}
`;

describe('watch resilience during a run', { skip: sharedArgoSkip() }, () => {
  let c: TestCluster;
  let store: RunsStore;
  before(async () => {
    c = await startTestCluster();
    store = new RunsStore(c.conn, 'argo', { listWatch: { backoff: { initialMs: 10, maxMs: 100 } } });
    store.start();
    await store.workflowsLoop.whenSynced(5000);
    await store.podsLoop.whenSynced(5000);
  });
  after(async () => {
    store.dispose();
    await c.emu.stop();
  });

  it('drops all watches 20 times and expires history twice without losing an update', { timeout: 60_000 }, async () => {
    c.emu.controller.script('echo', { lines: ['1', '2', '3', '4'], intervalMs: 300 });
    const [doc] = argoDocuments(DIAMOND);
    const name = (await createWorkflow(c.conn, workflowFromDocument(doc, { namespace: 'argo' }))).metadata?.name ?? '';
    await waitUntil(() => store.workflowsLoop.stats.watches > 0 && store.podsLoop.stats.watches > 0, 'both watches open');
    const start = { wf: { ...store.workflowsLoop.stats }, pods: { ...store.podsLoop.stats } };
    const clock = c.emu.manualClock;
    let drops = 0;
    for (let i = 0; i < 20; i++) {
      const watches = [store.workflowsLoop.stats.watches, store.podsLoop.stats.watches];
      const lists = [store.workflowsLoop.stats.lists, store.podsLoop.stats.lists];
      clock.advance(400); // the run moves on while the watches are open...
      drops += c.emu.faults.dropWatches() === 2 ? 1 : 0; // the workflows and the pods watch
      clock.advance(400); // ...and while they are down
      if (i % 4 === 1) c.emu.apply(extra(`extra-${i}`));
      // Deleted while no watch is open, and the history expires: only a re-list can tell.
      if (i === 7) c.emu.store.delete(def('workflows'), 'argo', 'extra-1');
      if (i === 14) c.emu.store.delete(def('workflows'), 'argo', 'extra-9');
      if (i === 7) c.emu.faults.expireHistory('event');
      if (i === 14) c.emu.faults.expireHistory('http');
      const relisted = i !== 7 && i !== 14 ? true : (): boolean => store.workflowsLoop.stats.lists > lists[0] && store.podsLoop.stats.lists > lists[1];
      await waitUntil(
        () =>
          (relisted === true || relisted()) &&
          store.workflowsLoop.isWatching &&
          store.podsLoop.isWatching &&
          store.workflowsLoop.stats.watches > watches[0] &&
          store.podsLoop.stats.watches > watches[1],
        `both watches to reopen after drop ${i + 1}`,
        5000,
      );
    }
    assert.equal(drops, 20, 'every drop hit both open watches');
    c.emu.controller.runToCompletion(name);
    for (const n of ['extra-5', 'extra-13', 'extra-17']) c.emu.controller.runToCompletion(n);

    const sameAsServer = (): boolean => {
      for (const [plural, loop] of [
        ['workflows', store.workflowsLoop],
        ['pods', store.podsLoop],
      ] as const) {
        const server = c.emu.store.list(def(plural), 'argo');
        if (server.length !== loop.cache.size) return false;
        for (const o of server) if (loop.cache.get(`argo/${o.metadata.name}`)?.metadata?.resourceVersion !== o.metadata.resourceVersion) return false;
      }
      return true;
    };
    await waitUntil(sameAsServer, 'the store to equal the emulator', 10_000);
    for (const [plural, loop] of [
      ['workflows', store.workflowsLoop],
      ['pods', store.podsLoop],
    ] as const) {
      for (const o of c.emu.store.list(def(plural), 'argo'))
        assert.deepEqual(loop.cache.get(`argo/${o.metadata.name}`), JSON.parse(JSON.stringify(o)), `${plural} ${o.metadata.name} equal`);
    }
    const names = store.runs().map((w) => w.metadata?.name ?? '');
    assert.equal(new Set(names).size, names.length, 'no duplicate runs');
    assert.deepEqual([...names].sort(), [name, 'extra-13', 'extra-17', 'extra-5'].sort());
    const wf = store.get(name);
    assert.equal(wf?.status?.phase, 'Succeeded');
    const tree = wf ? buildNodeTree(wf, workflowNodes(wf).nodes, (n, p) => store.podForNode(name, n.id, p)) : [];
    assert.deepEqual(
      tree.map((n) => `${n.label}:${n.phase}:${n.pod?.phase}`),
      ['A:Succeeded:Succeeded', 'B:Succeeded:Succeeded', 'C:Succeeded:Succeeded', 'D:Succeeded:Succeeded'],
    );
    // The faults really happened: 20 reconnects per loop, and re-lists after the two expiries.
    for (const [loop, s] of [
      [store.workflowsLoop, start.wf],
      [store.podsLoop, start.pods],
    ] as const) {
      assert.ok(loop.stats.watches - s.watches >= 20, `reconnects: ${loop.stats.watches - s.watches}`);
      assert.ok(loop.stats.lists - s.lists >= 2, `re-lists: ${loop.stats.lists - s.lists}`);
      assert.ok(loop.stats.expired - s.expired >= 2, `410s: ${loop.stats.expired - s.expired}`);
    }
  });
});
