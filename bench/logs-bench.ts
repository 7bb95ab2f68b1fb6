/**
 * Logs benchmark: sustained lines/second through our streamer (HTTP, timestamps, de-dup cursor) and
 * the log session (multiplexer, bounded line store, batched updates serialised like postMessage), and
 * the JS heap the logs model holds after 1,000,000 lines. The fake API server runs in a worker thread
 * (its own heap and event loop) and serves pre-built log bodies, so what is measured is our side.
 *
 *   import { benchLogs } from './logs-bench';   // from bench/run.ts
 *   npx tsx bench/logs-bench.ts                 // alone: prints the result as JSON
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { connectionLogSource } from '../client/src/logs/log-source';
import { PodIndex } from '../client/src/cluster';
import { LogSession, DEFAULT_MAX_LINES } from '../client/src/logs/log-session';
import { request } from 'node:http';

export interface LogsBenchResult {
  /** Lines/second from the socket to the panel's model, one step printing 1,000,000 lines. */
  readonly linesPerSecond: number;
  /** Same, 5 parallel steps of 200,000 lines each (interleaved by timestamp). */
  readonly linesPerSecondFiveSteps: number;
  /** JS heap held by the logs session after 1,000,000 lines (store bounded to maxLines), MB, after GC. */
  readonly heapMbAfterMillion: number;
  /** The whole JS heap of the process at that point, MB. */
  readonly heapMbTotal: number;
  readonly maxLines: number;
  readonly storeLines: number;
  /** Updates handed to the view, and the largest one (lines). */
  readonly updates: number;
  readonly largestUpdateLines: number;
  /** Event-loop delay of the extension host while a step prints 50,000 lines/s (4 s), ms. */
  readonly eventLoopDelayP99MsAt50k: number;
  readonly eventLoopDelayMaxMsAt50k: number;
  /** Event-loop delay during the 1,000,000-line firehose (the largest updates), ms. */
  readonly eventLoopDelayP99MsFirehose: number;
  readonly lines: number;
  readonly ms: number;
}

// The fake API server (plain JS in a worker): pods of one workflow, their logs (pre-built), a quiet watch.
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { steps, linesPerStep, pace } = workerData;
const base = Date.parse('2025-01-01T00:00:00Z');
function ts(ms, n) { const iso = new Date(ms).toISOString(); return iso.slice(0, 19) + '.' + iso.slice(20, 23) + String(n).padStart(6, '0') + 'Z'; }
const bodies = [];
for (let s = 0; s < steps; s++) {
  const chunks = [];
  let parts = [];
  for (let i = 0; i < linesPerStep; i++) {
    const t = i * steps + s; // steps interleave in time
    parts.push(ts(base + Math.floor(t / 1000), t % 1000) + ' step-' + s + ' INFO processing item ' + i + ' of ' + linesPerStep + ': ok status=200 latency=' + (i % 97) + 'ms\\n');
    if (parts.length === (pace ? Math.max(1, Math.round(pace / 20)) : 1000)) { chunks.push(Buffer.from(parts.join(''))); parts = []; }
  }
  if (parts.length) chunks.push(Buffer.from(parts.join('')));
  bodies.push(chunks);
}
function pod(s) {
  return { metadata: { name: 'bench-' + s, namespace: 'argo', resourceVersion: '1', creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { 'workflows.argoproj.io/workflow': 'bench' }, annotations: { 'workflows.argoproj.io/node-id': 'bench-' + s, 'workflows.argoproj.io/node-name': 'bench[0].step-' + s } },
    spec: { containers: [{ name: 'wait' }, { name: 'main' }], initContainers: [{ name: 'init' }] },
    status: { phase: 'Succeeded', containerStatuses: [{ name: 'main', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } };
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const json = (o) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(o)); };
  const log = /^\\/api\\/v1\\/namespaces\\/argo\\/pods\\/bench-(\\d+)\\/log$/.exec(url.pathname);
  if (log) {
    const chunks = bodies[Number(log[1])];
    res.writeHead(200, { 'content-type': 'text/plain' });
    let i = 0;
    if (pace) {
      // pace lines/second: one chunk (pace / 20 lines) every 50 ms
      const timer = setInterval(() => { if (i < chunks.length) res.write(chunks[i++]); else { clearInterval(timer); res.end(); } }, 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    const write = () => { while (i < chunks.length) { if (!res.write(chunks[i++])) { res.once('drain', write); return; } } res.end(); };
    write();
    return;
  }
  const one = /^\\/api\\/v1\\/namespaces\\/argo\\/pods\\/bench-(\\d+)$/.exec(url.pathname);
  if (one) return json(pod(Number(one[1])));
  if (url.pathname === '/api/v1/namespaces/argo/pods') {
    if (url.searchParams.get('watch') === 'true') { res.writeHead(200, { 'content-type': 'application/json' }); return; }
    return json({ metadata: { resourceVersion: '1' }, items: Array.from({ length: steps }, (_, s) => pod(s)) });
  }
  if (url.pathname === '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/bench') return json({ metadata: { name: 'bench', labels: { 'workflows.argoproj.io/completed': 'true' } }, status: { phase: 'Succeeded' } });
  res.writeHead(404); res.end('{}');
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => process.exit(0)); });
`;

function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface RunResult {
  readonly ms: number;
  readonly session: LogSession;
  readonly updates: number;
  readonly largest: number;
  readonly p99: number;
  readonly max: number;
  close(): Promise<void>;
}

async function run(steps: number, linesPerStep: number, maxLines: number, pace = 0): Promise<RunResult> {
  const worker = new Worker(SERVER, { eval: true, workerData: { steps, linesPerStep, pace } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const conn = {
    contextName: 'bench',
    namespace: 'argo',
    server: `http://127.0.0.1:${port}`,
    request: (method: string, path: string, _body?: unknown, o?: { signal?: AbortSignal }) =>
      new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method, ...(o?.signal ? { signal: o.signal } : {}), agent: false }, resolve);
        req.on('error', reject);
        req.end();
      }),
  };
  const source = connectionLogSource(conn);
  const pods = new PodIndex(conn, 'argo', { labelSelector: 'workflows.argoproj.io/workflow=bench' });
  let updates = 0;
  let largest = 0;
  const total = steps * linesPerStep;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const session = new LogSession({
    source,
    pods,
    ownsPods: true,
    target: { namespace: 'argo', workflowName: 'bench' },
    maxLines,
    onUpdate: (u) => {
      // What posting to the webview costs: serialise the batch, then wait for the delivery.
      updates++;
      largest = Math.max(largest, u.lines.length);
      JSON.stringify(u);
      if (session.stepViews().reduce((n, s) => n + s.lines, 0) >= total) finish();
      return new Promise((r) => setImmediate(r));
    },
  });
  delay.enable();
  const started = process.hrtime.bigint();
  session.start();
  await finished;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  delay.disable();
  await session.whenSettled();
  return {
    ms,
    session,
    updates,
    largest,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
    close: async () => {
      session.dispose();
      worker.postMessage('stop');
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

export async function benchLogs(opts: { lines?: number; maxLines?: number } = {}): Promise<LogsBenchResult> {
  const lines = opts.lines ?? 1_000_000;
  const maxLines = opts.maxLines ?? DEFAULT_MAX_LINES;
  const gc = gcFunction();

  const paced = await run(1, 200_000, maxLines, 50_000);
  await paced.close();

  const five = await run(5, Math.floor(lines / 5), maxLines);
  const fiveRate = (5 * Math.floor(lines / 5)) / (five.ms / 1000);
  await five.close();

  gc();
  const before = process.memoryUsage().heapUsed;
  const one = await run(1, lines, maxLines);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const result: LogsBenchResult = {
    linesPerSecond: Math.round(lines / (one.ms / 1000)),
    linesPerSecondFiveSteps: Math.round(fiveRate),
    heapMbAfterMillion: Math.round(((after - before) / 1048576) * 10) / 10,
    heapMbTotal: Math.round((after / 1048576) * 10) / 10,
    maxLines,
    storeLines: one.session.store.size,
    updates: one.updates,
    largestUpdateLines: one.largest,
    eventLoopDelayP99MsAt50k: Math.round(paced.p99 * 10) / 10,
    eventLoopDelayMaxMsAt50k: Math.round(paced.max * 10) / 10,
    eventLoopDelayP99MsFirehose: Math.round(one.p99 * 10) / 10,
    lines,
    ms: Math.round(one.ms),
  };
  await one.close();
  return result;
}

if (require.main === module) {
  void benchLogs().then((r) => console.log(JSON.stringify(r, null, 2)));
}
