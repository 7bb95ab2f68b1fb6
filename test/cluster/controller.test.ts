// Controller behaviours beyond the five examples: invalid spec, workflowTemplateRef, DAG depends/when/
// loops (Omitted, Skipped, TaskGroup), cascade delete of pods.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './emulator/start.js';
import { resources, type ResourceDef } from './emulator/resources.js';
import { shapeOf } from './helpers/node-shape.js';

const def = (p: string): ResourceDef => resources.find((r) => r.plural === p) as ResourceDef;
const echo = {
  name: 'echo',
  inputs: { parameters: [{ name: 'm', default: 'x' }] },
  container: { image: 'busybox', command: ['echo', '{{inputs.parameters.m}}'] },
};

describe('controller simulator', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ tls: false });
  });
  after(async () => {
    await emu?.stop();
  });

  it('invalid spec: phase Failed, message "invalid spec: ...", no pods', () => {
    emu.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'bad' }, spec: { entrypoint: 'nope', templates: [echo] } });
    const wf = emu.controller.runToCompletion('bad');
    const st = wf.status as { phase: string; message: string; nodes?: object; finishedAt: string };
    assert.deepEqual([st.phase, st.message], ['Failed', "invalid spec: spec.entrypoint template 'nope' undefined"]);
    assert.equal(st.nodes, undefined);
    assert.equal(wf.metadata.labels?.['workflows.argoproj.io/completed'], 'true');
    assert.equal(emu.store.list(def('pods'), 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === 'bad').length, 0);
  });

  it('workflowTemplateRef + DAG depends/when/withItems', () => {
    emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: 'tmpl' },
      spec: {
        entrypoint: 'main',
        templates: [
          {
            name: 'main',
            dag: {
              tasks: [
                { name: 'A', template: 'fail' },
                { name: 'B', template: 'echo', depends: 'A.Failed' },
                { name: 'C', template: 'echo', depends: 'A.Succeeded' },
                { name: 'D', template: 'echo', depends: 'B', when: '1 == 2' },
                { name: 'E', template: 'echo', depends: 'B', withItems: ['p', 'q'], arguments: { parameters: [{ name: 'm', value: '{{item}}' }] } },
              ],
            },
          },
          { name: 'fail', container: { image: 'alpine', command: ['sh', '-c', 'exit 3'] } },
          echo,
        ],
      },
    });
    emu.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'from-tmpl' }, spec: { workflowTemplateRef: { name: 'tmpl' } } });
    const wf = emu.controller.runToCompletion('from-tmpl');
    const st = wf.status as { phase: string; storedWorkflowTemplateSpec?: { entrypoint: string } };
    assert.equal(st.storedWorkflowTemplateSpec?.entrypoint, 'main');
    const s = shapeOf(wf);
    // dag.go assessDAGPhase: the Omitted leaf C inherits the phase of its completed ancestor A (Failed),
    // so the DAG fails even though B handled A's failure.
    assert.deepEqual(s.W, {
      type: 'DAG',
      displayName: 'W',
      templateName: 'main',
      phase: 'Failed',
      children: ['W.A'],
      outbound: ['W.C', 'W.D', 'W.E(0:p)', 'W.E(1:q)'],
    });
    assert.deepEqual(s['W.A'], {
      type: 'Pod',
      displayName: 'A',
      templateName: 'fail',
      phase: 'Failed',
      boundary: 'W',
      children: ['W.C', 'W.B'],
      message: 'main: Error (exit code 3)',
    }); // targets run sorted: C (omitted) links first
    assert.deepEqual(s['W.C'], {
      type: 'Skipped',
      displayName: 'C',
      templateName: 'echo',
      phase: 'Omitted',
      boundary: 'W',
      message: 'omitted: depends condition not met',
    });
    assert.deepEqual(s['W.D'], {
      type: 'Skipped',
      displayName: 'D',
      templateName: 'echo',
      phase: 'Skipped',
      boundary: 'W',
      message: "when '1 == 2' evaluated false",
    });
    assert.deepEqual(s['W.E'], {
      type: 'TaskGroup',
      displayName: 'E',
      templateName: 'echo',
      phase: 'Succeeded',
      boundary: 'W',
      children: ['W.E(0:p)', 'W.E(1:q)'],
    });
    assert.deepEqual(s['W.B'].children, ['W.D', 'W.E']);
    assert.equal(st.phase, 'Failed');
  });

  it('deleting a workflow deletes its pods', () => {
    const pods = (): number => emu.store.list(def('pods'), 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === 'from-tmpl').length;
    assert.equal(pods(), 4); // A, B, E(0:p), E(1:q)
    emu.store.delete(def('workflows'), 'argo', 'from-tmpl');
    assert.equal(pods(), 0);
  });
  it('an output parameter written by a shell redirection (`echo -n hello world > /tmp/hello_world.txt`), as Argo reads it', () => {
    emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'outparam' },
      spec: {
        entrypoint: 'hello',
        templates: [
          {
            name: 'hello',
            container: { image: 'busybox', command: ['sh', '-c'], args: ['echo -n hello world > /tmp/hello_world.txt'] },
            outputs: { parameters: [{ name: 'hello-param', valueFrom: { path: '/tmp/hello_world.txt' } }] },
          },
        ],
      },
    });
    const wf = emu.controller.runToCompletion('outparam');
    const node = (wf.status as { nodes: Record<string, { outputs?: { parameters?: { name: string; value: string }[] } }> }).nodes.outparam;
    assert.deepEqual(node.outputs?.parameters, [{ name: 'hello-param', value: 'hello world' }]);
    const pod = emu.store.mustGet(def('pods'), 'argo', 'outparam');
    assert.deepEqual(emu.logs.lines(pod.metadata.uid ?? '', 'main', 0), [], 'the redirected text is not a log line');
  });
  for (const strategy of ['Stop', 'Terminate'] as const) {
    it(`spec.shutdown ${strategy}: the running step is signalled (exit 143) and failed at once, nothing new starts, the run ends Failed "Stopped with strategy '${strategy}'"`, () => {
      const name = `shut-${strategy.toLowerCase()}`;
      emu.controller.script('long', { lines: ['working'], durationMs: 3_600_000, pendingMs: 100, initMs: 100 });
      emu.apply({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name },
        spec: {
          entrypoint: 'main',
          onExit: 'bye',
          templates: [
            { name: 'main', steps: [[{ name: 'first', template: 'long' }], [{ name: 'second', template: 'echo' }]] },
            { name: 'long', container: { image: 'alpine' } },
            { name: 'bye', container: { image: 'alpine', command: ['echo', 'bye'] } },
            echo,
          ],
        },
      });
      emu.manualClock.advance(0);
      emu.manualClock.advance(500); // first runs
      emu.store.mutate(def('workflows'), 'argo', name, (wf) => {
        (wf.spec as { shutdown?: string }).shutdown = strategy;
        wf.metadata.generation = (wf.metadata.generation ?? 1) + 1;
      });
      const wf = emu.controller.runToCompletion(name);
      const st = wf.status as { phase: string; message: string; nodes: Record<string, { displayName: string; phase: string; message?: string }> };
      assert.deepEqual([st.phase, st.message], ['Failed', `Stopped with strategy '${strategy}'`]);
      const byName = (d: string): { phase: string; message?: string } | undefined => Object.values(st.nodes).find((n) => n.displayName === d);
      // As the real controller v4.0.5: the node keeps the shutdown message (two spaces), the run ends in that reconcile.
      assert.deepEqual(byName('first'), { ...byName('first'), phase: 'Failed', message: `workflow shutdown with strategy:  ${strategy}` });
      const first = emu.store.mustGet(
        def('pods'),
        'argo',
        Object.keys(st.nodes)
          .map((id) => id)
          .find((id) => st.nodes[id].displayName === 'first')
          ?.replace(name, `${name}-long`) ?? '',
      );
      const main = (first.status as { containerStatuses: { name: string; state: { terminated?: { exitCode: number } } }[] }).containerStatuses.find(
        (c) => c.name === 'main',
      );
      assert.equal(main?.state.terminated?.exitCode, 143, 'main was signalled');
      assert.equal(byName('second'), undefined, 'the next step never started');
      const pods = emu.store.list(def('pods'), 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === name);
      assert.deepEqual(
        pods.map((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name']).sort(),
        strategy === 'Stop' ? [`${name}.onExit`, `${name}[0].first`] : [`${name}[0].first`],
        'Stop still runs the exit handler; Terminate does not',
      );
    });
  }

  it('requeueMs: a pod change is acted on at the next requeue, one DAG level per requeue (as DEFAULT_REQUEUE_TIME)', async () => {
    const slow = await startEmulator({ tls: false, requeueMs: 1000 });
    try {
      slow.controller.script('echo', { lines: ['x'], durationMs: 100, pendingMs: 100, initMs: 100 });
      slow.apply({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'levels' },
        spec: {
          entrypoint: 'main',
          templates: [
            {
              name: 'main',
              dag: {
                tasks: [
                  { name: 'A', template: 'echo' },
                  { name: 'B', template: 'echo', depends: 'A' },
                ],
              },
            },
            echo,
          ],
        },
      });
      const podsOf = (): string[] =>
        slow.store
          .list(def('pods'), 'argo')
          .filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === 'levels')
          .map((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] ?? '');
      slow.manualClock.advance(0);
      assert.deepEqual(podsOf(), ['levels.A']);
      slow.manualClock.advance(400); // A's pod has succeeded (100 + 100 + 100 ms)
      const a = slow.store.list(def('pods'), 'argo').find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] === 'levels.A');
      assert.equal((a?.status as { phase?: string }).phase, 'Succeeded');
      slow.manualClock.advance(500); // less than a requeue after the change
      assert.deepEqual(podsOf(), ['levels.A'], 'B waits for the requeue');
      slow.manualClock.advance(500);
      assert.deepEqual(podsOf().sort(), ['levels.A', 'levels.B']);
      assert.equal((slow.controller.runToCompletion('levels').status as { phase: string }).phase, 'Succeeded');
    } finally {
      await slow.stop();
    }
  });
});
