/**
 * Checks a cron schedule the way Argo's robfig/cron `ParseStandard` reads it: five fields
 * (minute hour day-of-month month day-of-week), a descriptor (@hourly, ...), or `@every <duration>`,
 * optionally prefixed by `CRON_TZ=<zone> ` or `TZ=<zone> `. Returns an error message or undefined.
 */

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

export interface CronCheck {
  readonly error?: string;
  /** A time zone named by a CRON_TZ= / TZ= prefix. */
  readonly timezone?: string;
}

export function checkCron(spec: string): CronCheck {
  let s = spec.trim();
  let timezone: string | undefined;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(s);
  if (tz) {
    timezone = tz[1];
    s = s.slice(tz[0].length);
  }
  if (s === '') return { error: 'empty spec string', timezone };
  if (s.startsWith('@')) {
    if (DESCRIPTORS.has(s)) return { timezone };
    if (s.startsWith('@every ')) {
      const d = s.slice(7).trim();
      return isGoDuration(d) ? { timezone } : { error: `failed to parse duration ${s}: time: invalid duration "${d}"`, timezone };
    }
    return { error: `unrecognized descriptor: ${s}`, timezone };
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return { error: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`, timezone };
  for (let i = 0; i < 5; i++) {
    const e = checkField(fields[i], FIELDS[i], i === 2 || i === 4);
    if (e) return { error: e, timezone };
  }
  return { timezone };
}

function checkField(field: string, spec: FieldSpec, allowQuestion: boolean): string | undefined {
  for (const part of field.split(',')) {
    if (part === '') return `empty ${spec.name} in "${field}"`;
    const [rangePart, stepPart, extra] = part.split('/');
    if (extra !== undefined) return `too many slashes: ${part}`;
    if (stepPart !== undefined && !/^[0-9]+$/.test(stepPart)) return `failed to parse int from ${stepPart}`;
    if (stepPart !== undefined && Number(stepPart) === 0) return `step of range should be a positive number: ${part}`;
    if (rangePart === '*' || (rangePart === '?' && allowQuestion)) continue;
    const bounds = rangePart.split('-');
    if (bounds.length > 2) return `too many hyphens: ${part}`;
    const nums: number[] = [];
    for (const b of bounds) {
      const n = parseValue(b, spec);
      if (n === undefined) return `failed to parse int from ${b} (${spec.name})`;
      nums.push(n);
    }
    const [lo, hi] = nums.length === 2 ? nums : [nums[0], nums[0]];
    if (lo < spec.min) return `beginning of range (${lo}) below minimum (${spec.min}): ${part}`;
    if (hi > spec.max) return `end of range (${hi}) above maximum (${spec.max}): ${part}`;
    if (lo > hi) return `beginning of range (${lo}) beyond end of range (${hi}): ${part}`;
  }
  return undefined;
}

function parseValue(s: string, spec: FieldSpec): number | undefined {
  if (/^[0-9]+$/.test(s)) return Number(s);
  const i = spec.names?.indexOf(s.toLowerCase()) ?? -1;
  if (i >= 0) return spec.min + i;
  return undefined;
}

/** Go's time.ParseDuration syntax: e.g. 1h30m, 10s, 1.5h, 300ms. */
export function isGoDuration(d: string): boolean {
  return /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(d) || d === '0';
}
