/**
 * The LogSource over the cluster connection against the emulator (https with the kubeconfig's CA and
 * token, plain http with insecure-skip-tls-verify; stream requests with an abort signal; errors as
 * ClusterErrors); header timeouts are bounded; the source provider takes the cluster context's pods.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Emitter, KubeTransport, type ClusterConnection, type ClusterContext } from '../../client/src/cluster';
import { ContainerStream, type StreamLine } from '../../client/src/logs/container-stream';
import { connectionLogSource, type LogSource } from '../../client/src/logs/log-source';
import { logSourceOf, NOT_CONNECTED, onceClusterChanges } from '../../client/src/logs/source-provider';
import { shortSleep, startLogEmulator, waitFor, type LogEmulator } from './helpers';

let https: LogEmulator;
let http: LogEmulator;
before(async () => {
  [https, http] = await Promise.all([startLogEmulator({ tls: true }), startLogEmulator({ tls: false })]);
  for (const t of [https, http]) {
    t.emu.controller.script('one', { lines: ['only line'], durationMs: 200, pendingMs: 10, initMs: 10 });
    t.emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'one' },
      spec: { entrypoint: 'one', templates: [{ name: 'one', container: { image: 'alpine' } }] },
    });
    t.emu.manualClock.advance(0);
    t.emu.manualClock.advance(1000);
  }
});
after(async () => {
  await Promise.all([https?.stop(), http?.stop()]);
});

async function readAll(source: LogSource): Promise<StreamLine[]> {
  const lines: StreamLine[] = [];
  const end = await new ContainerStream({
    source,
    namespace: 'argo',
    pod: 'one',
    container: 'main',
    sleep: shortSleep,
    onLines: (l) => lines.push(...l),
    onStatus: () => undefined,
  }).start();
  assert.equal(end.reason, 'completed');
  return lines;
}

test('over the cluster connection: https (CA + token) and http (insecure-skip-tls-verify); errors are ClusterErrors', async () => {
  assert.deepEqual(
    (await readAll(https.source)).map((l) => l.text),
    ['only line'],
  );
  assert.deepEqual(
    (await readAll(http.source)).map((l) => l.text),
    ['only line'],
  );
  const pod = await https.source.getPod('argo', 'one', { signal: AbortSignal.timeout(5000) });
  assert.ok(pod.ok && pod.value.metadata?.name === 'one');
  const missing = await https.source.getPod('argo', 'nope', { signal: AbortSignal.timeout(5000) });
  assert.deepEqual(missing.ok ? undefined : [missing.error.kind, missing.error.status, missing.error.message], ['not-found', 404, 'pods "nope" not found']);
  const log = https.emu.requests.find((r) => r.path === '/api/v1/namespaces/argo/pods/one/log');
  assert.deepEqual(log?.query, { container: 'main', timestamps: 'true', follow: 'true' });
  assert.match(log?.userAgent ?? '', /^argo-studio\//);
});

test('cluster connection adapter: GET with stream: true and the abort signal', async () => {
  const calls: string[] = [];
  const conn: Pick<ClusterConnection, 'contextName' | 'server' | 'request'> = {
    contextName: 'from-connection',
    server: https.conn.server,
    request: (method, path, body, opts) => {
      calls.push(`${method} ${path.split('?')[0]} stream=${String(opts?.stream)} signal=${opts?.signal instanceof AbortSignal} body=${String(body)}`);
      return https.conn.request(method, path, body, opts);
    },
  };
  const source = connectionLogSource(conn);
  assert.equal(source.contextName, 'from-connection');
  assert.deepEqual(
    (await readAll(source)).map((l) => l.text),
    ['only line'],
  );
  assert.ok(calls.includes('GET /api/v1/namespaces/argo/pods/one/log stream=true signal=true body=undefined'), calls.join('\n'));
});

test('bounded: a server that never answers times out (headers), a stop aborts at once', { timeout: 20_000 }, async () => {
  // A TCP server that accepts and never answers.
  const sockets: import('node:net').Socket[] = [];
  const silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const port = (silent.address() as { port: number }).port;
  const file = join(tmpdir(), `argo-studio-silent-${process.pid}.yaml`);
  writeFileSync(
    file,
    `apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]\nusers: [{name: u, user: {token: secret-token}}]\ncontexts: [{name: ctx, context: {cluster: c, user: u}}]\ncurrent-context: ctx\n`,
  );
  try {
    const source = connectionLogSource(KubeTransport.open({ files: [file], origin: 'setting' }), { headersMs: 200 });
    const started = Date.now();
    await assert.rejects(source.getPod('argo', 'p', { signal: new AbortController().signal }), /did not answer within 0 s/);
    assert.ok(Date.now() - started < 2000);
    const statuses: string[] = [];
    const s = new ContainerStream({
      source,
      namespace: 'argo',
      pod: 'p',
      container: 'main',
      sleep: shortSleep,
      onLines: () => undefined,
      onStatus: (st) => statuses.push(st.kind === 'reconnecting' ? `reconnecting ${st.error}` : st.kind),
    });
    const end = s.start();
    await waitFor(() => statuses.length >= 2, 'a retry');
    assert.match(statuses[1], /^reconnecting The Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ did not answer/);
    assert.doesNotMatch(statuses.join(' '), /secret-token/);
    s.stop();
    assert.equal((await end).reason, 'stopped');
  } finally {
    for (const s of sockets) s.destroy();
    silent.close();
  }
});

test('source provider: the connection of the cluster context and pods when connected, a clear message when not', () => {
  const changed = new Emitter<void>();
  const state: { connection?: ClusterConnection } = {};
  const cluster: ClusterContext = {
    get connection() {
      return state.connection;
    },
    get pods() {
      return state.connection ? https.pods : undefined;
    },
    error: undefined,
    onDidChange: (l) => changed.event(l),
  };
  const none = logSourceOf(cluster);
  assert.ok('error' in none && none.error === NOT_CONNECTED);
  let fired = 0;
  onceClusterChanges(cluster, () => fired++);
  state.connection = https.conn;
  changed.fire();
  changed.fire();
  assert.equal(fired, 1, 'once');
  const c = logSourceOf(cluster);
  assert.ok(!('error' in c));
  assert.deepEqual([c.source.contextName, c.namespace], ['argo-studio-emulator', 'argo']);
  const shared = c.pods('argo', 'one');
  assert.ok(shared.index === https.pods && !shared.owned, "the runs store's pods for its namespace");
  const other = c.pods('elsewhere', 'wf');
  assert.ok(other.owned && other.index.namespace === 'elsewhere', "another namespace: a watch of that workflow's pods");
  other.index.dispose();
});
