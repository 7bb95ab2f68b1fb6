// Fidelity: the official Kubernetes Python client (Debian python3-kubernetes, for /usr/bin/python3)
// reads the emulator's pods, logs, watch and workflow. Its typed models (V1Pod, V1ContainerStatus, ...)
// raise on any object missing a required field, so a clean run proves the objects are well formed.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { nodeId, podName } from './controller/node-ids.js';
import { startEmulator, type Emulator } from './emulator/start.js';
import { killAll, run } from './helpers/processes.js';
import { sharedArgoSkip } from '../helpers/paths';
import { pythonKubernetesSkip, skipReasons } from '../helpers/tools';

interface Summary {
  namespaces: string[];
  pods: {
    name: string;
    nodeId: string;
    nodeName: string;
    owner: string;
    phase: string;
    containers: string[];
    initContainers: string[];
    mainExitCode: number;
    mainReason: string;
  }[];
  log: string;
  logTimestamps: string;
  logTail: string;
  podIP: string;
  errors: Record<string, { status: number; reason: string; message: string; kind: string } | null>;
  watch: [string, string, string][];
  workflow: { phase: string; progress: string; nodes: number };
}

describe('python3-kubernetes against the emulator', { skip: skipReasons(sharedArgoSkip(), pythonKubernetesSkip()) }, () => {
  let emu: Emulator | undefined;
  after(async () => {
    killAll();
    await emu?.stop();
  });

  it('lists pods, reads logs and errors, watches, gets the workflow (typed models)', { timeout: 60_000 }, async () => {
    emu = await startEmulator({ tls: true });
    const [wf] = emu.apply(readFileSync(resolve(__dirname, '../../../shared/argo/examples/steps.yaml'), 'utf8'));
    const name = wf.metadata.name ?? '';
    emu.controller.runToCompletion(name);
    emu.controller.script('stuck', { stuckReason: 'ErrImagePull' });
    const [pending] = emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'pending' },
      spec: { entrypoint: 'stuck', templates: [{ name: 'stuck', container: { image: 'nope:latest' } }] },
    });
    emu.manualClock.advance(0);
    const pendingPod = pending.metadata.name ?? '';

    const script = resolve(__dirname, 'python/read-cluster.py');
    const res = await run('/usr/bin/python3', [script, emu.kubeconfigPath, emu.namespace, name, pendingPod], { timeoutMs: 45_000 });
    assert.equal(res.code, 0, res.stderr);
    const s = JSON.parse(res.stdout) as Summary;

    assert.deepEqual(s.namespaces, ['argo', 'default', 'kube-system', 'other']);
    const expected = [`${name}[0].hello1`, `${name}[1].hello2a`, `${name}[1].hello2b`];
    assert.deepEqual(
      s.pods.map((p) => p.nodeName),
      expected,
    );
    for (const p of s.pods) {
      assert.equal(p.name, podName(name, p.nodeName, 'print-message'));
      assert.equal(p.nodeId, nodeId(name, p.nodeName));
      assert.equal(p.owner, 'Workflow');
      assert.equal(p.phase, 'Succeeded');
      assert.deepEqual(p.containers, ['wait', 'main']);
      assert.deepEqual(p.initContainers, ['init']);
      assert.equal(p.mainExitCode, 0);
      assert.equal(p.mainReason, 'Completed');
    }
    assert.equal(s.log, 'hello1\n');
    assert.match(s.logTimestamps, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z hello1\n$/);
    assert.equal(s.logTail, 'hello1\n');
    assert.match(s.podIP, /^10\.244\.0\.\d+$/);
    assert.deepEqual(s.errors.missing, { status: 404, reason: 'NotFound', kind: 'Status', message: 'pods "no-such-pod" not found' });
    assert.deepEqual(s.errors.pending, {
      status: 400,
      reason: 'BadRequest',
      kind: 'Status',
      message: `container "main" in pod "${pendingPod}" is waiting to start: ContainerCreating`,
    });
    assert.equal(s.errors.noContainer?.status, 400);
    assert.match(
      s.errors.noContainer?.message ?? '',
      /a container name must be specified for pod .*, choose one of: \[wait main\] or one of the init containers: \[init\]/,
    );
    assert.deepEqual(
      s.watch.map((e) => [e[0], e[2]]),
      expected.map(() => ['ADDED', 'V1Pod']),
    );
    assert.deepEqual(s.workflow, { phase: 'Succeeded', progress: '3/3', nodes: 6 });
    const watchReq = emu.requests.find((r) => r.query.watch !== undefined);
    assert.equal(watchReq?.query.watch, 'True', 'python sends watch=True (Go ParseBool)');
    assert.equal(watchReq?.query.timeoutSeconds, '1');
  });
});
