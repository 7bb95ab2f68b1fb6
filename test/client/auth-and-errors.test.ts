// Done when #3: a 401 after the token was rotated reloads the kubeconfig and recovers (token and exec
// plugin); a 401 that persists, 403 and missing CRDs give the documented messages; also no kubeconfig,
// unreachable server, TLS errors, and KUBECONFIG merging.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { resourcePath, WORKFLOWS } from '../../client/src/cluster/api-paths';
import { argoDocuments } from '../../client/src/cluster/argo-documents';
import { ClusterError } from '../../client/src/cluster/errors';
import { kubeJson } from '../../client/src/cluster/kube-api';
import { kubeconfigSource, loadKubeconfig } from '../../client/src/cluster/kubeconfig';
import { createWorkflow, workflowFromDocument } from '../../client/src/cluster/submit';
import { KubeTransport } from '../../client/src/cluster/transport';
import { RunsStore, type StoreState } from '../../client/src/runs/runs-store';
import { startTestCluster, waitUntil, type TestCluster } from './helpers/cluster';

const wf = (name: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}}
spec: {entrypoint: main, templates: [{name: main, container: {image: busybox, command: [echo, hi]}}]}
`;
const fast = { listWatch: { backoff: { initialMs: 20, maxMs: 200 } } };

async function rejection(p: Promise<unknown>): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `a ClusterError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('credentials and error messages', () => {
  let c: TestCluster;
  let dir: string;
  const stores: RunsStore[] = [];
  before(async () => {
    c = await startTestCluster();
    c.emu.controller.pause();
    dir = mkdtempSync(join(tmpdir(), 'argo-client-test-'));
  });
  after(async () => {
    for (const s of stores) s.dispose();
    await c.emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const storeOn = async (conn: KubeTransport): Promise<RunsStore> => {
    const s = new RunsStore(conn, 'argo', fast);
    stores.push(s);
    s.start();
    await s.workflowsLoop.whenSynced(5000);
    await waitUntil(() => s.workflowsLoop.isWatching && s.podsLoop.isWatching, 'watches open');
    return s;
  };

  it('recovers from a 401 after the token was rotated (kubeconfig reloaded once)', { timeout: 15_000 }, async () => {
    const conn = KubeTransport.open({ files: [c.emu.kubeconfigPath], origin: 'setting' });
    const store = await storeOn(conn);
    const states: StoreState[] = [];
    store.onDidChangeState((s) => states.push(s));
    c.emu.rotateToken(); // the old token now gets 401; the kubeconfig file has the new one
    c.emu.faults.dropWatches();
    c.emu.apply(wf('after-rotation'));
    await store.waitFor(() => store.get('after-rotation'), 5000);
    assert.equal(conn.credentials.reloads, 1, 'one reload for the concurrent 401s of both loops');
    assert.ok(
      c.emu.requests.some((r) => r.status === 401),
      'the server did answer 401',
    );
    assert.deepEqual(
      states.filter((s) => s.kind === 'error'),
      [],
      'no error was reported',
    );
  });

  it('reports a 401 that persists after the reload, with the documented message', { timeout: 15_000 }, async () => {
    const conn = KubeTransport.open({ files: [c.emu.kubeconfigPath], origin: 'setting' });
    const store = await storeOn(conn);
    const stale = readFileSync(c.emu.kubeconfigPath, 'utf8');
    c.emu.rotateToken();
    writeFileSync(c.emu.kubeconfigPath, stale); // the file still has the revoked token
    c.emu.faults.dropWatches();
    const state = await waitUntil(() => (store.state.kind === 'error' ? store.state : undefined), 'an error state', 5000);
    assert.equal(state.error.kind, 'unauthorized');
    assert.equal(
      state.error.message,
      `Unauthorized (401): the API server at ${c.emu.url} rejected the credentials of context "argo-studio-emulator", also after reloading them.`,
    );
    assert.equal(state.error.nextStep, 'Log in again (refresh the token or re-run your cloud CLI login), then run "Argo: Reconnect to Cluster".');
    assert.ok(conn.credentials.reloads >= 1);
    c.emu.rotateToken(); // a valid kubeconfig again
    await waitUntil(() => store.state.kind === 'ready', 'recovery once the kubeconfig is fixed', 5000);
  });

  it('exec plugin credentials are fetched again after a 401', { timeout: 15_000 }, async () => {
    const tokenFile = join(dir, 'token');
    const plugin = join(dir, 'plugin.js');
    writeFileSync(tokenFile, c.emu.token);
    writeFileSync(
      plugin,
      `const fs = require('fs');
fs.appendFileSync(${JSON.stringify(join(dir, 'calls'))}, 'x');
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',
  status: { token: fs.readFileSync(${JSON.stringify(tokenFile)}, 'utf8'), expirationTimestamp: '2999-01-01T00:00:00Z' } }));\n`,
    );
    chmodSync(plugin, 0o700);
    const base = JSON.parse(JSON.stringify((await import('yaml')).parse(readFileSync(c.emu.kubeconfigPath, 'utf8')))) as {
      users: { name: string; user: Record<string, unknown> }[];
    };
    base.users[0].user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } };
    const kubeconfig = join(dir, 'exec-kubeconfig');
    writeFileSync(kubeconfig, stringify(base));
    const conn = KubeTransport.open({ files: [kubeconfig], origin: 'setting' });
    await kubeJson(conn, 'GET', resourcePath(WORKFLOWS, 'argo'));
    await kubeJson(conn, 'GET', resourcePath(WORKFLOWS, 'argo'));
    assert.equal(readFileSync(join(dir, 'calls'), 'utf8'), 'x', 'the plugin ran once; its credential is cached');
    writeFileSync(tokenFile, c.emu.rotateToken());
    await kubeJson(conn, 'GET', resourcePath(WORKFLOWS, 'argo'));
    assert.equal(readFileSync(join(dir, 'calls'), 'utf8'), 'xx', 'the 401 ran the plugin again');
    assert.equal(conn.credentials.reloads, 1);
  });

  it('403: names the verb and resource', { timeout: 15_000 }, async () => {
    c.emu.auth.deny({ verb: 'list', resource: 'workflows' });
    try {
      const conn = KubeTransport.open({ files: [c.emu.kubeconfigPath], origin: 'setting' });
      const store = new RunsStore(conn, 'argo', fast);
      stores.push(store);
      store.start();
      const state = await waitUntil(() => (store.state.kind === 'error' ? store.state : undefined), 'an error state', 5000);
      assert.equal(state.error.kind, 'forbidden');
      assert.equal(state.error.message, 'Forbidden (403): you may not list workflows.argoproj.io in namespace "argo".');
      assert.equal(
        state.error.nextStep,
        'Ask a cluster admin for RBAC permission to list workflows.argoproj.io (check with: kubectl auth can-i list workflows.argoproj.io -n argo).',
      );
      assert.match(state.error.apiMessage ?? '', /cannot list resource "workflows" in API group "argoproj.io"/);
      c.emu.auth.deny({ verb: 'create', resource: 'workflows' });
      const [doc] = argoDocuments(wf('denied'));
      const e = await rejection(createWorkflow(conn, workflowFromDocument(doc, { namespace: 'argo' })));
      assert.equal(e.message, 'Forbidden (403): you may not create workflows.argoproj.io in namespace "argo".');
    } finally {
      c.emu.auth.clearDenies();
    }
  });

  it('missing CRDs: says Argo Workflows is not installed', { timeout: 15_000 }, async () => {
    const conn = KubeTransport.open({ files: [c.emu.kubeconfigPath], origin: 'setting' });
    c.emu.faults.failNext({ pathRegex: /\/apis\/argoproj\.io\//, status: 404, message: 'the server could not find the requested resource', times: 100 });
    try {
      const store = new RunsStore(conn, 'argo', fast);
      stores.push(store);
      store.start();
      const state = await waitUntil(() => (store.state.kind === 'error' ? store.state : undefined), 'an error state', 5000);
      assert.equal(state.error.kind, 'crd-missing');
      assert.equal(
        state.error.message,
        'Argo Workflows is not installed in the cluster of context "argo-studio-emulator": the API server does not know workflows.argoproj.io.',
      );
      assert.equal(
        state.error.nextStep,
        'Install Argo Workflows (https://argo-workflows.readthedocs.io/en/latest/installation/) or switch to a cluster that has it ("Argo: Switch Context").',
      );
      // A missing object is not a missing CRD.
      c.emu.faults.reset();
      const e = await rejection(kubeJson(conn, 'GET', resourcePath(WORKFLOWS, 'argo', 'nope')));
      assert.equal(e.kind, 'not-found');
    } finally {
      c.emu.faults.reset();
    }
  });

  it('the API server rejection of a submitted Workflow is shown with its message', { timeout: 10_000 }, async () => {
    c.emu.apply(wf('taken'));
    const [doc] = argoDocuments(wf('taken'));
    const e = await rejection(createWorkflow(c.conn, workflowFromDocument(doc, { namespace: 'argo' })));
    assert.equal(e.kind, 'conflict');
    assert.equal(e.message, 'The API server rejected the Workflow: workflows.argoproj.io "taken" already exists');
  });

  it('no kubeconfig, unreachable server, TLS error', { timeout: 15_000 }, async () => {
    const missing = join(dir, 'none');
    let e = await rejection(Promise.resolve().then(() => KubeTransport.open({ files: [missing], origin: 'setting' })));
    assert.equal(e.kind, 'no-kubeconfig');
    assert.equal(e.message, `No kubeconfig found: nothing at the argoStudio.cluster.kubeconfig setting (${missing}).`);
    e = await rejection(Promise.resolve().then(() => KubeTransport.open(kubeconfigSource(undefined, {}, dir))));
    assert.equal(e.message, `No kubeconfig found: nothing at ${join(dir, '.kube', 'config')}.`);

    const cfg = (server: string, cluster: Record<string, unknown> = {}): string => {
      const f = join(dir, `cfg-${Math.random().toString(36).slice(2)}`);
      writeFileSync(
        f,
        stringify({
          apiVersion: 'v1',
          kind: 'Config',
          clusters: [{ name: 'c', cluster: { server, ...cluster } }],
          users: [{ name: 'u', user: { token: 'x' } }],
          contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
          'current-context': 'ctx',
        }),
      );
      return f;
    };
    const closed = KubeTransport.open({ files: [cfg('https://127.0.0.1:1')], origin: 'setting' });
    e = await rejection(kubeJson(closed, 'GET', '/version'));
    assert.equal(e.kind, 'unreachable');
    assert.equal(e.message, 'Cannot reach the Kubernetes API server at https://127.0.0.1:1 (ECONNREFUSED).');
    assert.equal(
      e.nextStep,
      'Check that the cluster of context "ctx" is running and reachable (VPN, proxy, port-forward), then run "Argo: Reconnect to Cluster".',
    );
    const untrusted = KubeTransport.open({ files: [cfg(c.emu.url)], origin: 'setting' });
    e = await rejection(kubeJson(untrusted, 'GET', '/version'));
    assert.equal(e.kind, 'tls');
    assert.match(e.message, new RegExp(`^TLS error talking to ${c.emu.url}: self[- ]signed certificate\\.$`));
    assert.equal(
      e.nextStep,
      'Check certificate-authority / certificate-authority-data of the cluster of context "ctx" in the kubeconfig (or the system\'s trusted CAs).',
    );
    const plainHttp = KubeTransport.open({ files: [cfg('http://127.0.0.1:1')], origin: 'setting' });
    e = await rejection(kubeJson(plainHttp, 'GET', '/version'));
    assert.equal(e.message, 'Context "ctx" uses plain http (http://127.0.0.1:1) without insecure-skip-tls-verify.');
  });

  it('merges KUBECONFIG files like kubectl (first file wins, missing files skipped)', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(
      a,
      stringify({
        clusters: [{ name: 'c1', cluster: { server: 'https://a' } }],
        users: [{ name: 'u', user: { token: 'a' } }],
        contexts: [{ name: 'one', context: { cluster: 'c1', user: 'u', namespace: 'ns-a' } }],
      }),
    );
    writeFileSync(
      b,
      stringify({
        clusters: [
          { name: 'c1', cluster: { server: 'https://b' } },
          { name: 'c2', cluster: { server: 'https://c2' } },
        ],
        users: [{ name: 'u', user: { token: 'b' } }],
        contexts: [
          { name: 'one', context: { cluster: 'c2', user: 'u' } },
          { name: 'two', context: { cluster: 'c2', user: 'u' } },
        ],
        'current-context': 'two',
      }),
    );
    const src = kubeconfigSource(undefined, { KUBECONFIG: [a, join(dir, 'missing'), b].join(delimiter) }, dir);
    assert.equal(src.origin, 'KUBECONFIG');
    const loaded = loadKubeconfig(src);
    assert.equal(loaded.currentContext, 'two', 'the first current-context that is set');
    assert.deepEqual(
      loaded.contexts.map((x) => `${x.name}:${x.server}:${x.namespace}`),
      ['one:https://a:ns-a', 'two:https://c2:default'],
    );
    assert.deepEqual(loaded.files, [a, b]);
    assert.equal(kubeconfigSource(`${a}`, { KUBECONFIG: b }, dir).files[0], a, 'the setting wins over KUBECONFIG');
  });
});
