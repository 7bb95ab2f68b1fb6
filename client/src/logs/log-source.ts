/**
 * What the log streamer needs from a cluster, and nothing more: log streams and single GETs over the
 * extension's cluster connection (the same context, namespace and credentials as the runs view:
 * 401 -> reload, exec plugins), with the cluster's error model (`ClusterError`). The pods of a
 * workflow come from the cluster's `PodIndex` (the runs store's), not from here. No `vscode`.
 */
import type { IncomingMessage } from 'node:http';
import {
  clusterErrorFromResponse,
  PODS,
  readBody,
  resourcePath,
  WORKFLOWS,
  type ClusterConnection,
  type ClusterError,
  type Pod,
  type Workflow,
} from '../cluster';

/** Query of `GET /api/v1/namespaces/NS/pods/P/log` (timestamps are always requested). */
export interface LogQuery {
  readonly container: string;
  readonly follow: boolean;
  readonly sinceTime?: string;
  readonly sinceSeconds?: number;
  readonly tailLines?: number;
  readonly previous?: boolean;
}

/** A response, or the cluster's error for it (non-2xx). */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClusterError };

export interface RequestOptions {
  readonly signal: AbortSignal;
}

/** Everything the streamer and the notices use. */
export interface LogSource {
  /** Names the cluster in messages (context name), never credentials. */
  readonly contextName: string;
  /** Opens a log stream; resolves once its headers arrive (a non-2xx answer as its ClusterError). */
  openLogStream(namespace: string, pod: string, query: LogQuery, opts: RequestOptions): Promise<ApiResult<IncomingMessage>>;
  getPod(namespace: string, pod: string, opts: RequestOptions): Promise<ApiResult<Pod>>;
  getWorkflow(namespace: string, name: string, opts: RequestOptions): Promise<ApiResult<Workflow>>;
}

export interface SourceTimeouts {
  /** From request to response headers (default: the connection's, 15 s). */
  readonly headersMs?: number;
  /** Reading a whole JSON body (default 30 s). */
  readonly bodyMs?: number;
  /** Largest JSON body read (default 64 MiB). */
  readonly maxBodyBytes?: number;
}

export type ConnectionLike = Pick<ClusterConnection, 'contextName' | 'server' | 'request'>;

function logPath(namespace: string, pod: string, q: LogQuery): string {
  const p = new URLSearchParams({ container: q.container, timestamps: 'true' });
  if (q.follow) p.set('follow', 'true');
  if (q.sinceTime !== undefined) p.set('sinceTime', q.sinceTime);
  else if (q.sinceSeconds !== undefined) p.set('sinceSeconds', String(q.sinceSeconds));
  if (q.tailLines !== undefined) p.set('tailLines', String(q.tailLines));
  if (q.previous) p.set('previous', 'true');
  return `${resourcePath(PODS, namespace, pod)}/log?${p.toString()}`;
}

/** The LogSource over a cluster connection. */
export function connectionLogSource(conn: ConnectionLike, timeouts: SourceTimeouts = {}): LogSource {
  const bodyMs = timeouts.bodyMs ?? 30_000;
  const maxBody = timeouts.maxBodyBytes ?? 64 << 20;

  async function open(path: string, signal: AbortSignal): Promise<ApiResult<IncomingMessage>> {
    const res = await conn.request('GET', path, undefined, {
      signal,
      stream: true,
      accept: 'application/json, */*',
      ...(timeouts.headersMs !== undefined ? { timeoutMs: timeouts.headersMs } : {}),
    });
    const status = res.statusCode ?? 0;
    if (status >= 200 && status <= 299) return { ok: true, value: res };
    return { ok: false, error: await clusterErrorFromResponse(res, { method: 'GET', path, server: conn.server, contextName: conn.contextName }) };
  }

  async function json<T>(path: string, signal: AbortSignal): Promise<ApiResult<T>> {
    const r = await open(path, signal);
    if (!r.ok) return r;
    return { ok: true, value: JSON.parse(await readBody(r.value, bodyMs, maxBody)) as T };
  }

  return {
    contextName: conn.contextName,
    openLogStream: (namespace, pod, query, o) => open(logPath(namespace, pod, query), o.signal),
    getPod: (namespace, pod, o) => json<Pod>(resourcePath(PODS, namespace, pod), o.signal),
    getWorkflow: (namespace, name, o) => json<Workflow>(resourcePath(WORKFLOWS, namespace, name), o.signal),
  };
}
