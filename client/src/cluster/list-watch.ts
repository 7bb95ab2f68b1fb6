/**
 * Our own list+watch loop (the library's informer stops or hangs on dropped connections, see
 * docs/cluster-runtime.md): LIST (paged), then WATCH from the list's resourceVersion with bookmarks
 * and a server-side timeout; a clean end reconnects from the last resourceVersion; 410 Expired
 * (HTTP or in-stream ERROR) re-lists and diffs against the cache (synthetic DELETED for objects that
 * vanished); errors back off exponentially with jitter (Retry-After honoured); a watch silent for
 * longer than the inactivity timeout is dropped and reopened.
 */
import type { IncomingMessage } from 'node:http';
import { withQuery } from './api-paths';
import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import type { ClusterConnection } from './connection';
import { ClusterError, clusterErrorFromResponse, networkError } from './errors';
import { Emitter } from './events';
import { listAll } from './kube-api';
import { isObject, type KubeObject, type KubeStatus } from './types';

export interface WatchEvent<T> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
  /** Made up from a re-list diff rather than received. */
  readonly synthetic?: boolean;
}

export type ListWatchState =
  | { readonly state: 'listing' }
  | { readonly state: 'watching' }
  | { readonly state: 'retrying'; readonly error: ClusterError; readonly delayMs: number; readonly failures: number }
  | { readonly state: 'stopped' };

export interface ListWatchOptions {
  /** Collection path, e.g. `/apis/argoproj.io/v1alpha1/namespaces/argo/workflows`. */
  readonly path: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Server-side watch timeout (default 290 s); the loop reconnects after it. */
  readonly timeoutSeconds?: number;
  /** A watch that sends nothing (not even a bookmark) for this long is reopened (default 120 s). */
  readonly inactivityMs?: number;
  readonly backoff?: BackoffOptions;
  /** Ask for BOOKMARK events (default true). */
  readonly bookmarks?: boolean;
  readonly pageSize?: number;
  readonly random?: () => number;
}

export interface ListWatchStats {
  lists: number;
  watches: number;
  expired: number;
  errors: number;
  inactivityTimeouts: number;
  events: number;
}

type WatchOutcome = 'closed' | 'expired';

export function objectKey(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

export class ListWatch<T extends KubeObject> {
  private readonly events = new Emitter<WatchEvent<T>>();
  private readonly synced = new Emitter<void>();
  private readonly states = new Emitter<ListWatchState>();
  /** Every event, in order (synthetic ones after a re-list included). */
  readonly onEvent = this.events.event;
  /** After each (re)list has been applied: the cache equals the server's state at that list. */
  readonly onSynced = this.synced.event;
  readonly onState = this.states.event;
  /** Current objects by `namespace/name`. */
  readonly cache = new Map<string, T>();
  readonly stats: ListWatchStats = { lists: 0, watches: 0, expired: 0, errors: 0, inactivityTimeouts: 0, events: 0 };
  resourceVersion: string | undefined;
  private stopper = new AbortController();
  private current: AbortController | undefined;
  private running = false;
  private everSynced = false;
  private established = false;
  private watching = false;

  constructor(
    private readonly conn: ClusterConnection,
    private readonly opts: ListWatchOptions,
  ) {}

  /** A watch is open (its response arrived and has not ended). */
  get isWatching(): boolean {
    return this.watching;
  }

  get isSynced(): boolean {
    return this.everSynced;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopper = new AbortController();
    void this.loop();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.stopper.abort();
    this.current?.abort();
    this.states.fire({ state: 'stopped' });
  }

  /** Drops the current watch and connects again at once (the backoff starts over). */
  reconnect(): void {
    this.current?.abort();
  }

  /** Resolves after the first list has been applied (rejects after `timeoutMs`). */
  whenSynced(timeoutMs = 30_000): Promise<void> {
    if (this.everSynced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`not synced within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onSynced(() => {
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }

  dispose(): void {
    this.stop();
    this.events.dispose();
    this.synced.dispose();
    this.states.dispose();
  }

  private async loop(): Promise<void> {
    const stop = this.stopper.signal;
    let failures = 0;
    let quickEnds = 0;
    let expiredInARow = 0;
    while (!stop.aborted) {
      this.established = false;
      try {
        if (this.resourceVersion === undefined) await this.relist();
        const started = Date.now();
        const outcome = await this.watchOnce();
        failures = 0;
        if (outcome === 'expired') {
          this.stats.expired++;
          this.resourceVersion = undefined;
          if (++expiredInARow > 2) await sleep(backoffDelay(expiredInARow - 3, this.opts.backoff, this.opts.random), stop);
          continue;
        }
        expiredInARow = 0;
        // A server that ends every watch at once must not be hammered.
        quickEnds = Date.now() - started < 1000 ? quickEnds + 1 : 0;
        if (quickEnds > 2) await sleep(backoffDelay(quickEnds - 3, this.opts.backoff, this.opts.random), stop);
      } catch (e) {
        if (stop.aborted) break;
        const error = e instanceof ClusterError ? e : networkError(e, this.conn.server, this.conn.contextName);
        if (error.kind === 'gone') {
          this.stats.expired++;
          this.resourceVersion = undefined;
          continue;
        }
        if (error.kind === 'aborted') continue; // reconnect()
        this.stats.errors++;
        if (this.established) failures = 0; // it worked until the connection dropped
        const delayMs = Math.max(backoffDelay(failures, this.opts.backoff, this.opts.random), (error.retryAfterSeconds ?? 0) * 1000);
        failures++;
        this.states.fire({ state: 'retrying', error, delayMs, failures });
        await sleep(delayMs, stop);
      }
    }
  }

  private async relist(): Promise<void> {
    this.states.fire({ state: 'listing' });
    const { items, resourceVersion } = await listAll<T>(
      this.conn,
      this.opts.path,
      { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector },
      { pageSize: this.opts.pageSize, signal: this.stopper.signal },
    );
    this.stats.lists++;
    const seen = new Set<string>();
    const out: WatchEvent<T>[] = [];
    for (const item of items) {
      const key = objectKey(item);
      seen.add(key);
      const prev = this.cache.get(key);
      if (prev && prev.metadata?.resourceVersion === item.metadata?.resourceVersion) continue;
      this.cache.set(key, item);
      out.push({ type: prev ? 'MODIFIED' : 'ADDED', object: item, synthetic: true });
    }
    for (const [key, prev] of this.cache) {
      if (seen.has(key)) continue;
      this.cache.delete(key);
      out.push({ type: 'DELETED', object: prev, synthetic: true });
    }
    this.resourceVersion = resourceVersion;
    for (const ev of out) this.emit(ev);
    this.everSynced = true;
    this.synced.fire();
  }

  private emit(ev: WatchEvent<T>): void {
    this.stats.events++;
    this.events.fire(ev);
  }

  private async watchOnce(): Promise<WatchOutcome> {
    const path = withQuery(this.opts.path, {
      watch: 'true',
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: this.opts.bookmarks === false ? undefined : 'true',
      timeoutSeconds: this.opts.timeoutSeconds ?? 290,
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
    });
    if (this.stopper.signal.aborted) throw new ClusterError('aborted', 'The watch was stopped.');
    const abort = new AbortController();
    this.current = abort;
    const onStop = (): void => abort.abort();
    this.stopper.signal.addEventListener('abort', onStop, { once: true });
    try {
      // No answer within the inactivity timeout counts as silence too.
      const res = await this.conn.request('GET', path, undefined, {
        signal: abort.signal,
        stream: true,
        timeoutMs: Math.min(this.opts.inactivityMs ?? 120_000, 30_000),
      });
      if (res.statusCode !== 200)
        throw await clusterErrorFromResponse(res, { method: 'GET', path, server: this.conn.server, contextName: this.conn.contextName });
      this.stats.watches++;
      this.established = true;
      this.watching = true;
      this.states.fire({ state: 'watching' });
      return await this.consume(res, abort);
    } finally {
      this.watching = false;
      this.stopper.signal.removeEventListener('abort', onStop);
      if (this.current === abort) this.current = undefined;
    }
  }

  /** Reads newline-delimited watch events until the stream ends, fails or goes quiet. */
  private consume(res: IncomingMessage, abort: AbortController): Promise<WatchOutcome> {
    const inactivityMs = this.opts.inactivityMs ?? 120_000;
    return new Promise((resolve, reject) => {
      let buf = '';
      let done = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: WatchOutcome | ClusterError): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (outcome instanceof ClusterError) {
          res.destroy();
          reject(outcome);
        } else {
          if (outcome === 'expired') res.destroy();
          resolve(outcome);
        }
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.stats.inactivityTimeouts++;
          abort.abort();
          finish(new ClusterError('timeout', `The watch of ${this.opts.path} sent nothing for ${Math.round(inactivityMs / 1000)} s; reconnecting.`));
        }, inactivityMs);
      };
      arm();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (done) return;
        arm();
        buf += chunk;
        let i: number;
        while (!done && (i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i).trim();
          buf = buf.slice(i + 1);
          if (line) {
            const r = this.handleLine(line);
            if (r) finish(r);
          }
        }
      });
      res.on('end', () => finish('closed'));
      res.on('error', (e) =>
        finish(abort.signal.aborted ? new ClusterError('aborted', 'The watch was cancelled.') : networkError(e, this.conn.server, this.conn.contextName)),
      );
      res.on('close', () => {
        if (res.complete) finish('closed');
        else
          finish(
            abort.signal.aborted
              ? new ClusterError('aborted', 'The watch was cancelled.')
              : new ClusterError('unreachable', `The watch of ${this.opts.path} was cut off; reconnecting.`),
          );
      });
    });
  }

  /** Applies one watch event; returns how the watch ends when it must end. */
  private handleLine(line: string): WatchOutcome | ClusterError | undefined {
    let ev: unknown;
    try {
      ev = JSON.parse(line);
    } catch {
      return new ClusterError('protocol', `The watch of ${this.opts.path} sent a line that is not JSON.`);
    }
    if (!isObject(ev) || !isObject(ev.object)) return undefined;
    const type = ev.type;
    if (type === 'ERROR') {
      const status = ev.object as KubeStatus;
      if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') return 'expired';
      return new ClusterError('server', `The watch of ${this.opts.path} failed: ${status.message ?? 'ERROR event'}.`, undefined, status.code, status.message);
    }
    const obj = ev.object as T;
    const rv = obj.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      return undefined;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return undefined;
    const key = objectKey(obj);
    if (type === 'DELETED') {
      this.cache.delete(key);
      if (rv) this.resourceVersion = rv;
      this.emit({ type, object: obj });
      return undefined;
    }
    const existed = this.cache.has(key);
    this.cache.set(key, obj);
    if (rv) this.resourceVersion = rv;
    this.emit({ type: existed ? 'MODIFIED' : 'ADDED', object: obj });
    return undefined;
  }
}
