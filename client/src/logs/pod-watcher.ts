/**
 * The pods of one workflow, live: LIST, then WATCH from the list's resourceVersion (bookmarks,
 * `timeoutSeconds`, an inactivity timer), re-LIST on 410 Expired or on errors with backoff, and
 * synthetic deletions for pods that vanished between two lists. No `vscode`.
 */
import type { IncomingMessage } from 'node:http';
import { retryDelayMs, sleep as realSleep, type Sleep } from './backoff';
import { explainForbidden, explainUnauthorized } from './explain';
import { LineSplitter } from './line-splitter';
import { failureOf, type LogSource, type PodJson } from './log-source';

export interface PodWatcherOptions {
  readonly source: LogSource;
  readonly namespace: string;
  readonly labelSelector: string;
  readonly onPod: (pod: PodJson) => void;
  readonly onDeleted: (name: string) => void;
  /** A problem worth showing; `fatal` when the watcher has stopped for good. */
  readonly onProblem: (message: string, fatal: boolean) => void;
  /** After each successful list (the current set of pods is known). */
  readonly onListed?: (count: number) => void;
  readonly sleep?: Sleep;
  readonly retryDelayMs?: (attempt: number) => number;
  readonly watchTimeoutSeconds?: number;
  readonly inactivityMs?: number;
}

interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: PodJson & { readonly code?: number; readonly message?: string };
}

export class PodWatcher {
  private readonly ctl = new AbortController();
  private readonly known = new Set<string>();
  private current: IncomingMessage | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly o: PodWatcherOptions) {}

  start(): Promise<void> {
    this.running ??= this.run();
    return this.running;
  }

  stop(): void {
    this.ctl.abort(new Error('stopped'));
    this.current?.destroy();
  }

  get stopped(): boolean {
    return this.ctl.signal.aborted;
  }

  private async run(): Promise<void> {
    const sleep = this.o.sleep ?? realSleep;
    const delay = this.o.retryDelayMs ?? ((n: number) => Math.max(1000, retryDelayMs(n, 30_000)));
    let failures = 0;
    let unauthorized = 0;
    let rv: string | undefined;
    while (!this.stopped) {
      try {
        if (rv === undefined) {
          const list = await this.o.source.listPods(this.o.namespace, this.o.labelSelector, { signal: this.ctl.signal });
          if (this.stopped) return;
          if (!list.ok) {
            if (list.status === 401 && ++unauthorized > 1) return this.o.onProblem(explainUnauthorized(this.o.source.contextName, list), true);
            if (list.status === 403) return this.o.onProblem(explainForbidden(this.o.source.contextName, this.o.namespace, list), true);
            throw new Error(`listing pods: ${list.status} ${list.reason}: ${list.message}`);
          }
          unauthorized = 0;
          const names = new Set(list.value.items.map((p) => p.metadata.name ?? ''));
          for (const gone of [...this.known].filter((n) => !names.has(n))) {
            this.known.delete(gone);
            this.o.onDeleted(gone);
          }
          const items = [...list.value.items].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
          for (const p of items) this.seen(p);
          rv = list.value.metadata?.resourceVersion ?? '0';
          this.o.onListed?.(items.length);
        }
        const res = await this.o.source.watchPods(this.o.namespace, this.o.labelSelector, rv, { signal: this.ctl.signal, timeoutSeconds: this.o.watchTimeoutSeconds ?? 300 });
        if (this.stopped) {
          res.destroy();
          return;
        }
        if (res.statusCode !== 200) {
          const f = await failureOf(res);
          if (f.status === 410) {
            rv = undefined;
            continue;
          }
          throw new Error(`watching pods: ${f.status} ${f.reason}: ${f.message}`);
        }
        const out = await this.consume(res, rv);
        rv = out.rv;
        if (out.expired) rv = undefined;
        if (!out.clean) throw new Error(out.error ?? 'the pod watch was interrupted');
        failures = 0;
      } catch (e) {
        if (this.stopped) return;
        failures++;
        if (failures === 3) this.o.onProblem(`Still trying to watch the pods of the workflow: ${e instanceof Error ? e.message : String(e)}`, false);
        if (failures > 1) rv = undefined; // re-list: events may have been missed
        await sleep(delay(failures), this.ctl.signal);
      }
    }
  }

  private seen(p: PodJson): void {
    const name = p.metadata.name;
    if (!name) return;
    this.known.add(name);
    this.o.onPod(p);
  }

  private consume(res: IncomingMessage, from: string): Promise<{ clean: boolean; rv: string; expired: boolean; error?: string }> {
    this.current = res;
    const splitter = new LineSplitter(64 << 20);
    const inactivity = this.o.inactivityMs ?? ((this.o.watchTimeoutSeconds ?? 300) + 30) * 1000;
    let rv = from;
    let expired = false;
    return new Promise((resolve) => {
      let settled = false;
      let timer = setTimeout(() => res.destroy(new Error('no data from the pod watch')), inactivity);
      const finish = (clean: boolean, error?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.current = undefined;
        resolve({ clean, rv, expired, ...(error !== undefined ? { error } : {}) });
      };
      res.on('data', (chunk: Buffer) => {
        clearTimeout(timer);
        timer = setTimeout(() => res.destroy(new Error('no data from the pod watch')), inactivity);
        for (const line of splitter.push(chunk)) {
          if (line.trim() === '') continue;
          let ev: WatchEvent;
          try {
            ev = JSON.parse(line) as WatchEvent;
          } catch {
            continue;
          }
          if (ev.type === 'ERROR') {
            expired = ev.object.code === 410;
            res.destroy();
            if (expired) finish(true);
            else finish(false, `watch error: ${ev.object.message ?? ev.object.code ?? 'unknown'}`);
            return;
          }
          const v = ev.object.metadata?.resourceVersion;
          if (v) rv = v;
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.seen(ev.object);
          else if (ev.type === 'DELETED' && ev.object.metadata.name) {
            this.known.delete(ev.object.metadata.name);
            this.o.onDeleted(ev.object.metadata.name);
          }
        }
      });
      res.on('end', () => finish(true));
      res.on('error', (e) => finish(false, e.message));
      res.on('close', () => finish(res.complete, res.complete ? undefined : 'the pod watch was interrupted'));
    });
  }
}
