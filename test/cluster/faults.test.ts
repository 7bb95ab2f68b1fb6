// Fault injection: failNext, blackhole, dropped/ended watches, token rotation, restart (same or new epoch).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './emulator/start.js';
import { kubeJson, kubeRequest, openStream } from './helpers/kube-client.js';

const wfPath = '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows';

describe('fault injection', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ tls: true });
    emu.controller.pause();
  });
  after(async () => {
    await emu?.stop();
  });

  it('failNext: matching requests fail with a Status (and Retry-After), the rest pass', async () => {
    emu.faults.failNext({ method: 'GET', pathRegex: /\/workflows/, status: 429, retryAfterSeconds: 2, times: 2 });
    emu.faults.failNext({ pathRegex: /\/pods/, status: 503 });
    const a = await kubeRequest(emu, 'GET', wfPath);
    assert.deepEqual([a.status, a.headers['retry-after']], [429, '2']);
    assert.equal((JSON.parse(a.body) as { reason: string }).reason, 'TooManyRequests');
    assert.equal((await kubeRequest(emu, 'GET', '/api/v1/namespaces/argo/pods')).status, 503);
    assert.equal((await kubeRequest(emu, 'GET', wfPath)).status, 429);
    assert.equal((await kubeRequest(emu, 'GET', wfPath)).status, 200);
    for (const status of [401, 403, 500]) {
      emu.faults.failNext({ status });
      const r = await kubeJson<{ code: number; reason: string }>(emu, 'GET', wfPath);
      assert.deepEqual([r.status, r.body.code, r.body.reason], [status, status, { 401: 'Unauthorized', 403: 'Forbidden', 500: 'InternalError' }[status]]);
    }
  });

  it('blackhole: accepted, never answered', async () => {
    emu.faults.blackhole({ pathRegex: /workflows/ });
    await assert.rejects(kubeRequest(emu, 'GET', wfPath, { timeoutMs: 300 }), /timeout/);
    assert.equal((await kubeRequest(emu, 'GET', '/version')).status, 200);
    emu.faults.unblackhole();
    assert.equal((await kubeRequest(emu, 'GET', wfPath)).status, 200);
  });

  it('dropWatches resets, endWatches ends cleanly', async () => {
    const w1 = openStream(emu, `${wfPath}?watch=true`);
    assert.equal(await w1.status, 200);
    assert.equal(emu.faults.dropWatches(), 1);
    assert.equal((await w1.closed).clean, false);
    const w2 = openStream(emu, `${wfPath}?watch=true`);
    assert.equal(await w2.status, 200);
    assert.equal(emu.faults.endWatches(), 1);
    assert.equal((await w2.closed).clean, true);
  });

  it('rotateToken: the old token gets 401, the kubeconfig has the new one', async () => {
    const old = emu.token;
    const fresh = emu.rotateToken();
    assert.notEqual(fresh, old);
    assert.equal((await kubeRequest(emu, 'GET', wfPath, { token: old })).status, 401);
    assert.equal((await kubeRequest(emu, 'GET', wfPath)).status, 200);
  });

  it('restart: refused while down; same epoch keeps resourceVersions, a new epoch expires them', async () => {
    emu.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'r1' }, spec: {} });
    const rv = (await kubeJson<{ metadata: { resourceVersion: string } }>(emu, 'GET', wfPath)).body.metadata.resourceVersion;
    const w = openStream(emu, `${wfPath}?watch=true&resourceVersion=${rv}`);
    assert.equal(await w.status, 200);
    const restarting = emu.restart({ downtimeMs: 300 });
    assert.equal((await w.closed).clean, false);
    await assert.rejects(kubeRequest(emu, 'GET', '/version', { timeoutMs: 1000 }), /ECONNREFUSED/);
    await restarting;
    const same = openStream(emu, `${wfPath}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`);
    assert.equal(await same.status, 200);
    emu.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'r2' }, spec: {} });
    assert.match((await same.waitForLines(1))[0], /"type":"ADDED".*"name":"r2"/);
    same.abort();
    await emu.restart({ newEpoch: true });
    const stale = openStream(emu, `${wfPath}?watch=true&resourceVersion=${rv}`);
    assert.match((await stale.waitForLines(1))[0], /"type":"ERROR".*"code":410/);
    const relist = await kubeJson<{ metadata: { resourceVersion: string }; items: unknown[] }>(emu, 'GET', wfPath);
    assert.equal(relist.body.items.length, 2, 'state survives a restart');
    assert.ok(Number(relist.body.metadata.resourceVersion) > Number(rv) + 1000);
  });
});
