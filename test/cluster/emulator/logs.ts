// GET /api/v1/namespaces/NS/pods/P/log: container, follow, timestamps, sinceTime, sinceSeconds, tailLines,
// limitBytes, previous; 400 while the container is waiting; the stream ends with the container or the pod.

import type { ApiContext } from './api-context.js';
import { parseBool, parseIntParam, type RequestContext } from './http-context.js';
import { rfc3339Nano, type LogEntry } from './log-store.js';
import { badRequest, notFound } from './status.js';
import { getPath, isJsonObject, type JsonObject, type KubeObject } from './types.js';
import type { ResourceDef } from './resources.js';

function names(pod: KubeObject, key: 'containers' | 'initContainers'): string[] {
  const list = getPath(pod, `spec.${key}`);
  return Array.isArray(list) ? list.filter(isJsonObject).map((c) => String(c.name)) : [];
}

function containerStatus(pod: KubeObject, container: string): JsonObject | undefined {
  for (const key of ['status.initContainerStatuses', 'status.containerStatuses']) {
    const list = getPath(pod, key);
    if (!Array.isArray(list)) continue;
    const hit = list.filter(isJsonObject).find((c) => c.name === container);
    if (hit) return hit;
  }
  return undefined;
}

function pickContainer(pod: KubeObject, requested: string | null): string {
  const main = names(pod, 'containers');
  const init = names(pod, 'initContainers');
  const podName = pod.metadata.name ?? '';
  if (requested === null || requested === '') {
    if (main.length === 1) return main[0];
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${main.join(' ')}]`;
    if (init.length > 0) msg += ` or one of the init containers: [${init.join(' ')}]`;
    throw badRequest(msg);
  }
  if (!main.includes(requested) && !init.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

function formatLine(e: LogEntry, timestamps: boolean): string {
  return (timestamps ? `${rfc3339Nano(e.time)} ` : '') + e.text + '\n';
}

export function handleLogs(api: ApiContext, ctx: RequestContext, podDef: ResourceDef, ns: string, podName: string): void {
  const pod = api.store.get(podDef, ns, podName);
  if (!pod) throw notFound('pods', '', podName);
  const q = ctx.query;
  const container = pickContainer(pod, q.get('container'));
  const follow = parseBool(q.get('follow'));
  const timestamps = parseBool(q.get('timestamps'));
  const previous = parseBool(q.get('previous'));
  const tailLines = parseIntParam(q, 'tailLines');
  const limitBytes = parseIntParam(q, 'limitBytes');
  const sinceSeconds = parseIntParam(q, 'sinceSeconds');
  const sinceTimeRaw = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTimeRaw !== null)
    throw badRequest(
      'PodLogOptions.core "" is invalid: sinceSeconds: Invalid value: "sinceSeconds": at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    throw badRequest('PodLogOptions.core "" is invalid: sinceSeconds: Invalid value: "sinceSeconds": must be greater than 0');
  if (limitBytes !== undefined && limitBytes < 1)
    throw badRequest('PodLogOptions.core "" is invalid: limitBytes: Invalid value: "limitBytes": must be greater than 0');
  if (tailLines !== undefined && tailLines < 0)
    throw badRequest('PodLogOptions.core "" is invalid: tailLines: Invalid value: "tailLines": must be greater than or equal to 0');
  let since: number | undefined;
  if (sinceTimeRaw !== null) {
    const t = Date.parse(sinceTimeRaw);
    if (Number.isNaN(t)) throw badRequest(`parsing time "${sinceTimeRaw}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
    since = Math.floor(t / 1000) * 1000; // the apiserver keeps sinceTime to the second
  } else if (sinceSeconds !== undefined) {
    since = api.store.now() - sinceSeconds * 1000;
  }

  const status = containerStatus(pod, container);
  const restartCount = typeof status?.restartCount === 'number' ? status.restartCount : 0;
  const uid = pod.metadata.uid ?? '';
  let instance = restartCount;
  if (previous) {
    if (restartCount === 0) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    instance = restartCount - 1;
  } else {
    const waiting = getPath(status, 'state.waiting.reason');
    if (status === undefined || getPath(status, 'state.waiting') !== undefined) {
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${typeof waiting === 'string' ? waiting : 'ContainerCreating'}`);
    }
  }

  let entries = api.logs.lines(uid, container, instance).filter((e) => since === undefined || e.time >= since);
  if (tailLines !== undefined) entries = tailLines === 0 ? [] : entries.slice(-tailLines);

  const { res } = ctx;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  let budget = limitBytes ?? Infinity;
  let done = false;
  const emit = (e: LogEntry): void => {
    if (done || res.writableEnded || res.destroyed) return;
    let chunk = Buffer.from(formatLine(e, timestamps), 'utf8');
    if (chunk.length > budget) chunk = chunk.subarray(0, budget);
    budget -= chunk.length;
    res.write(chunk);
    if (budget <= 0) finish();
  };
  let unsubscribe = (): void => undefined;
  let unregister = (): void => undefined;
  const finish = (): void => {
    done = true;
    unsubscribe();
    unregister();
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  for (const e of entries) emit(e);
  if (done) return;
  if (!follow || previous || api.logs.ended(uid, container, instance)) {
    finish();
    return;
  }
  unregister = api.streams.add({ kind: 'log', path: ctx.path, res, end: finish });
  unsubscribe = api.logs.subscribe(uid, container, instance, (s) => (s.kind === 'line' ? emit(s.entry) : finish()));
  res.on('close', () => {
    unsubscribe();
    unregister();
  });
}
