// Kubernetes API semantics of the emulator: discovery, auth, CRUD, selectors, paging, watch, Table.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resources } from './emulator/resources.js';
import { startEmulator, type Emulator } from './emulator/start.js';
import { kubeJson, kubeRequest, openStream, tick } from './helpers/kube-client.js';

interface Status {
  kind: string;
  status: string;
  reason?: string;
  code: number;
  message?: string;
  details?: { name?: string; group?: string; kind?: string };
}
interface Obj {
  metadata: {
    name: string;
    resourceVersion: string;
    uid?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    continue?: string;
  };
  items?: Obj[];
  kind?: string;
}
interface WatchEvent {
  type: string;
  object: Obj & Partial<Status>;
}

const wfPath = '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows';
const wf = (name: string, labels: Record<string, string> = {}): object => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name, labels },
  spec: { entrypoint: 'x', templates: [{ name: 'x', suspend: {} }] },
});

describe('emulator API semantics (plain http)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ tls: false, bookmarkIntervalMs: 100 });
    emu.controller.pause(); // pure API tests: no controller writes
  });
  after(async () => {
    await emu?.stop();
  });

  it('serves discovery and openapi v3', async () => {
    const v = await kubeJson<{ major: string; minor: string }>(emu, 'GET', '/version', { token: null });
    assert.deepEqual([v.status, v.body.major, v.body.minor], [200, '1', '32']);
    const apis = await kubeJson<{ groups: { name: string }[] }>(emu, 'GET', '/apis');
    assert.deepEqual(
      apis.body.groups.map((g) => g.name),
      ['argoproj.io'],
    );
    const argo = await kubeJson<{ resources: { name: string; shortNames?: string[]; namespaced: boolean }[] }>(emu, 'GET', '/apis/argoproj.io/v1alpha1');
    assert.deepEqual(
      argo.body.resources.find((r) => r.name === 'workflows'),
      {
        name: 'workflows',
        singularName: 'workflow',
        namespaced: true,
        kind: 'Workflow',
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        shortNames: ['wf'],
      },
    );
    const core = await kubeJson<{ resources: { name: string }[] }>(emu, 'GET', '/api/v1');
    assert.ok(core.body.resources.some((r) => r.name === 'pods/log'));
    const index = await kubeJson<{ paths: Record<string, { serverRelativeURL: string }> }>(emu, 'GET', '/openapi/v3');
    const gv = await kubeJson<{ paths: Record<string, { patch?: { parameters: { name: string }[] } }> }>(
      emu,
      'GET',
      index.body.paths['apis/argoproj.io/v1alpha1'].serverRelativeURL,
    );
    assert.ok(gv.body.paths['/apis/argoproj.io/v1alpha1/namespaces/{namespace}/workflows/{name}'].patch?.parameters.some((p) => p.name === 'fieldValidation'));
    const nf = await kubeJson<Status>(emu, 'GET', '/apis/nope/v1');
    assert.deepEqual([nf.status, nf.body.kind, nf.body.reason], [404, 'Status', 'NotFound']);
  });

  it('401 without or with a wrong token, 403 from the deny list', async () => {
    for (const token of [null, 'wrong']) {
      const r = await kubeJson<Status>(emu, 'GET', wfPath, { token });
      assert.deepEqual([r.status, r.body.kind, r.body.reason, r.body.message], [401, 'Status', 'Unauthorized', 'Unauthorized']);
    }
    emu.auth.deny({ verb: 'list', resource: 'workflows', namespace: 'argo' });
    const r = await kubeJson<Status>(emu, 'GET', wfPath);
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'Forbidden');
    assert.match(
      r.body.message ?? '',
      /^workflows\.argoproj\.io is forbidden: User ".*" cannot list resource "workflows" in API group "argoproj.io" in the namespace "argo"$/,
    );
    emu.auth.clearDenies();
  });

  it('create (generateName, 409, 422, missing namespace), get 404, patch, delete', async () => {
    const c = await kubeJson<Obj>(emu, 'POST', wfPath, { body: { ...wf(''), metadata: { generateName: 'gen-' } } });
    assert.equal(c.status, 201);
    assert.match(c.body.metadata.name, /^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    assert.ok(c.body.metadata.uid && c.body.metadata.creationTimestamp && c.body.metadata.generation === 1);
    const dup = await kubeJson<Status>(emu, 'POST', wfPath, { body: { ...wf(c.body.metadata.name) } });
    assert.deepEqual([dup.status, dup.body.reason, dup.body.message], [409, 'AlreadyExists', `workflows.argoproj.io "${c.body.metadata.name}" already exists`]);
    const noName = await kubeJson<Status>(emu, 'POST', wfPath, { body: { kind: 'Workflow', apiVersion: 'argoproj.io/v1alpha1', metadata: {} } });
    assert.deepEqual([noName.status, noName.body.reason], [422, 'Invalid']);
    const noNs = await kubeJson<Status>(emu, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/nope/workflows', { body: wf('a') });
    assert.deepEqual([noNs.status, noNs.body.message], [404, 'namespaces "nope" not found']);
    const missing = await kubeJson<Status>(emu, 'GET', `${wfPath}/nope`);
    assert.deepEqual(missing.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'workflows.argoproj.io "nope" not found',
      reason: 'NotFound',
      details: { name: 'nope', group: 'argoproj.io', kind: 'workflows' },
      code: 404,
    });
    const p = await kubeJson<Obj>(emu, 'PATCH', `${wfPath}/${c.body.metadata.name}`, {
      body: { metadata: { labels: { a: 'b' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(p.status, 200);
    assert.deepEqual(p.body.metadata.labels, { a: 'b' });
    assert.notEqual(p.body.metadata.resourceVersion, c.body.metadata.resourceVersion);
    const bad = await kubeJson<Status>(emu, 'PATCH', `${wfPath}/${c.body.metadata.name}`, { body: [], contentType: 'application/json-patch+json' });
    assert.equal(bad.status, 415);
    const d = await kubeJson<Status>(emu, 'DELETE', `${wfPath}/${c.body.metadata.name}`);
    assert.deepEqual([d.status, d.body.status, d.body.details?.name], [200, 'Success', c.body.metadata.name]);
    assert.equal((await kubeRequest(emu, 'GET', `${wfPath}/${c.body.metadata.name}`)).status, 404);
  });

  it('label and field selectors, limit/continue paging', async () => {
    for (let i = 0; i < 5; i++) emu.apply(wf(`sel-${i}`, { tier: i % 2 === 0 ? 'even' : 'odd', n: String(i) }) as never);
    const names = async (q: string): Promise<string[]> => (await kubeJson<Obj>(emu, 'GET', `${wfPath}?${q}`)).body.items?.map((o) => o.metadata.name) ?? [];
    assert.deepEqual(await names('labelSelector=tier%3Deven'), ['sel-0', 'sel-2', 'sel-4']);
    assert.deepEqual(await names('labelSelector=tier!%3Deven,n'), ['sel-1', 'sel-3']);
    assert.deepEqual(await names('labelSelector=n%20in%20(1,4)'), ['sel-1', 'sel-4']);
    assert.deepEqual(await names('labelSelector=n%20notin%20(0,1,2),tier'), ['sel-3', 'sel-4']);
    assert.deepEqual(await names('fieldSelector=metadata.name%3Dsel-3'), ['sel-3']);
    const seen: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const page = await kubeJson<Obj>(emu, 'GET', `${wfPath}?labelSelector=tier&limit=2${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
      seen.push(...(page.body.items ?? []).map((o) => o.metadata.name));
      cont = page.body.metadata.continue ?? '';
      pages++;
    } while (cont && pages < 10);
    assert.deepEqual([seen, pages], [['sel-0', 'sel-1', 'sel-2', 'sel-3', 'sel-4'], 3]);
  });

  it('watch: synthetic ADDED, replay from a resourceVersion, selector transitions, BOOKMARK, timeoutSeconds', async () => {
    const list = await kubeJson<Obj>(emu, 'GET', wfPath);
    const rv = list.body.metadata.resourceVersion;
    emu.apply(wf('w-1', { watch: 'yes' }) as never);
    const fromRv = openStream(emu, `${wfPath}?watch=1&resourceVersion=${rv}&labelSelector=watch%3Dyes&allowWatchBookmarks=true&timeoutSeconds=1`);
    const first = JSON.parse((await fromRv.waitForLines(1))[0]) as WatchEvent;
    assert.deepEqual([first.type, first.object.metadata.name], ['ADDED', 'w-1']);
    const wfs = resources.find((r) => r.plural === 'workflows');
    assert.ok(wfs);
    emu.store.mutate(wfs, 'argo', 'w-1', (o) => (o.metadata.labels = { watch: 'no' }));
    emu.store.mutate(wfs, 'argo', 'w-1', (o) => (o.metadata.labels = { watch: 'yes' }));
    const lines = await fromRv.waitForLines(3);
    assert.deepEqual(
      lines.slice(1, 3).map((l) => (JSON.parse(l) as WatchEvent).type),
      ['DELETED', 'ADDED'],
    );
    await tick(250);
    assert.ok(fromRv.lines.some((l) => (JSON.parse(l) as WatchEvent).type === 'BOOKMARK'));
    const closed = await fromRv.closed;
    assert.equal(closed.clean, true, 'timeoutSeconds ends the watch cleanly');
    const zero = openStream(emu, `${wfPath}?watch=true&resourceVersion=0&fieldSelector=metadata.name%3Dw-1&timeoutSeconds=1`);
    const z = JSON.parse((await zero.waitForLines(1))[0]) as WatchEvent;
    assert.deepEqual([z.type, z.object.metadata.name], ['ADDED', 'w-1']);
    await zero.closed;
  });

  it('watch from a too old resourceVersion: ERROR 410 Expired event, or HTTP 410', async () => {
    const rv = (await kubeJson<Obj>(emu, 'GET', wfPath)).body.metadata.resourceVersion;
    emu.apply(wf('exp-1') as never);
    emu.faults.expireHistory();
    const s = openStream(emu, `${wfPath}?watch=true&resourceVersion=${rv}`);
    const ev = JSON.parse((await s.waitForLines(1))[0]) as WatchEvent;
    assert.equal(ev.type, 'ERROR');
    assert.deepEqual([ev.object.code, ev.object.reason], [410, 'Expired']);
    assert.match(ev.object.message ?? '', /^too old resource version: \d+ \(\d+\)$/);
    assert.equal((await s.closed).clean, true);
    emu.faults.expireHistory('http');
    const h = await kubeJson<Status>(emu, 'GET', `${wfPath}?watch=true&resourceVersion=${rv}`);
    assert.deepEqual([h.status, h.body.reason], [410, 'Expired']);
    emu.faults.reset();
  });

  it('Table output when asked (kubectl get)', async () => {
    const t = await kubeJson<{ kind: string; columnDefinitions: { name: string }[]; rows: { cells: unknown[]; object: { kind: string } }[] }>(
      emu,
      'GET',
      `${wfPath}?fieldSelector=metadata.name%3Dw-1`,
      {
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      },
    );
    assert.equal(t.body.kind, 'Table');
    assert.deepEqual(
      t.body.columnDefinitions.map((c) => c.name),
      ['Name', 'Status', 'Age', 'Message'],
    );
    assert.deepEqual([t.body.rows[0].cells[0], t.body.rows[0].object.kind], ['w-1', 'PartialObjectMetadata']);
  });
});
