/**
 * The bounded line store: at most `max` lines, kept sorted by (timestamp key, arrival), so lines of
 * parallel steps interleave by time and the lines of one step stay in their order. When full, the
 * oldest lines go. The extension host and the webview run the same store on the same batches, so the
 * webview mirrors the host without being sent indexes. Pure: no DOM, no Node APIs.
 */
import type { LogLine } from './log-types';

export function compareLines(a: LogLine, b: LogLine): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.seq - b.seq;
}

function sorted(lines: readonly LogLine[]): readonly LogLine[] {
  for (let i = 1; i < lines.length; i++) {
    if (compareLines(lines[i - 1], lines[i]) > 0) return [...lines].sort(compareLines);
  }
  return lines;
}

/** The lines of a batch that can survive in a store of `max` lines (the newest `max`), sorted. */
export function newestOf(lines: readonly LogLine[], max: number): readonly LogLine[] {
  const s = sorted(lines);
  return s.length > max ? s.slice(s.length - max) : s;
}

export interface AddResult {
  /** Lines dropped from the front to stay within `max`. */
  readonly evicted: number;
  /** True when some line went before lines already stored (not a pure append). */
  readonly inserted: boolean;
}

export class LineStore {
  private items: LogLine[] = [];
  private head = 0;

  constructor(private maxLines: number) {
    if (!(maxLines >= 1)) throw new Error(`maxLines must be at least 1 (got ${maxLines})`);
  }

  get max(): number {
    return this.maxLines;
  }

  get size(): number {
    return this.items.length - this.head;
  }

  /** The i-th line, oldest first. */
  at(i: number): LogLine {
    return this.items[this.head + i];
  }

  last(): LogLine | undefined {
    return this.size > 0 ? this.items[this.items.length - 1] : undefined;
  }

  toArray(): LogLine[] {
    return this.items.slice(this.head);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Changes the bound (oldest lines go when it shrinks). */
  setMax(max: number): number {
    if (!(max >= 1)) throw new Error(`maxLines must be at least 1 (got ${max})`);
    this.maxLines = max;
    return this.evict();
  }

  add(batch: readonly LogLine[]): AddResult {
    if (batch.length === 0) return { evicted: 0, inserted: false };
    let lines = newestOf(batch, this.maxLines);
    // A full store keeps only lines newer than its oldest: older ones would be evicted at once.
    if (this.size >= this.maxLines) {
      const first = this.items[this.head];
      let drop = 0;
      while (drop < lines.length && compareLines(lines[drop], first) < 0) drop++;
      if (drop === lines.length) return { evicted: 0, inserted: false };
      if (drop > 0) lines = lines.slice(drop);
    }
    const last = this.last();
    let inserted = false;
    if (last === undefined || compareLines(last, lines[0]) < 0) {
      for (const l of lines) this.items.push(l);
    } else {
      inserted = true;
      // First stored line that sorts after the batch's first line: only the tail from there moves.
      let lo = this.head;
      let hi = this.items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareLines(this.items[mid], lines[0]) < 0) lo = mid + 1;
        else hi = mid;
      }
      // Merge in place from the back (no copy of the tail).
      let i = this.items.length - 1;
      let j = lines.length - 1;
      let k = this.items.length + lines.length - 1;
      this.items.length = k + 1;
      while (j >= 0) this.items[k--] = i >= lo && compareLines(this.items[i], lines[j]) > 0 ? this.items[i--] : lines[j--];
    }
    return { evicted: this.evict(), inserted };
  }

  private evict(): number {
    const over = this.size - this.maxLines;
    if (over <= 0) return 0;
    for (let i = this.head; i < this.head + over; i++) (this.items as (LogLine | undefined)[])[i] = undefined;
    this.head += over;
    if (this.head > 4096 && this.head > this.items.length / 2) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return over;
  }
}
