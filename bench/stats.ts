/** Samples, percentiles and the table's cell formats, shared by the benchmark's measures. */
import type { Failure } from './bench-client';

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Times of one measure, plus how many attempts failed and why. */
export interface Stat {
  readonly n: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly failures: Partial<Record<Failure, number>>;
}

/** Collects the times (ms) and failures of one measure. */
export class Sampler {
  readonly times: number[] = [];
  readonly failures: Partial<Record<Failure, number>> = {};

  add(ms: number): void {
    this.times.push(ms);
  }

  fail(f: Failure): void {
    this.failures[f] = (this.failures[f] ?? 0) + 1;
  }

  stat(): Stat {
    const r = (x: number): number | null => (Number.isNaN(x) ? null : Math.round(x * 10) / 10);
    return {
      n: this.times.length,
      p50: r(percentile(this.times, 50)),
      p95: r(percentile(this.times, 95)),
      max: r(this.times.length ? Math.max(...this.times) : NaN),
      failures: { ...this.failures },
    };
  }
}

export const ms = (n: number | null | undefined): string => (n === null || n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(0)} ms`);
export const mb = (n: number | null | undefined): string => (n === null || n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(0)} MB`);

/** " (2 timeout, 1 error)" or "". */
function failureNote(s: Stat): string {
  const parts = Object.entries(s.failures)
    .filter(([k, v]) => v && k !== 'cancelled')
    .map(([k, v]) => `${v} ${k}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Two figures of a stat ("a / b"), or the failure ("timeout", "error") when nothing succeeded. */
function cellPair(s: Stat | undefined, second: 'p95' | 'max'): string {
  if (!s) return '-';
  if (s.n === 0)
    return (
      Object.keys(s.failures)
        .filter((k) => k !== 'cancelled')
        .join('/') || '-'
    );
  return `${ms(s.p50)} / ${ms(s[second])}${failureNote(s)}`;
}

/** "p50 / p95", or the failure ("timeout", "error") when nothing succeeded. */
export function cellP50P95(s: Stat | undefined): string {
  return cellPair(s, 'p95');
}

/** "p50 / max" (few samples). */
export function cellP50Max(s: Stat | undefined): string {
  return cellPair(s, 'max');
}

/** One time or its failure. */
export function cellOne(value: number | null | undefined, failure?: string): string {
  return value === null || value === undefined || Number.isNaN(value) ? (failure ?? '-') : ms(value);
}

/** A target: the measure's p50 (and p95) must not exceed these. */
export interface Target {
  readonly p50?: number;
  readonly p95?: number;
  readonly unit: 'ms' | 'MB';
}

export function targetText(t: Target | undefined): string {
  if (!t) return '';
  if (t.p50 !== undefined && t.p95 !== undefined && t.p50 !== t.p95) return `<= ${t.p50} / ${t.p95} ${t.unit}`;
  return `<= ${t.p50 ?? t.p95} ${t.unit}`;
}

/** "met" / "MISSED" / "" for a value (or p50 and p95) against a target. */
export function verdict(t: Target | undefined, p50: number | null | undefined, p95?: number | null): string {
  if (!t) return '';
  if (p50 === null || p50 === undefined || Number.isNaN(p50)) return 'no figure';
  const okP50 = t.p50 === undefined || p50 <= t.p50;
  const okP95 = t.p95 === undefined || p95 === undefined || (p95 !== null && p95 <= t.p95);
  return okP50 && okP95 ? 'met' : 'MISSED';
}
