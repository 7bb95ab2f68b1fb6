/**
 * The two LogSource adapters against the emulator: KubeConfig (https with the kubeconfig's CA and
 * token, and plain http with insecure-skip-tls-verify) and the cluster connection (stream requests
 * with an abort signal); header timeouts are bounded.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { connectionLogSource } from '../../client/src/logs/connection-source';
import { ContainerStream, type StreamLine } from '../../client/src/logs/container-stream';
import { kubeConfigGet, kubeConfigLogSource } from '../../client/src/logs/kubeconfig-source';
import { createLogSource, type LogSource } from '../../client/src/logs/log-source';
import { currentLogSource, onceSourceChanges } from '../../client/src/logs/source-provider';
import { setClusterConnection, type ClusterConnection } from '../../client/src/cluster/connection';
import { shortSleep, startLogEmulator, waitFor, type LogEmulator } from './helpers';

let https: LogEmulator;
let http: LogEmulator;
before(async () => {
  [https, http] = await Promise.all([startLogEmulator({ tls: true }), startLogEmulator({ tls: false })]);
  for (const t of [https, http]) {
    t.emu.controller.script('one', { lines: ['only line'], durationMs: 200, pendingMs: 10, initMs: 10 });
    t.emu.apply({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'one' }, spec: { entrypoint: 'one', templates: [{ name: 'one', container: { image: 'alpine' } }] } });
    t.emu.manualClock.advance(0);
    t.emu.manualClock.advance(1000);
  }
});
after(async () => {
  await Promise.all([https?.emu.stop(), http?.emu.stop()]);
});

async function readAll(source: LogSource): Promise<StreamLine[]> {
  const lines: StreamLine[] = [];
  const end = await new ContainerStream({ source, namespace: 'argo', pod: 'one', container: 'main', sleep: shortSleep, onLines: (l) => lines.push(...l), onStatus: () => undefined }).start();
  assert.equal(end.reason, 'completed');
  return lines;
}

test('KubeConfig adapter: https (CA + token from the kubeconfig) and http (insecure-skip-tls-verify)', async () => {
  assert.deepEqual((await readAll(https.source)).map((l) => l.text), ['only line']);
  assert.deepEqual((await readAll(http.source)).map((l) => l.text), ['only line']);
  const pod = await https.source.getPod('argo', 'one', { signal: AbortSignal.timeout(5000) });
  assert.ok(pod.ok && pod.value.metadata.name === 'one');
  const missing = await https.source.getPod('argo', 'nope', { signal: AbortSignal.timeout(5000) });
  assert.deepEqual(missing.ok ? undefined : [missing.status, missing.reason, missing.message], [404, 'NotFound', 'pods "nope" not found']);
  const list = await https.source.listPods('argo', 'workflows.argoproj.io/workflow=one', { signal: AbortSignal.timeout(5000) });
  assert.ok(list.ok && list.value.items.length === 1 && list.value.metadata?.resourceVersion);
  const log = https.emu.requests.find((r) => r.path === '/api/v1/namespaces/argo/pods/one/log');
  assert.deepEqual(log?.query, { container: 'main', timestamps: 'true', follow: 'true' });
  assert.equal(log?.userAgent, 'argo-studio');
});

test('cluster connection adapter: GET with stream: true and the abort signal', async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(https.emu.kubeconfigPath);
  const get = kubeConfigGet(kc);
  const calls: string[] = [];
  const conn = {
    contextName: 'from-connection',
    request: (method: string, path: string, body?: unknown, opts?: { signal?: AbortSignal; stream?: boolean }): Promise<IncomingMessage> => {
      calls.push(`${method} ${path.split('?')[0]} stream=${String(opts?.stream)} signal=${opts?.signal instanceof AbortSignal} body=${String(body)}`);
      return get(path, opts?.signal ?? new AbortController().signal);
    },
  };
  const source = connectionLogSource(conn);
  assert.equal(source.contextName, 'from-connection');
  assert.deepEqual((await readAll(source)).map((l) => l.text), ['only line']);
  assert.ok(calls.includes('GET /api/v1/namespaces/argo/pods/one/log stream=true signal=true body=undefined'), calls.join('\n'));
});

test('bounded: a server that never answers times out (headers), a stop aborts at once', { timeout: 20_000 }, async () => {
  // A TCP server that accepts and never answers.
  const sockets: import('node:net').Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as { port: number }).port;
  try {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'c', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 'secret-token' }],
      contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      currentContext: 'ctx',
    });
    const source = kubeConfigLogSource(kc, { headersMs: 200 });
    const started = Date.now();
    await assert.rejects(source.getPod('argo', 'p', { signal: new AbortController().signal }), /timed out after 200 ms: GET \/api\/v1\/namespaces\/argo\/pods\/p/);
    assert.ok(Date.now() - started < 2000);
    const statuses: string[] = [];
    const s = new ContainerStream({ source, namespace: 'argo', pod: 'p', container: 'main', sleep: shortSleep, onLines: () => undefined, onStatus: (st) => statuses.push(st.kind === 'reconnecting' ? `reconnecting ${st.error}` : st.kind) });
    const end = s.start();
    await waitFor(() => statuses.length >= 2, 'a retry');
    assert.match(statuses[1], /^reconnecting timed out after 200 ms/);
    assert.doesNotMatch(statuses.join(' '), /secret-token/);
    s.stop();
    assert.equal((await end).reason, 'stopped');
    const raw = createLogSource('x', () => new Promise(() => undefined), { headersMs: 50 });
    await assert.rejects(raw.getWorkflow('argo', 'w', { signal: new AbortController().signal }), /timed out/);
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('source provider: the cluster connection when there is one, a clear message when not', () => {
  setClusterConnection(undefined);
  const none = currentLogSource();
  assert.ok('error' in none && /^Not connected to a cluster/.test(none.error));
  const fake = (contextName: string, namespace: string): ClusterConnection => ({
    contextName, namespace, server: 'https://127.0.0.1:1',
    request: () => Promise.reject(new Error('unused')),
    onDidChange: () => ({ dispose: () => undefined }),
  });
  let fired = 0;
  onceSourceChanges(() => fired++);
  setClusterConnection(fake('ctx-a', 'team-a'));
  setClusterConnection(fake('ctx-b', 'team-b'));
  assert.equal(fired, 1, 'once');
  const c = currentLogSource();
  assert.ok(!('error' in c));
  assert.deepEqual([c.source.contextName, c.namespace], ['ctx-b', 'team-b']);
  setClusterConnection(undefined);
});
