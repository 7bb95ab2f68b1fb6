import { Worker } from 'node:worker_threads';
import type { FromWorker, JobKind, ToWorker } from '../shared/messages';

/** Lower runs first: diagnostics, then requests the user waits for, then the graph, then indexing. */
export type Priority = 0 | 1 | 2 | 3;

export type Failure = 'stale' | 'cancelled' | 'timeout' | 'failed' | 'closed';

export type JobOutcome =
  { readonly ok: true; readonly value: unknown; readonly elapsedMs: number } | { readonly ok: false; readonly reason: Failure; readonly message: string };

/** One request for a worker, waiting in a slot's queue or running. */
export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  readonly uri: string | undefined;
  /** The document version the request is about (undefined: any). */
  readonly version: number | undefined;
  readonly params: unknown;
  readonly priority: Priority;
  readonly queuedAt: number;
  settled: boolean;
  readonly settle: (outcome: JobOutcome) => void;
}

/**
 * One analysis worker and what the protocol thread knows of it: the documents it holds (and at
 * which version), its queue, and the job it runs. A slot runs one job at a time, so the protocol
 * thread can still drop, reorder or move what waits.
 */
export class WorkerSlot {
  worker: Worker;
  running: { readonly job: Job; readonly startedAt: number; readonly timer: NodeJS.Timeout } | undefined;
  readonly queue: Job[] = [];
  /** Documents assigned here, with the version the worker holds. */
  readonly docs = new Map<string, number>();
  idleSince = Date.now();
  private disposed = false;

  constructor(
    readonly id: number,
    private readonly spawn: () => Worker,
    private readonly onMessage: (slot: WorkerSlot, m: FromWorker) => void,
    private readonly onLost: (slot: WorkerSlot, why: string) => void,
  ) {
    this.worker = this.start();
  }

  private start(): Worker {
    const w = this.spawn();
    const current = (): boolean => this.worker === w && !this.disposed;
    w.on('message', (m: FromWorker) => {
      if (current()) this.onMessage(this, m);
    });
    w.on('error', (e) => {
      if (current()) this.onLost(this, `the analysis worker failed: ${e.message}`);
    });
    w.on('exit', (code) => {
      if (current()) this.onLost(this, `the analysis worker exited (code ${code})`);
    });
    w.unref();
    return w;
  }

  /** Replaces the worker with a fresh one (it knows no documents). */
  restart(): void {
    const old = this.worker;
    this.worker = this.start();
    this.docs.clear();
    void old.terminate();
  }

  post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  /** Queued and running work, for choosing the least busy slot. */
  get load(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Inserts by priority, after jobs of the same priority. */
  enqueue(job: Job): void {
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1].priority > job.priority) i--;
    this.queue.splice(i, 0, job);
  }

  remove(job: Job): boolean {
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    return i >= 0;
  }

  dispose(): void {
    this.disposed = true;
    const w = this.worker;
    this.docs.clear();
    void w.terminate();
  }
}
