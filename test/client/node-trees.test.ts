// Node trees and graph overlays of Argo's own examples run by the emulator: steps (step groups), loops
// (iterations grouped under their step on the graph), retries (attempts under the retry node), exit
// handlers and a leaf entrypoint; pods found by the node-id annotation.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { joinPhases } from '../../server/src/core/graph/phases';
import type { Workflow } from '../../client/src/cluster/types';
import { workflowNodes } from '../../client/src/cluster/workflow-nodes';
import { buildNodeTree, type RunNode } from '../../client/src/runs/node-tree';
import { runPhaseMap } from '../../client/src/runs/run-overlay';
import { RunsStore } from '../../client/src/runs/runs-store';
import { def, startClusterWithStore, stopClusterWithStore, type ClusterWithStore } from './helpers/cluster';
import { SHARED_ARGO, sharedArgoSkip } from '../helpers/paths';

const EXAMPLES = join(SHARED_ARGO, 'examples');

function shape(nodes: readonly RunNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label} ${n.type} ${n.phase}${n.podName ? ` pod:${n.pod ? n.pod.phase : '?'}` : ''}`,
    ...shape(n.children, depth + 1),
  ]);
}

describe('node trees and overlays of the examples', { skip: sharedArgoSkip() }, () => {
  let c: ClusterWithStore;
  let store: RunsStore;
  before(async () => {
    c = await startClusterWithStore();
    store = c.store;
  });
  after(() => stopClusterWithStore(c));

  /** Runs an example to completion; returns the store's copy once it caught up, its tree and its joined graph. */
  async function run(file: string): Promise<{ wf: Workflow; tree: string[]; graph: string[] }> {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const [created] = c.emu.apply(text);
    const name = created.metadata.name ?? '';
    const done = c.emu.controller.runToCompletion(name);
    const podCount = c.emu.store.list(def('pods'), 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === name).length;
    const wf = await store.waitFor(() => {
      const w = store.get(name);
      return w?.metadata?.resourceVersion === done.metadata.resourceVersion &&
        store.podsOf(name).filter((p) => p.metadata?.labels?.['workflows.argoproj.io/completed'] === 'true').length === podCount
        ? w
        : undefined;
    }, 5000);
    const nodes = workflowNodes(wf).nodes;
    const tree = shape(buildNodeTree(wf, nodes, (n, p) => store.podForNode(name, n.id, p)));
    const r = buildGraph(analyzeText(text));
    assert.ok(r.ok);
    const joined = joinPhases(
      r.graph,
      runPhaseMap(wf, nodes, (n) => store.podForNode(name, n.id)),
    );
    return { wf, tree, graph: joined.nodes.map((n) => `${n.id}=${n.phase ?? '-'}`) };
  }

  it('steps: step groups with their steps', { timeout: 15_000 }, async () => {
    const r = await run('steps.yaml');
    assert.deepEqual(r.tree, [
      '[0] StepGroup Succeeded',
      '  hello1 Pod Succeeded pod:Succeeded',
      '[1] StepGroup Succeeded',
      '  hello2a Pod Succeeded pod:Succeeded',
      '  hello2b Pod Succeeded pod:Succeeded',
    ]);
    assert.deepEqual(r.graph, ['[0].hello1=Succeeded', '[1].hello2a=Succeeded', '[1].hello2b=Succeeded']);
  });

  it('loops: iterations in the tree, one coloured node on the graph', { timeout: 15_000 }, async () => {
    c.emu.controller.script('print-message', (ctx) => ({ exitCode: ctx.nodeName.includes('(1:') ? 1 : 0 }));
    const r = await run('loops.yaml');
    assert.deepEqual(r.tree, [
      '[0] StepGroup Failed',
      '  print-message-loop(0:hello world) Pod Succeeded pod:Succeeded',
      '  print-message-loop(1:goodbye world) Pod Failed pod:Failed',
    ]);
    assert.deepEqual(r.graph, ['[0].print-message-loop=Failed'], 'the worst iteration colours the loop node');
  });

  it('retries: attempts under the retry node; the graph shows the retry node', { timeout: 15_000 }, async () => {
    c.emu.controller.script('random-fail', (ctx) => ({ exitCode: ctx.retries < (ctx.nodeName.includes('.hello1(') ? 2 : 0) ? 1 : 0 }));
    const r = await run('retry-with-steps.yaml');
    assert.deepEqual(r.tree, [
      '[0] StepGroup Succeeded',
      '  hello1 Retry Succeeded',
      '    hello1(0) Pod Failed pod:Failed',
      '    hello1(1) Pod Failed pod:Failed',
      '    hello1(2) Pod Succeeded pod:Succeeded',
      '[1] StepGroup Succeeded',
      '  hello2a Retry Succeeded',
      '    hello2a(0) Pod Succeeded pod:Succeeded',
      '  hello2b Retry Succeeded',
      '    hello2b(0) Pod Succeeded pod:Succeeded',
    ]);
    assert.deepEqual(r.graph, ['[0].hello1=Succeeded', '[1].hello2a=Succeeded', '[1].hello2b=Succeeded']);
  });

  it('exit handler beside the leaf entrypoint; steps in the order of their group; a skipped step', { timeout: 15_000 }, async () => {
    const r = await run('exit-handlers.yaml');
    assert.equal(r.wf.status?.phase, 'Failed');
    assert.deepEqual(r.tree, [
      `${r.wf.metadata?.name} Pod Failed pod:Failed`,
      `${r.wf.metadata?.name}.onExit Steps Succeeded`,
      '  [0] StepGroup Succeeded',
      '    notify Pod Succeeded pod:Succeeded',
      '    celebrate Skipped Skipped',
      '    cry Pod Succeeded pod:Succeeded',
    ]);
    assert.deepEqual(r.graph, [
      'intentional-fail=Failed',
      'onExit=Succeeded',
      'onExit[0].notify=Succeeded',
      'onExit[0].celebrate=Skipped',
      'onExit[0].cry=Succeeded',
    ]);
  });
});
