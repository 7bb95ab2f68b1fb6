/**
 * Kubelet timestamps (`timestamps=true`: RFC3339Nano, then a space, then the line) as sortable keys.
 * A key is the UTC time with a fixed 9-digit fraction, `2025-01-01T00:00:11.200000000Z`, so keys
 * compare exactly (to the nanosecond) as plain strings.
 */

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;
const ZEROS = '000000000';

/** The key of an RFC3339(Nano) timestamp, or undefined when it is not one. */
export function timestampKey(ts: string): string | undefined {
  const m = RFC3339.exec(ts);
  if (!m) return undefined;
  const frac = (m[2] ?? '') + ZEROS.slice((m[2] ?? '').length);
  if (m[3] === 'Z') return `${m[1]}.${frac}Z`;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}

/** The key of a time in milliseconds (for notices written by the extension). */
export function keyOfMillis(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}

/** `sinceTime` for a resume: the key truncated to the second (the apiserver keeps only seconds). */
export function sinceTimeOf(key: string): string {
  return `${key.slice(0, 19)}Z`;
}

/** Short display form: `2025-01-01T00:00:11.200Z` (milliseconds). */
export function displayTime(key: string): string {
  return key.length >= 23 ? `${key.slice(0, 23)}Z` : key;
}

export interface SplitLine {
  /** The timestamp key, or undefined when the line has no parsable timestamp. */
  readonly key: string | undefined;
  readonly text: string;
}

/** Splits `TIMESTAMP TEXT` as sent with `timestamps=true`. */
export function splitTimestamp(line: string): SplitLine {
  const sp = line.indexOf(' ');
  const head = sp < 0 ? line : line.slice(0, sp);
  const key = head.length >= 20 && head.length <= 35 ? timestampKey(head) : undefined;
  if (key === undefined) return { key: undefined, text: line };
  return { key, text: sp < 0 ? '' : line.slice(sp + 1) };
}
