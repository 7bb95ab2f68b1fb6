/**
 * Batched updates from a log session to its view: new lines, steps and info are collected and handed
 * over at most every `flushMs`, with at most one update in flight (a returned promise holds back the
 * next). What waits is bounded: only the newest `maxLines` lines can matter to the view.
 */
import { newestOf } from './line-store';
import type { LogLine, SessionInfo, StepView } from './log-types';

export interface SessionUpdate {
  /** The lines were cleared (container or range changed): the view starts again from `lines`. */
  readonly reset: boolean;
  /** Lines added since the last update (at most maxLines, the newest). */
  readonly lines: readonly LogLine[];
  readonly steps?: readonly StepView[];
  readonly info?: SessionInfo;
}

export type UpdateSink = (u: SessionUpdate) => void | PromiseLike<unknown>;

/** What the batcher reads from the session when it builds an update. */
export interface UpdateSource {
  /** Merges received lines into the store (before an update is built). */
  commit(): void;
  allLines(): LogLine[];
  steps(): StepView[];
  info(): SessionInfo;
  maxLines(): number;
}

export class UpdateBatcher {
  private pending: LogLine[] = [];
  private reset = false;
  private stepsDirty = true;
  private infoDirty = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private disposed = false;

  constructor(
    private readonly src: UpdateSource,
    private readonly sink: UpdateSink | undefined,
    private readonly flushMs: number,
  ) {}

  lines(lines: readonly LogLine[]): void {
    if (!this.sink) return;
    for (const l of lines) this.pending.push(l);
    const max = this.src.maxLines();
    if (this.pending.length > 2 * max) this.pending = [...newestOf(this.pending, max)];
    this.schedule();
  }

  /** Everything again (the store was cleared or re-bounded). */
  markReset(): void {
    this.pending = [];
    this.reset = true;
    this.schedule();
  }

  markSteps(): void {
    this.stepsDirty = true;
    this.schedule();
  }

  markInfo(): void {
    this.infoDirty = true;
    this.schedule();
  }

  schedule(): void {
    if (this.timer || this.inFlight || this.disposed || !this.sink) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.flushMs);
  }

  /** Hands over what changed now. */
  flush(): void {
    if (this.disposed || !this.sink) return;
    if (this.pending.length === 0 && !this.reset && !this.stepsDirty && !this.infoDirty) return;
    this.src.commit();
    const update: SessionUpdate = {
      reset: this.reset,
      lines: this.reset ? this.src.allLines() : newestOf(this.pending, this.src.maxLines()),
      ...(this.stepsDirty || this.reset ? { steps: this.src.steps() } : {}),
      ...(this.infoDirty || this.reset ? { info: this.src.info() } : {}),
    };
    this.pending = [];
    this.reset = false;
    this.stepsDirty = false;
    this.infoDirty = false;
    const r = this.sink(update);
    if (r && typeof r.then === 'function') {
      this.inFlight = true;
      const next = (): void => {
        this.inFlight = false;
        this.schedule();
      };
      r.then(next, next);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
