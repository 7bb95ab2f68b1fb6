// The fake kubelet's pure parts: what a pod does (read from its ARGO_TEMPLATE like Argo's executor,
// or scripted), and the signal of the controller's kill execs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { killSignal } from './kubelet/fake-kubelet';
import { podFacts, resolvePodScript } from './kubelet/pod-script';

const template = {
  name: 'generate',
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo start; echo -n hello world > /tmp/hello_world.txt; exit 2'] },
  outputs: {
    parameters: [
      { name: 'hello-param', valueFrom: { path: '/tmp/hello_world.txt' } },
      { name: 'missing', valueFrom: { path: '/nope', default: 'dflt' } },
    ],
  },
};

const pod = {
  metadata: {
    name: 'wf-generate-123',
    annotations: { 'workflows.argoproj.io/node-name': 'wf', 'workflows.argoproj.io/node-id': 'wf' },
    labels: { 'workflows.argoproj.io/workflow': 'wf' },
    ownerReferences: [{ kind: 'Workflow', name: 'wf', uid: 'u-1' }],
  },
  spec: {
    initContainers: [{ name: 'init', env: [{ name: 'ARGO_TEMPLATE', value: JSON.stringify(template) }] }],
    containers: [
      {
        name: 'wait',
        env: [
          { name: 'ARGO_TEMPLATE', value: JSON.stringify(template) },
          { name: 'ARGO_INCLUDE_SCRIPT_OUTPUT', value: 'true' },
        ],
      },
      { name: 'main' },
    ],
  },
};

describe('fake kubelet (pure)', () => {
  it('reads the pod as the executor does and runs its command', () => {
    const facts = podFacts(pod);
    assert.deepEqual(
      [facts.templateName, facts.nodeId, facts.nodeName, facts.workflowName, facts.workflowUid, facts.includeScriptOutput],
      ['generate', 'wf', 'wf', 'wf', 'u-1', true],
    );
    const s = resolvePodScript(facts);
    assert.deepEqual(s.lines, ['start']);
    assert.equal(s.exitCode, 2);
    assert.deepEqual(s.outputParameters, [
      { name: 'hello-param', value: 'hello world' },
      { name: 'missing', value: 'dflt' },
    ]);
    const scripted = resolvePodScript(facts, { lines: ['a', 'b'], exitCode: 0, scheduleMs: 3000, outputParameters: { 'hello-param': 'x' } });
    assert.deepEqual([scripted.lines, scripted.stdout, scripted.exitCode, scripted.scheduleMs], [['a', 'b'], 'a\nb\n', 0, 3000]);
    assert.equal(scripted.outputParameters[0].value, 'x');
  });

  it('knows the signal of the kill commands the controller execs', () => {
    assert.equal(killSignal(['/var/run/argo/argoexec', 'kill', '15', '1']), 15);
    assert.equal(killSignal(['/bin/sh', '-c', 'kill -9 1']), 9);
    assert.equal(killSignal(['/bin/sh', '-c', 'kill -TERM 1']), 15);
    assert.equal(killSignal(['ls']), undefined);
  });
});
