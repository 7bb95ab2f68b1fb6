import { Worker } from 'node:worker_threads';
import type { CancellationToken, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { FromWorker, JobKind, ToWorker } from '../shared/messages';
import { WorkerSlot, type Job, type JobOutcome, type Priority } from './worker-slot';

export type { JobOutcome, Priority };

export interface PoolOptions {
  /** The worker script (dist/server-worker.js). */
  readonly script: string;
  /** Workers kept running (a second one starts when a second document opens). */
  readonly minWorkers: number;
  readonly maxWorkers: number;
  /** A job running longer than this is abandoned and its worker replaced. */
  readonly hardLimitMs: number;
  /** A job waiting this long behind another document's job moves its document to another worker. */
  readonly moveAfterMs: number;
  /** Extra workers with no documents are stopped after this long idle. */
  readonly idleWorkerMs: number;
  /** Heap limit of a worker: an input that needs more stops that worker, not the server. */
  readonly workerHeapMb: number;
  readonly log: (message: string) => void;
  /** The current text of an open document, to send it in full (undefined: closed or not analysed). */
  readonly textOf: (uri: string) => { readonly version: number; readonly text: string; readonly wasArgo: boolean; readonly languageId?: string } | undefined;
}

export interface RunOptions {
  readonly priority: Priority;
  /** The request answers `timeout` after this long (the worker may still finish it). */
  readonly deadlineMs: number;
  readonly token?: CancellationToken;
}

/**
 * Analysis workers and the routing of jobs to them. Each document lives in one worker (its text,
 * its tree, its analysis per version); jobs of a document go to that worker, one at a time, the
 * newest version only. A document whose job waits behind another document's long job moves to an
 * idle worker (spawning one up to `maxWorkers`), so one slow document never holds the others.
 */
export class WorkerPool {
  private readonly slots: WorkerSlot[] = [];
  private readonly assigned = new Map<string, WorkerSlot>();
  /** Versions whose analysis overran the hard limit: not tried again until the next edit. */
  private readonly failed = new Map<string, { version: number; message: string }>();
  private lastConfig: ToWorker | undefined;
  private lastWorkspace: ToWorker | undefined;
  private nextJob = 1;
  private nextSlot = 1;
  private disposed = false;
  private readonly reaper: NodeJS.Timeout;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.minWorkers; i++) this.addSlot();
    this.reaper = setInterval(() => this.reapIdle(), Math.max(1000, options.idleWorkerMs / 3));
    this.reaper.unref();
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /** Settings and the workspace index go to every worker (and to workers started later). */
  broadcast(m: Extract<ToWorker, { type: 'config' | 'workspace' }>): void {
    if (m.type === 'config') this.lastConfig = m;
    else this.lastWorkspace = m;
    for (const s of this.slots) s.post(m);
  }

  /** A new version of an open document: its worker gets the changes (or the full text). */
  sync(uri: string, version: number, changes: TextDocumentContentChangeEvent[] | undefined, previousVersion: number): void {
    const slot = this.assigned.get(uri);
    if (!slot) return; // sent in full with its next job
    const known = slot.docs.get(uri);
    const doc = this.options.textOf(uri);
    if (!doc) return;
    if (known === previousVersion && changes) slot.post({ type: 'sync', uri, version, changes, wasArgo: doc.wasArgo });
    else slot.post({ type: 'sync', uri, version, text: doc.text, wasArgo: doc.wasArgo, languageId: doc.languageId });
    slot.docs.set(uri, version);
  }

  /** The document was closed (or is no longer analysed): its worker forgets it; its jobs end. */
  close(uri: string): void {
    const slot = this.assigned.get(uri);
    this.assigned.delete(uri);
    this.failed.delete(uri);
    if (!slot) return;
    slot.docs.delete(uri);
    slot.post({ type: 'close', uri });
    for (const j of [...slot.queue]) if (j.uri === uri) this.settle(slot, j, { ok: false, reason: 'closed', message: `${uri} was closed` });
  }

  /** Runs a job for a document (or, without `uri`, on the least busy worker). */
  run(kind: JobKind, uri: string | undefined, version: number | undefined, params: unknown, opts: RunOptions): Promise<JobOutcome> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve({ ok: false, reason: 'closed', message: 'the server is shutting down' });
      // A request cancelled before it was dispatched has a token that never fires: check it now.
      if (opts.token?.isCancellationRequested) return resolve({ ok: false, reason: 'cancelled', message: 'cancelled by the client' });
      const fail = uri !== undefined ? this.failed.get(uri) : undefined;
      if (fail && fail.version === version) return resolve({ ok: false, reason: 'failed', message: fail.message });
      let slot: WorkerSlot = uri !== undefined ? (this.assigned.get(uri) ?? this.assign(uri)) : this.leastBusy();
      const handles: { deadline?: NodeJS.Timeout; cancel?: { dispose(): void }; move?: NodeJS.Timeout } = {};
      const job: Job = {
        id: this.nextJob++,
        kind,
        uri,
        version,
        params,
        priority: opts.priority,
        queuedAt: performance.now(),
        settled: false,
        settle: (outcome) => {
          if (job.settled) return;
          job.settled = true;
          clearTimeout(handles.deadline);
          clearTimeout(handles.move);
          handles.cancel?.dispose();
          resolve(outcome);
        },
      };
      handles.deadline = setTimeout(() => {
        const current = uri !== undefined ? this.assigned.get(uri) : undefined;
        (current ?? slot).remove(job);
        job.settle({ ok: false, reason: 'timeout', message: `${kind} took longer than ${opts.deadlineMs} ms` });
      }, opts.deadlineMs);
      handles.cancel = opts.token?.onCancellationRequested(() => {
        (uri !== undefined ? (this.assigned.get(uri) ?? slot) : slot).remove(job);
        job.settle({ ok: false, reason: 'cancelled', message: 'cancelled by the client' });
      });
      slot.enqueue(job);
      const busyElsewhere = slot.running !== undefined && slot.running.job.uri !== uri;
      this.pump(slot);
      if (uri !== undefined && busyElsewhere) {
        handles.move = setTimeout(() => {
          slot = this.assigned.get(uri) ?? slot;
          if (!job.settled && slot.queue.includes(job) && slot.running && slot.running.job.uri !== uri) this.move(uri, slot);
        }, this.options.moveAfterMs);
      }
    });
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.reaper);
    for (const s of this.slots) {
      for (const j of s.queue.splice(0)) j.settle({ ok: false, reason: 'closed', message: 'the server is shutting down' });
      if (s.running) {
        clearTimeout(s.running.timer);
        s.running.job.settle({ ok: false, reason: 'closed', message: 'the server is shutting down' });
      }
      s.dispose();
    }
    this.slots.length = 0;
  }

  private addSlot(): WorkerSlot {
    const spawn = (): Worker =>
      new Worker(this.options.script, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: this.options.workerHeapMb } });
    const slot = new WorkerSlot(
      this.nextSlot++,
      spawn,
      (s, m) => this.onMessage(s, m),
      (s, why) => this.onLost(s, why),
    );
    if (this.lastConfig) slot.post(this.lastConfig);
    if (this.lastWorkspace) slot.post(this.lastWorkspace);
    this.slots.push(slot);
    return slot;
  }

  /**
   * A home for a document: the slot holding the fewest documents among the least busy. From the
   * second document on there are at least two workers, so a document that turns out slow never
   * shares its worker with all the others.
   */
  private assign(uri: string): WorkerSlot {
    if (this.assigned.size >= 1 && this.slots.length < Math.min(2, this.options.maxWorkers)) this.addSlot();
    const slot = this.leastBusy();
    this.assigned.set(uri, slot);
    return slot;
  }

  private leastBusy(except?: WorkerSlot): WorkerSlot {
    const candidates = this.slots.filter((s) => s !== except);
    candidates.sort((a, b) => a.load - b.load || a.docs.size - b.docs.size || a.id - b.id);
    return candidates[0] ?? this.slots[0];
  }

  /** Moves a document off a busy worker: to an idle one, or a new one, or the least busy. */
  private move(uri: string, from: WorkerSlot): void {
    let to = this.slots.find((s) => s !== from && s.load === 0);
    if (!to && this.slots.length < this.options.maxWorkers) to = this.addSlot();
    to ??= this.leastBusy(from);
    if (to === from) return;
    this.options.log(`argo-studio: ${uri} moved to analysis worker ${to.id} (worker ${from.id} is busy with ${from.running?.job.uri ?? 'other work'})`);
    from.docs.delete(uri);
    from.post({ type: 'close', uri });
    this.assigned.set(uri, to);
    for (const j of [...from.queue]) {
      if (j.uri !== uri) continue;
      from.remove(j);
      to.enqueue(j);
    }
    this.pump(to);
  }

  /** Makes sure the worker holds the document's current text before a job of it runs. */
  private ensureText(slot: WorkerSlot, uri: string): boolean {
    const doc = this.options.textOf(uri);
    if (!doc) return false;
    if (slot.docs.get(uri) !== doc.version) {
      slot.post({ type: 'sync', uri, version: doc.version, text: doc.text, wasArgo: doc.wasArgo, languageId: doc.languageId });
      slot.docs.set(uri, doc.version);
    }
    return true;
  }

  private pump(slot: WorkerSlot): void {
    while (!slot.running && slot.queue.length > 0 && !this.disposed) {
      const job = slot.queue.shift() as Job;
      if (job.settled) continue;
      if (job.uri !== undefined) {
        const doc = this.options.textOf(job.uri);
        if (!doc) {
          job.settle({ ok: false, reason: 'closed', message: `${job.uri} is not open` });
          continue;
        }
        if (job.version !== undefined && doc.version !== job.version) {
          job.settle({ ok: false, reason: 'stale', message: `version ${job.version} was superseded by ${doc.version}` });
          continue;
        }
        const fail = this.failed.get(job.uri);
        if (fail && fail.version === doc.version) {
          job.settle({ ok: false, reason: 'failed', message: fail.message });
          continue;
        }
        this.ensureText(slot, job.uri);
      }
      const timer = setTimeout(() => this.overran(slot), this.options.hardLimitMs);
      slot.running = { job, startedAt: performance.now(), timer };
      slot.post({ type: 'job', id: job.id, kind: job.kind, uri: job.uri, version: job.version, params: job.params });
    }
    if (!slot.running && slot.queue.length === 0) slot.idleSince = Date.now();
  }

  private onMessage(slot: WorkerSlot, m: FromWorker): void {
    if (m.type !== 'result') return;
    const r = slot.running;
    if (!r || r.job.id !== m.id) return;
    clearTimeout(r.timer);
    slot.running = undefined;
    if (m.ok) r.job.settle({ ok: true, value: m.value, elapsedMs: m.elapsedMs });
    else if (m.reason === 'unknown-document' && r.job.uri !== undefined) {
      // The worker lost the text (it was restarted): send it again and retry once.
      slot.docs.delete(r.job.uri);
      if (this.ensureText(slot, r.job.uri)) slot.queue.unshift(r.job);
      else r.job.settle({ ok: false, reason: 'closed', message: m.message });
    } else r.job.settle({ ok: false, reason: m.reason === 'stale' ? 'stale' : 'failed', message: m.message });
    this.pump(slot);
  }

  /** A job ran past the hard limit: its version is marked failed and the worker replaced. */
  private overran(slot: WorkerSlot): void {
    const r = slot.running;
    if (!r) return;
    const seconds = Math.round(this.options.hardLimitMs / 1000);
    const message = `the analysis took longer than ${seconds} s and was stopped`;
    this.options.log(`argo-studio: ${r.job.kind} of ${r.job.uri ?? 'workspace files'} took over ${seconds} s; worker ${slot.id} replaced`);
    if (r.job.uri !== undefined && r.job.version !== undefined) this.failed.set(r.job.uri, { version: r.job.version, message });
    this.restartSlot(slot, message);
  }

  private onLost(slot: WorkerSlot, why: string): void {
    if (this.disposed) return;
    this.options.log(`argo-studio: ${why}; worker ${slot.id} replaced`);
    const r = slot.running;
    if (r?.job.uri !== undefined && r.job.version !== undefined) this.failed.set(r.job.uri, { version: r.job.version, message: why });
    this.restartSlot(slot, why);
  }

  private restartSlot(slot: WorkerSlot, why: string): void {
    const r = slot.running;
    slot.running = undefined;
    if (r) {
      clearTimeout(r.timer);
      r.job.settle({ ok: false, reason: 'failed', message: why });
    }
    slot.restart();
    if (this.lastConfig) slot.post(this.lastConfig);
    if (this.lastWorkspace) slot.post(this.lastWorkspace);
    this.pump(slot);
  }

  private reapIdle(): void {
    const now = Date.now();
    const homes = new Set(this.assigned.values());
    for (const s of [...this.slots]) {
      if (this.slots.length <= this.options.minWorkers) return;
      if (s.load === 0 && !homes.has(s) && now - s.idleSince > this.options.idleWorkerMs) {
        this.slots.splice(this.slots.indexOf(s), 1);
        s.dispose();
      }
    }
  }

  private settle(slot: WorkerSlot, job: Job, outcome: JobOutcome): void {
    slot.remove(job);
    job.settle(outcome);
  }
}
