/**
 * What the log streamer needs from a cluster, and nothing more. Two adapters implement the raw GET:
 * `kubeconfig-source.ts` (a KubeConfig from @kubernetes/client-node, node:https) and
 * `connection-source.ts` (the extension's cluster connection). No `vscode` here.
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../cluster/errors';

/** Query of `GET /api/v1/namespaces/NS/pods/P/log` (timestamps are always requested). */
export interface LogQuery {
  readonly container: string;
  readonly follow: boolean;
  readonly sinceTime?: string;
  readonly sinceSeconds?: number;
  readonly tailLines?: number;
  readonly previous?: boolean;
}

/** A Kubernetes `Status` (or what could be read of a failed response). */
export interface ApiFailure {
  readonly ok: false;
  readonly status: number;
  readonly reason: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiFailure;

/** The subset of a Pod the logs need. */
export interface PodJson {
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly resourceVersion?: string;
    readonly creationTimestamp?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly spec?: {
    readonly containers?: readonly { readonly name: string }[];
    readonly initContainers?: readonly { readonly name: string }[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly containerStatuses?: readonly ContainerStatusJson[];
    readonly initContainerStatuses?: readonly ContainerStatusJson[];
  };
}

export interface ContainerStatusJson {
  readonly name: string;
  readonly restartCount?: number;
  readonly state?: {
    readonly waiting?: { readonly reason?: string; readonly message?: string };
    readonly running?: { readonly startedAt?: string };
    readonly terminated?: { readonly exitCode?: number; readonly reason?: string };
  };
}

export interface PodListJson {
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
  readonly items: readonly PodJson[];
}

/** The subset of a Workflow the logs need (node outputs, for archived `main-logs`). */
export interface WorkflowJson {
  readonly metadata: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly status?: {
    readonly phase?: string;
    readonly nodes?: Readonly<Record<string, WorkflowNodeJson>>;
  };
}

export interface WorkflowNodeJson {
  readonly id?: string;
  readonly name?: string;
  readonly displayName?: string;
  /** Pod, Container, Steps, StepGroup, DAG, TaskGroup, Retry, Skipped, Suspend, HTTP, Plugin. */
  readonly type?: string;
  readonly children?: readonly string[];
  readonly phase?: string;
  readonly outputs?: { readonly artifacts?: readonly ArtifactJson[] };
}

export interface ArtifactJson {
  readonly name: string;
  readonly s3?: { readonly bucket?: string; readonly key?: string; readonly endpoint?: string };
  readonly gcs?: { readonly bucket?: string; readonly key?: string };
  readonly oss?: { readonly bucket?: string; readonly key?: string };
  readonly azure?: { readonly container?: string; readonly blob?: string };
  readonly hdfs?: { readonly path?: string };
  readonly http?: { readonly url?: string };
  readonly artifactory?: { readonly url?: string };
  readonly git?: { readonly repo?: string };
}

export interface RequestOptions {
  readonly signal: AbortSignal;
}

/** Everything the streamer, the pod watcher and the notices use. */
export interface LogSource {
  /** Names the cluster in messages (context name), never credentials. */
  readonly contextName: string;
  /** Opens a log stream; resolves with the response (any status) once its headers arrive. */
  openLogStream(namespace: string, pod: string, query: LogQuery, opts: RequestOptions): Promise<IncomingMessage>;
  getPod(namespace: string, pod: string, opts: RequestOptions): Promise<ApiResult<PodJson>>;
  listPods(namespace: string, labelSelector: string, opts: RequestOptions): Promise<ApiResult<PodListJson>>;
  /** Opens a pod watch (newline-delimited JSON events) from a resourceVersion. */
  watchPods(namespace: string, labelSelector: string, resourceVersion: string, opts: RequestOptions & { readonly timeoutSeconds: number }): Promise<IncomingMessage>;
  getWorkflow(namespace: string, name: string, opts: RequestOptions): Promise<ApiResult<WorkflowJson>>;
}

/** A GET of an API path (with query), authenticated; resolves when the response headers arrive. */
export type RawGet = (path: string, signal: AbortSignal) => Promise<IncomingMessage>;

export interface SourceTimeouts {
  /** From request to response headers (default 15 s). */
  readonly headersMs?: number;
  /** Reading a whole JSON body (default 30 s). */
  readonly bodyMs?: number;
  /** Largest JSON body read (default 64 MiB). */
  readonly maxBodyBytes?: number;
}

const enc = encodeURIComponent;

function logPath(namespace: string, pod: string, q: LogQuery): string {
  const p = new URLSearchParams({ container: q.container, timestamps: 'true' });
  if (q.follow) p.set('follow', 'true');
  if (q.sinceTime !== undefined) p.set('sinceTime', q.sinceTime);
  else if (q.sinceSeconds !== undefined) p.set('sinceSeconds', String(q.sinceSeconds));
  if (q.tailLines !== undefined) p.set('tailLines', String(q.tailLines));
  if (q.previous) p.set('previous', 'true');
  return `/api/v1/namespaces/${enc(namespace)}/pods/${enc(pod)}/log?${p.toString()}`;
}

/**
 * A signal that aborts with the caller's, or after `ms` unless `arrived` is called first. The link to
 * the caller's signal lasts until the response closes (so stopping a session ends its streams).
 */
function deadline(signal: AbortSignal, ms: number, what: string): { signal: AbortSignal; arrived(res: IncomingMessage): void; failed(): void } {
  const ctl = new AbortController();
  const onAbort = (): void => ctl.abort(signal.reason);
  if (signal.aborted) ctl.abort(signal.reason);
  else signal.addEventListener('abort', onAbort, { once: true });
  const unlink = (): void => signal.removeEventListener('abort', onAbort);
  const timer = setTimeout(() => ctl.abort(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  return {
    signal: ctl.signal,
    arrived: (res) => {
      clearTimeout(timer);
      if (res.closed) unlink();
      else res.once('close', unlink);
    },
    failed: () => {
      clearTimeout(timer);
      unlink();
    },
  };
}

/** The failure of a non-2xx response, from its Status body when there is one. */
export async function failureOf(res: IncomingMessage, timeoutMs = 10_000): Promise<ApiFailure> {
  const status = res.statusCode ?? 0;
  const retry = Number(res.headers['retry-after']);
  let body = '';
  try {
    body = await readBody(res, timeoutMs, 1 << 20);
  } catch {
    // the status code alone will do
  }
  let reason = res.statusMessage ?? '';
  let message = body.trim().slice(0, 2000) || `HTTP ${status}`;
  try {
    const s = JSON.parse(body) as { kind?: string; reason?: string; message?: string };
    if (s && typeof s === 'object' && typeof s.message === 'string') {
      message = s.message;
      if (typeof s.reason === 'string') reason = s.reason;
    }
  } catch {
    // not JSON
  }
  return { ok: false, status, reason, message, ...(Number.isFinite(retry) && retry >= 0 ? { retryAfterSeconds: retry } : {}) };
}

/** Builds the LogSource from an authenticated GET. */
export function createLogSource(contextName: string, get: RawGet, timeouts: SourceTimeouts = {}): LogSource {
  const headersMs = timeouts.headersMs ?? 15_000;
  const bodyMs = timeouts.bodyMs ?? 30_000;
  const maxBody = timeouts.maxBodyBytes ?? 64 << 20;

  /** GET with a deadline on the headers only (a stream may then run for as long as it lasts). */
  function open(path: string, signal: AbortSignal): Promise<IncomingMessage> {
    const d = deadline(signal, headersMs, `GET ${path.split('?')[0]}`);
    return new Promise<IncomingMessage>((resolve, reject) => {
      let settled = false;
      // Our deadline or the caller's stop wins even over a transport that ignores the signal.
      const onAbort = (): void => {
        if (settled) return;
        settled = true;
        d.failed();
        reject(signal.aborted ? signal.reason : d.signal.reason);
      };
      if (d.signal.aborted) return onAbort();
      d.signal.addEventListener('abort', onAbort, { once: true });
      get(path, d.signal).then(
        (res) => {
          d.signal.removeEventListener('abort', onAbort);
          if (settled) {
            res.destroy();
            return;
          }
          settled = true;
          d.arrived(res);
          resolve(res);
        },
        (e: unknown) => {
          d.signal.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          d.failed();
          reject(e);
        },
      );
    });
  }

  async function json<T>(path: string, signal: AbortSignal): Promise<ApiResult<T>> {
    const res = await open(path, signal);
    const status = res.statusCode ?? 0;
    if (status < 200 || status > 299) return failureOf(res);
    const body = await readBody(res, bodyMs, maxBody);
    return { ok: true, value: JSON.parse(body) as T };
  }

  return {
    contextName,
    openLogStream: (namespace, pod, query, o) => open(logPath(namespace, pod, query), o.signal),
    getPod: (namespace, pod, o) => json<PodJson>(`/api/v1/namespaces/${enc(namespace)}/pods/${enc(pod)}`, o.signal),
    listPods: (namespace, selector, o) => json<PodListJson>(`/api/v1/namespaces/${enc(namespace)}/pods?labelSelector=${enc(selector)}`, o.signal),
    watchPods: (namespace, selector, rv, o) =>
      open(`/api/v1/namespaces/${enc(namespace)}/pods?labelSelector=${enc(selector)}&watch=true&allowWatchBookmarks=true&resourceVersion=${enc(rv)}&timeoutSeconds=${o.timeoutSeconds}`, o.signal),
    getWorkflow: (namespace, name, o) => json<WorkflowJson>(`/apis/argoproj.io/v1alpha1/namespaces/${enc(namespace)}/workflows/${enc(name)}`, o.signal),
  };
}
