/**
 * The cluster connection shared by the runs view, submit and the logs panel: which kubeconfig
 * context and namespace are in use, and an authenticated HTTP(S) request to its API server.
 *
 * No `vscode` import. The runs layer sets the connection (on activation, context or namespace
 * switch, kubeconfig change); other features read it with `getClusterConnection()` and follow
 * switches with `onDidChangeClusterConnection` (or `connection.onDidChange`).
 */
import type { IncomingMessage } from 'node:http';
import { Emitter, type Disposable } from './events';

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
  /** Fires with the new connection (or undefined) after a context/namespace switch or disconnect. */
  readonly onDidChange: (listener: (connection: ClusterConnection | undefined) => void) => Disposable;
}

const changed = new Emitter<ClusterConnection | undefined>();
let current: ClusterConnection | undefined;

/** The connection in use, or undefined when no kubeconfig/context is usable. */
export function getClusterConnection(): ClusterConnection | undefined {
  return current;
}

/** Follows context/namespace switches (fires with the new connection or undefined). */
export const onDidChangeClusterConnection = changed.event;

/** Sets the connection in use (the runs layer calls this) and notifies listeners when it changed. */
export function setClusterConnection(connection: ClusterConnection | undefined): void {
  if (connection === current) return;
  current = connection;
  changed.fire(connection);
}
