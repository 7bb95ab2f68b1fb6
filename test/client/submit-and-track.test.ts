// Done when #1: submitting dag-diamond.yaml (through argo-documents + submit) gives a run that the runs
// store tracks; its node tree and its graph overlay (OverlayLinks -> joinPhases on the editor's own
// graph) reach Succeeded with all four nodes coloured; a failing task shows Failed with its message,
// and the finish watcher reports it.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { joinPhases } from '../../server/src/core/graph/phases';
import type { PhaseInfo, WorkflowGraph } from '../../server/src/core/graph/types';
import { argoDocuments } from '../../client/src/cluster/argo-documents';
import { createWorkflow, workflowFromDocument } from '../../client/src/cluster/submit';
import type { Workflow } from '../../client/src/cluster/types';
import { workflowNodes } from '../../client/src/cluster/workflow-nodes';
import { FinishWatcher, type FinishedRun } from '../../client/src/runs/finish-watcher';
import { buildNodeTree, flattenTree } from '../../client/src/runs/node-tree';
import { OverlayLinks } from '../../client/src/runs/overlay-links';
import { RunsStore } from '../../client/src/runs/runs-store';
import { def, startTestCluster, type TestCluster } from './helpers/cluster';
import { readSharedArgo, sharedArgoSkip } from '../helpers/paths';

const DIAMOND = readSharedArgo('examples/dag-diamond.yaml');
const URI = 'file:///w/dag-diamond.yaml';

function graphOf(text: string): WorkflowGraph {
  const r = buildGraph(analyzeText(text));
  if (!r.ok) assert.fail(r.error);
  return r.graph;
}

describe('submit dag-diamond and track it', { skip: sharedArgoSkip() }, () => {
  let c: TestCluster;
  let store: RunsStore;
  let links: OverlayLinks;
  let finisher: FinishWatcher;
  const shown = new Map<string, Readonly<Record<string, PhaseInfo>> | undefined>();
  const finished: FinishedRun[] = [];

  before(async () => {
    c = await startTestCluster();
    store = new RunsStore(c.conn, 'argo', { listWatch: { backoff: { initialMs: 20, maxMs: 200 } } });
    links = new OverlayLinks(store, (uri, phases) => (shown.set(uri, phases), true), 10);
    finisher = new FinishWatcher(store);
    finisher.onDidFinish((r) => finished.push(r));
    store.start();
    await store.workflowsLoop.whenSynced(5000);
  });
  after(async () => {
    links.dispose();
    finisher.dispose();
    store.dispose();
    await c.emu.stop();
  });

  /** Waits until the store holds exactly the emulator's version of the workflow. */
  const caughtUp = (name: string): Promise<Workflow> =>
    store.waitFor(() => {
      const server = c.emu.store.get(def('workflows'), 'argo', name);
      const mine = store.get(name);
      const podsSame = c.emu.store
        .list(def('pods'), 'argo')
        .filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === name)
        .every((p) => store.podsOf(name).some((q) => q.metadata?.resourceVersion === p.metadata.resourceVersion));
      return server && mine && mine.metadata?.resourceVersion === server.metadata.resourceVersion && podsSame ? mine : undefined;
    }, 5000);

  const submit = async (text: string): Promise<string> => {
    const [doc] = argoDocuments(text);
    const created = await createWorkflow(c.conn, workflowFromDocument(doc, { namespace: 'argo' }));
    const name = created.metadata?.name ?? '';
    assert.match(name, /^dag-diamond-[a-z0-9]{5}$/, 'generateName kept');
    finisher.track(name);
    await store.waitFor(() => store.get(name), 5000);
    links.link(URI, name);
    return name;
  };

  it('reaches Succeeded in the store, the node tree and the graph overlay', { timeout: 20_000 }, async () => {
    const name = await submit(DIAMOND);
    c.emu.controller.runToCompletion(name);
    const wf = await caughtUp(name);
    assert.equal(wf.status?.phase, 'Succeeded');
    assert.equal(wf.status?.progress, '4/4');

    const tree = buildNodeTree(wf, workflowNodes(wf).nodes, (n, podName) => store.podForNode(name, n.id, podName));
    assert.deepEqual(
      tree.map((n) => `${n.label} ${n.phase} ${n.pod?.phase}`),
      ['A Succeeded Succeeded', 'B Succeeded Succeeded', 'C Succeeded Succeeded', 'D Succeeded Succeeded'],
    );
    const podNames = new Set(c.emu.store.list(def('pods'), 'argo').map((p) => p.metadata.name));
    for (const n of tree) assert.ok(n.podName && podNames.has(n.podName), `pod of ${n.label}: ${n.podName}`);

    await new Promise((r) => setTimeout(r, 50)); // the overlay throttle
    const graph = joinPhases(graphOf(DIAMOND), shown.get(URI) ?? {});
    const coloured = graph.nodes.map((n) => `${n.id}=${n.phase}`).sort();
    assert.deepEqual(coloured, ['A=Succeeded', 'B=Succeeded', 'C=Succeeded', 'D=Succeeded']);
    assert.match(graph.nodes[0].phaseMessage ?? '', /^\d+s · pod dag-diamond-[a-z0-9]{5}-echo-\d+: Succeeded$/);
    assert.deepEqual(
      finished.map((f) => `${f.name} ${f.phase}`),
      [`${name} Succeeded`],
    );
  });

  it('shows a failing task as Failed with its message', { timeout: 20_000 }, async () => {
    c.emu.controller.script('echo', (ctx) => (ctx.nodeName.endsWith('.B') ? { lines: ['boom'], exitCode: 3 } : { lines: ['ok'] }));
    finished.length = 0;
    const name = await submit(DIAMOND);
    c.emu.controller.runToCompletion(name);
    const wf = await caughtUp(name);
    assert.equal(wf.status?.phase, 'Failed');
    const tree = flattenTree(buildNodeTree(wf, workflowNodes(wf).nodes, (n, podName) => store.podForNode(name, n.id, podName)));
    const b = tree.find((n) => n.label === 'B');
    assert.equal(b?.phase, 'Failed');
    assert.equal(b?.status.message, 'main: Error (exit code 3)');
    assert.deepEqual(b?.pod?.reasons, ['main: exit code 3']);
    await new Promise((r) => setTimeout(r, 50));
    const graph = joinPhases(graphOf(DIAMOND), shown.get(URI) ?? {});
    const gb = graph.nodes.find((n) => n.id === 'B');
    assert.equal(gb?.phase, 'Failed');
    assert.match(gb?.phaseMessage ?? '', /main: Error \(exit code 3\).*main: exit code 3/);
    assert.equal(graph.nodes.find((n) => n.id === 'D')?.phase, 'Omitted');
    assert.equal(finished.length, 1);
    assert.equal(finished[0].phase, 'Failed');
    assert.deepEqual(
      finished[0].failedNodes.map((n) => `${n.name}: ${n.message}`),
      ['B: main: Error (exit code 3)'],
    );
  });
});
