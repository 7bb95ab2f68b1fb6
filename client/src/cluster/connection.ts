/**
 * The cluster connection shared by the runs view, submit and the logs panel: which kubeconfig
 * context and namespace are in use, and an authenticated HTTP(S) request to its API server; and the
 * `ClusterContext` that owns it (built once by extension.ts and handed to each feature).
 *
 * No `vscode` import, and no module state: features receive the context as a parameter.
 */
import type { IncomingMessage } from 'node:http';
import type { ClusterError } from './errors';
import type { Disposable } from './events';
import type { PodIndex } from './pod-index';

export interface ClusterRequestOptions {
  /** Aborts the request (and a streaming response). */
  readonly signal?: AbortSignal;
  /**
   * The caller reads a long response (watch, log follow): no time limit once the headers arrived.
   * Either way, `request` resolves when the response headers arrive; the caller consumes the body.
   */
  readonly stream?: boolean;
  /** Time allowed until the response headers arrive (default 15 s). */
  readonly timeoutMs?: number;
  /** Content-Type of `body` (default `application/json`; `application/merge-patch+json` for merge patches). */
  readonly contentType?: string;
  /** Accept header (default `application/json`). */
  readonly accept?: string;
}

export interface ClusterConnection {
  /** kubeconfig context in use. */
  readonly contextName: string;
  /** Namespace in use (the context's, unless switched with "Argo: Switch Namespace"). */
  readonly namespace: string;
  /** API server URL of the context's cluster, e.g. `https://127.0.0.1:6443`. */
  readonly server: string;
  /**
   * An authenticated request to the API server (`path` starts with `/`, may carry a query). `body`
   * is sent as JSON (a string is sent as is).
   *
   * Resolves with the response for EVERY HTTP status (read a `Status` body for 4xx/5xx yourself, or
   * use `clusterErrorFromResponse` in `./errors`). A 401 reloads the credentials (kubeconfig file,
   * exec plugin) once and retries before resolving. Rejects only when no response arrives:
   * unreachable server, TLS failure, timeout, abort — with a `ClusterError` (see `./errors`).
   */
  request(method: string, path: string, body?: unknown, opts?: ClusterRequestOptions): Promise<IncomingMessage>;
}

/**
 * The cluster as the features see it (the runs layer's `ConnectionManager` implements it): the
 * connection in use, the live pods of its namespace (one watch, shared), and why there is none.
 */
export interface ClusterContext {
  /** The connection in use, or undefined when no kubeconfig/context is usable. */
  readonly connection: ClusterConnection | undefined;
  /** The pods of the connection's namespace, watched once for every feature (undefined when not connected). */
  readonly pods: PodIndex | undefined;
  /** Why there is no connection (no kubeconfig, no context, ...). */
  readonly error: ClusterError | undefined;
  /** Fires after the connection (context, namespace) was replaced or dropped. */
  readonly onDidChange: (listener: () => void) => Disposable;
}
