// Pod logs: waiting-to-start 400, follow until the container ends, timestamps, sinceTime/sinceSeconds,
// tailLines, limitBytes, previous, bursts, long lines, a dropped stream, a pod deleted mid-stream.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './emulator/start.js';
import { resources, type ResourceDef } from './emulator/resources.js';
import { rfc3339Nano } from './emulator/log-store.js';
import { kubeJson, kubeRequest, openStream, tick } from './helpers/kube-client.js';

const podDef = resources.find((r) => r.plural === 'pods') as ResourceDef;
const start = Date.parse('2025-01-01T00:00:00Z');
let seq = 0;
let t0 = 0;
const ts = (ms: number): string => rfc3339Nano(t0 + ms);

describe('pod logs', () => {
  let emu: Emulator;
  let pod = '';
  const logPath = (q: string): string => `/api/v1/namespaces/argo/pods/${pod}/log?${q}`;
  before(async () => {
    emu = await startEmulator({ tls: true, startTime: start });
    emu.controller.script('talk', { lines: ['one', 'two', 'three', 'four'], intervalMs: 1000, durationMs: 4000, pendingMs: 1000, initMs: 200 });
  });
  after(async () => {
    await emu?.stop();
  });
  beforeEach(() => {
    emu.manualClock.advance(10_000 - (emu.clock.now() % 10_000)); // each pod starts on a whole 10 s
    t0 = emu.clock.now();
    const name = `logs-${seq++}`;
    emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: { entrypoint: 'talk', templates: [{ name: 'talk', container: { image: 'alpine' } }] },
    });
    emu.manualClock.advance(0);
    pod = name; // the root node is a Pod: its pod is named after the workflow
  });

  it('400 while waiting, then follows until the container ends', async () => {
    const early = await kubeJson<{ code: number; reason: string; message: string }>(emu, 'GET', logPath('container=main&follow=true'));
    assert.deepEqual(early.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `container "main" in pod "${pod}" is waiting to start: ContainerCreating`,
      reason: 'BadRequest',
      code: 400,
    } as never);
    emu.manualClock.advance(1000);
    const init = await kubeJson<{ message: string }>(emu, 'GET', logPath('container=main'));
    assert.match(init.body.message, /is waiting to start: PodInitializing$/);
    emu.manualClock.advance(200);
    const s = openStream(emu, logPath('container=main&follow=true&timestamps=true'));
    assert.deepEqual(await s.waitForLines(1), [`${ts(1200)} one`]);
    assert.match(ts(1200), /^2025-01-01T00:00:11\.2Z$/, 'RFC3339Nano drops trailing zeros');
    emu.manualClock.advance(1000);
    await s.waitForLines(2);
    emu.manualClock.advance(5000);
    const end = await s.closed;
    assert.equal(end.clean, true);
    assert.deepEqual(s.lines, [`${ts(1200)} one`, `${ts(2200)} two`, `${ts(3200)} three`, `${ts(4200)} four`]);
  });

  it('sinceTime (to the second), sinceSeconds, tailLines, limitBytes, container required', async () => {
    emu.manualClock.advance(10_000);
    const get = async (q: string): Promise<string> => (await kubeRequest(emu, 'GET', logPath(q))).body;
    assert.equal(await get(`container=main&sinceTime=${new Date(t0 + 2900).toISOString()}`), 'two\nthree\nfour\n');
    const now = emu.clock.now();
    assert.equal(await get(`container=main&sinceSeconds=${Math.floor((now - (t0 + 3200)) / 1000)}`), 'four\n');
    assert.equal(await get('container=main&tailLines=2'), 'three\nfour\n');
    assert.equal(await get('container=main&limitBytes=6'), 'one\ntw');
    const noContainer = await kubeJson<{ code: number }>(emu, 'GET', logPath(''));
    assert.equal(noContainer.body.code, 400);
    assert.match(await get('container=init'), /msg="Starting Workflow Executor"/);
    const bad = await kubeJson<{ code: number }>(emu, 'GET', logPath('container=main&sinceSeconds=5&sinceTime=2025-01-01T00:00:00Z'));
    assert.equal(bad.body.code, 400);
  });

  it('bursts with one timestamp, very long lines, previous after a restart', async () => {
    emu.manualClock.advance(1300);
    emu.controller.kubelet.appendLog('argo', pod, 'main', ['b1', 'b2', 'b3']);
    const long = 'x'.repeat(100_000);
    emu.controller.kubelet.appendLog('argo', pod, 'main', [long]);
    const body = (await kubeRequest(emu, 'GET', logPath('container=main&timestamps=true'))).body.split('\n');
    const stamps = body.slice(1, 4).map((l) => l.split(' ')[0]);
    assert.equal(new Set(stamps).size, 1, 'a burst shares one timestamp');
    assert.equal(body[4].split(' ')[1].length, 100_000);
    const noPrev = await kubeJson<{ code: number; message: string }>(emu, 'GET', logPath('container=main&previous=true'));
    assert.deepEqual([noPrev.body.code, noPrev.body.message], [400, `previous terminated container "main" in pod "${pod}" not found`]);
    emu.controller.kubelet.restartContainer('argo', pod, 'main');
    emu.controller.kubelet.appendLog('argo', pod, 'main', ['after restart']);
    assert.equal((await kubeRequest(emu, 'GET', logPath('container=main&previous=true'))).body.split('\n')[0], 'one');
    assert.equal((await kubeRequest(emu, 'GET', logPath('container=main'))).body, 'after restart\n');
  });

  it('a dropped stream resets the connection; a deleted pod ends the stream, then 404', async () => {
    emu.manualClock.advance(1300);
    const s1 = openStream(emu, logPath('container=main&follow=true'));
    await s1.waitForLines(1);
    assert.equal(emu.faults.dropLogStreams(), 1);
    assert.equal((await s1.closed).clean, false);
    const s2 = openStream(emu, logPath('container=main&follow=true'));
    await s2.waitForLines(1);
    emu.store.delete(podDef, 'argo', pod);
    assert.equal((await s2.closed).clean, true);
    await tick();
    const gone = await kubeJson<{ code: number; message: string }>(emu, 'GET', logPath('container=main'));
    assert.deepEqual([gone.body.code, gone.body.message], [404, `pods "${pod}" not found`]);
  });
});
