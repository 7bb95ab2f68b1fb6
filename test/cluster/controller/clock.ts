// Clocks for the simulator. ManualClock only moves when the test says so (deterministic); RealClock
// follows wall time (for the standalone server). Both run timers in due order.

export interface Clock {
  now(): number;
  /** Runs fn at (or, for the manual clock, once advanced past) now + delayMs. */
  setTimer(delayMs: number, fn: () => void): () => void;
  /** Manual clock: moves time forward, firing due timers. The real clock throws. */
  advance(ms: number): void;
  readonly manual: boolean;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  readonly manual = true;
  private current: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start: number = Date.parse('2025-01-01T00:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const t: Timer = { at: this.current + Math.max(0, delayMs), seq: this.seq++, fn };
    this.timers.push(t);
    return () => {
      this.timers = this.timers.filter((x) => x !== t);
    };
  }

  private takeDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    if (best) this.timers = this.timers.filter((x) => x !== best);
    return best;
  }

  /** Moves time forward by ms, firing every timer that falls due, in order, at its own time. */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (let t = this.takeDue(target); t; t = this.takeDue(target)) {
      this.current = Math.max(this.current, t.at);
      t.fn();
    }
    this.current = target;
  }

  /** The time of the next pending timer, if any. */
  nextTimerAt(): number | undefined {
    return this.timers.reduce<number | undefined>((m, t) => (m === undefined || t.at < m ? t.at : m), undefined);
  }

  /** Jumps to the next timer and fires everything due then; false when nothing is pending. */
  step(): boolean {
    const next = this.nextTimerAt();
    if (next === undefined) return false;
    this.advance(next - this.current);
    return true;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}

export class RealClock implements Clock {
  readonly manual = false;
  private readonly handles = new Set<NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const h = setTimeout(
      () => {
        this.handles.delete(h);
        fn();
      },
      Math.max(0, delayMs),
    );
    this.handles.add(h);
    return () => {
      clearTimeout(h);
      this.handles.delete(h);
    };
  }

  advance(_ms: number): void {
    throw new Error('the emulator runs on the real clock: time cannot be advanced');
  }

  /** Cancels every pending timer (on stop). */
  dispose(): void {
    for (const h of this.handles) clearTimeout(h);
    this.handles.clear();
  }
}
