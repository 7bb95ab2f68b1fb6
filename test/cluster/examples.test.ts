// The simulator runs five examples from ../shared/argo/examples to completion; the node trees must have
// the shape Argo v4 gives them. Expected trees are written from the Argo source (v4.1.x):
//  - node ids `<wf>-<fnv32a(name)>`, root id = wf name: pkg/apis/workflow/v1alpha1/workflow_types.go NodeID
//  - displayName = name minus the boundary node's name and a leading `[i].`/`.`: operator.go initializeNode
//  - DAG: task `<dag>.<task>`, root tasks are children of the DAG node, a task is a child of its
//    dependencies' outbound nodes, DAG outboundNodes = outbound nodes of the leaf (target) tasks: dag.go
//    executeDAG/executeDAGTask/updateOutboundNodesForTargetTasks
//  - Steps: `<steps>[i]` StepGroup (no templateName), step `<group>.<step>`, group i+1 is a child of the
//    outbound nodes of group i's children, Steps outboundNodes from the last group: steps.go executeSteps
//  - withItems: `<step>(<i>:<item>)` directly under the step group: steps.go expandStepGroup, processItem
//  - retries: a Retry node named after the step with attempts `<step>(<n>)`; a Retry node's outbound node
//    is its last attempt: operator.go executeTemplate/processNodeRetries/getOutboundNodes
//  - exit handler: `<wf>.onExit`, no boundary and no parent, nodeFlag.hooked; a `when` that is false gives
//    a Skipped node with message "when '<expr>' evaluated false": operator.go, steps.go executeStepGroup
//  - progress "N/M" over Pod nodes, failed pods stay "0/1": workflow/progress/updater.go
//  - failed pod node message "main: Error (exit code N)" (container name first, as a real controller v4.0.5 writes it); the workflow takes the root node's phase and message.
// This checks the simulator against facts read in the source, not against a running Argo controller.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fnv32a, nodeId, podName } from './controller/node-ids.js';
import { startEmulator, type Emulator } from './emulator/start.js';
import { resources, type ResourceDef } from './emulator/resources.js';
import type { KubeObject } from './emulator/types.js';
import { nodesOf, shapeOf, type NodeShape } from './helpers/node-shape.js';
import { sharedArgoSkip } from '../helpers/paths';

const examples = resolve(__dirname, '../../../shared/argo/examples');
const podDef = resources.find((r) => r.plural === 'pods') as ResourceDef;

function run(emu: Emulator, file: string): KubeObject {
  const [wf] = emu.apply(readFileSync(resolve(examples, file), 'utf8'));
  return emu.controller.runToCompletion(wf.metadata.name ?? '');
}

function checkPods(emu: Emulator, wf: KubeObject): void {
  const w = wf.metadata.name ?? '';
  for (const n of Object.values(nodesOf(wf))) {
    assert.equal(n.id, nodeId(w, n.name), `id of ${n.name}`);
    if (n.type !== 'Pod') continue;
    const name = podName(w, n.name, n.templateName ?? '');
    const pod = emu.store.get(podDef, emu.namespace, name);
    assert.ok(pod, `pod ${name} for node ${n.name}`);
    if (n.name !== w) assert.ok(name.endsWith(`-${fnv32a(n.name)}`) && n.id.endsWith(`-${fnv32a(n.name)}`));
    assert.equal(pod.metadata.annotations?.['workflows.argoproj.io/node-id'], n.id);
    assert.equal(pod.metadata.annotations?.['workflows.argoproj.io/node-name'], n.name);
    assert.equal(pod.metadata.labels?.['workflows.argoproj.io/workflow'], w);
    assert.equal(pod.metadata.labels?.['workflows.argoproj.io/completed'], 'true');
    const spec = pod.spec as { containers: { name: string }[]; initContainers: { name: string }[] };
    assert.deepEqual(
      spec.initContainers.map((c) => c.name),
      ['init'],
    );
    assert.deepEqual(
      spec.containers.map((c) => c.name),
      ['wait', 'main'],
    );
  }
}

function status(wf: KubeObject): { phase: string; progress: string; message?: string; startedAt: string; finishedAt: string } {
  return wf.status as { phase: string; progress: string; message?: string; startedAt: string; finishedAt: string };
}

const pod = (displayName: string, templateName: string, boundary: string | undefined, extra: Partial<NodeShape> = {}): NodeShape => {
  const s: NodeShape = { type: 'Pod', displayName, templateName, phase: 'Succeeded', ...extra };
  if (boundary) s.boundary = boundary;
  return s;
};

describe('controller simulator: Argo examples', { skip: sharedArgoSkip() }, () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ tls: false });
  });
  after(async () => {
    await emu?.stop();
  });

  it('fnv32a matches Go hash/fnv New32a test vectors', () => {
    assert.equal(fnv32a(''), 0x811c9dc5);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
  });

  it('dag-diamond.yaml', () => {
    const wf = run(emu, 'dag-diamond.yaml');
    assert.equal(status(wf).phase, 'Succeeded');
    assert.equal(status(wf).progress, '4/4');
    assert.deepEqual(shapeOf(wf), {
      W: { type: 'DAG', displayName: 'W', templateName: 'diamond', phase: 'Succeeded', children: ['W.A'], outbound: ['W.D'] },
      'W.A': pod('A', 'echo', 'W', { children: ['W.B', 'W.C'] }),
      'W.B': pod('B', 'echo', 'W', { children: ['W.D'] }),
      'W.C': pod('C', 'echo', 'W', { children: ['W.D'] }),
      'W.D': pod('D', 'echo', 'W'),
    });
    checkPods(emu, wf);
    const a = nodesOf(wf)[nodeId(wf.metadata.name ?? '', `${wf.metadata.name}.A`)];
    assert.deepEqual(a.inputs, { parameters: [{ name: 'message', value: 'A' }] });
    assert.deepEqual(a.outputs, { exitCode: '0' });
  });

  it('steps.yaml', () => {
    const wf = run(emu, 'steps.yaml');
    assert.equal(status(wf).phase, 'Succeeded');
    assert.equal(status(wf).progress, '3/3');
    assert.deepEqual(shapeOf(wf), {
      W: {
        type: 'Steps',
        displayName: 'W',
        templateName: 'hello-hello-hello',
        phase: 'Succeeded',
        children: ['W[0]'],
        outbound: ['W[1].hello2a', 'W[1].hello2b'],
      },
      'W[0]': { type: 'StepGroup', displayName: '[0]', phase: 'Succeeded', boundary: 'W', children: ['W[0].hello1'] },
      'W[0].hello1': pod('hello1', 'print-message', 'W', { children: ['W[1]'] }),
      'W[1]': { type: 'StepGroup', displayName: '[1]', phase: 'Succeeded', boundary: 'W', children: ['W[1].hello2a', 'W[1].hello2b'] },
      'W[1].hello2a': pod('hello2a', 'print-message', 'W'),
      'W[1].hello2b': pod('hello2b', 'print-message', 'W'),
    });
    checkPods(emu, wf);
  });

  it('loops.yaml', () => {
    const wf = run(emu, 'loops.yaml');
    assert.equal(status(wf).phase, 'Succeeded');
    const l0 = 'W[0].print-message-loop(0:hello world)';
    const l1 = 'W[0].print-message-loop(1:goodbye world)';
    assert.deepEqual(shapeOf(wf), {
      W: { type: 'Steps', displayName: 'W', templateName: 'loop-example', phase: 'Succeeded', children: ['W[0]'], outbound: [l0, l1] },
      'W[0]': { type: 'StepGroup', displayName: '[0]', phase: 'Succeeded', boundary: 'W', children: [l0, l1] },
      [l0]: pod('print-message-loop(0:hello world)', 'print-message', 'W'),
      [l1]: pod('print-message-loop(1:goodbye world)', 'print-message', 'W'),
    });
    checkPods(emu, wf);
  });

  it('retry-with-steps.yaml (attempts scripted: hello1 fails twice, hello2b once)', () => {
    emu.controller.script('random-fail', (ctx) => {
      const fails = ctx.nodeName.includes('.hello1(') ? 2 : ctx.nodeName.includes('.hello2b(') ? 1 : 0;
      return { exitCode: ctx.retries < fails ? 1 : 0 };
    });
    const wf = run(emu, 'retry-with-steps.yaml');
    assert.equal(status(wf).phase, 'Succeeded');
    assert.equal(status(wf).progress, '3/6'); // 3 of 6 attempts succeeded; failed pods count 0/1
    const failed = (d: string): NodeShape => pod(d, 'random-fail', 'W', { phase: 'Failed', message: 'main: Error (exit code 1)' });
    const retry = (d: string, children: string[], extra: Partial<NodeShape> = {}): NodeShape => ({
      type: 'Retry',
      displayName: d,
      templateName: 'random-fail',
      phase: 'Succeeded',
      boundary: 'W',
      children,
      ...extra,
    });
    assert.deepEqual(shapeOf(wf), {
      W: {
        type: 'Steps',
        displayName: 'W',
        templateName: 'retry-with-steps',
        phase: 'Succeeded',
        children: ['W[0]'],
        outbound: ['W[1].hello2a(0)', 'W[1].hello2b(1)'],
      },
      'W[0]': { type: 'StepGroup', displayName: '[0]', phase: 'Succeeded', boundary: 'W', children: ['W[0].hello1'] },
      'W[0].hello1': retry('hello1', ['W[0].hello1(0)', 'W[0].hello1(1)', 'W[0].hello1(2)']),
      'W[0].hello1(0)': failed('hello1(0)'),
      'W[0].hello1(1)': failed('hello1(1)'),
      'W[0].hello1(2)': pod('hello1(2)', 'random-fail', 'W', { children: ['W[1]'] }),
      'W[1]': { type: 'StepGroup', displayName: '[1]', phase: 'Succeeded', boundary: 'W', children: ['W[1].hello2a', 'W[1].hello2b'] },
      'W[1].hello2a': retry('hello2a', ['W[1].hello2a(0)']),
      'W[1].hello2a(0)': pod('hello2a(0)', 'random-fail', 'W'),
      'W[1].hello2b': retry('hello2b', ['W[1].hello2b(0)', 'W[1].hello2b(1)']),
      'W[1].hello2b(0)': failed('hello2b(0)'),
      'W[1].hello2b(1)': pod('hello2b(1)', 'random-fail', 'W'),
    });
    for (const n of Object.values(nodesOf(wf))) if (/\(\d\)$/.test(n.name)) assert.deepEqual(n.nodeFlag, { retried: true });
    checkPods(emu, wf);
    // `{{retries}}` is the attempt number in the pod's command, and so in its log.
    const w = wf.metadata.name ?? '';
    const third = emu.store.mustGet(podDef, emu.namespace, podName(w, `${w}[0].hello1(2)`, 'random-fail'));
    assert.deepEqual(
      emu.logs.lines(third.metadata.uid ?? '', 'main', 0).map((l) => l.text),
      ['retries: 2'],
    );
  });

  it('exit-handlers.yaml', () => {
    const wf = run(emu, 'exit-handlers.yaml');
    const w = wf.metadata.name ?? '';
    assert.equal(status(wf).phase, 'Failed');
    assert.equal(status(wf).message, 'main: Error (exit code 1)');
    assert.equal(status(wf).progress, '2/3');
    const inExit = (d: string, t: string): NodeShape => pod(d, t, 'W.onExit');
    assert.deepEqual(shapeOf(wf), {
      W: { type: 'Pod', displayName: 'W', templateName: 'intentional-fail', phase: 'Failed', message: 'main: Error (exit code 1)' },
      'W.onExit': {
        type: 'Steps',
        displayName: 'W.onExit',
        templateName: 'exit-handler',
        phase: 'Succeeded',
        children: ['W.onExit[0]'],
        outbound: ['W.onExit[0].notify', 'W.onExit[0].celebrate', 'W.onExit[0].cry'],
      },
      'W.onExit[0]': {
        type: 'StepGroup',
        displayName: '[0]',
        phase: 'Succeeded',
        boundary: 'W.onExit',
        children: ['W.onExit[0].notify', 'W.onExit[0].celebrate', 'W.onExit[0].cry'],
      },
      'W.onExit[0].notify': inExit('notify', 'send-email'),
      'W.onExit[0].celebrate': {
        type: 'Skipped',
        displayName: 'celebrate',
        templateName: 'celebrate',
        phase: 'Skipped',
        boundary: 'W.onExit',
        message: "when 'Failed == Succeeded' evaluated false",
      },
      'W.onExit[0].cry': inExit('cry', 'cry'),
    });
    assert.deepEqual(nodesOf(wf)[nodeId(w, `${w}.onExit`)].nodeFlag, { hooked: true });
    checkPods(emu, wf);
    assert.equal(podName(w, w, 'intentional-fail'), w, 'the root pod is named after the workflow');
    const notify = emu.store.mustGet(podDef, emu.namespace, podName(w, `${w}.onExit[0].notify`, 'send-email'));
    assert.equal(notify.metadata.labels?.['workflows.argoproj.io/on-exit'], 'true');
    const line = emu.logs.lines(notify.metadata.uid ?? '', 'main', 0)[0]?.text ?? '';
    // `sh -c "echo ... {{workflow.failures}}"`: the shell removes the JSON's double quotes, as in a real pod.
    assert.match(line, new RegExp(`^send e-mail: ${w} Failed [\\d.]+\\. Failed steps \\[\\{displayName:${w},`));
    assert.equal(wf.metadata.labels?.['workflows.argoproj.io/phase'], 'Failed');
    assert.equal(wf.metadata.labels?.['workflows.argoproj.io/completed'], 'true');
    assert.ok(Date.parse(status(wf).finishedAt) > Date.parse(status(wf).startedAt));
  });
});
