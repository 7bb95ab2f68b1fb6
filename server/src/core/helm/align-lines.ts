import { literalOutput } from './literal-output';
import { scanActions } from './template-actions';

export interface Line {
  readonly start: number;
  readonly text: string;
}

export function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const t of text.split('\n')) {
    out.push({ start, text: t });
    start += t.length + 1;
  }
  return out;
}

/** A template line as a matcher of rendered lines: literal text as is, each action as "anything" (an escape as what it writes). */
export interface Matcher {
  readonly literal: boolean;
  readonly re: RegExp;
  /** What a rendered line it matches starts with: its indentation and first word (undefined: an action comes first). */
  readonly key: string | undefined;
}

export function matcherOf(line: string): Matcher | undefined {
  if (line.trim() === '' || /^\s*#\s*Source:/.test(line)) return undefined;
  const actions = scanActions(line);
  if (actions.length === 0) return { literal: true, re: new RegExp(`^${escape(line.trimEnd())}$`), key: keyOf(line) };
  let pattern = '';
  let i = 0;
  let writes = false;
  for (const a of actions) {
    pattern += escape(line.slice(i, a.start));
    const lit = a.kind === 'output' ? literalOutput(a.body) : undefined;
    if (lit !== undefined) pattern += escape(lit);
    else if (a.kind === 'output' || a.kind === 'argo') pattern += '.*?';
    if (a.kind === 'output' || a.kind === 'argo') writes = true;
    i = a.end;
  }
  pattern += escape(line.slice(i).trimEnd());
  // A line of control actions alone writes nothing of its own; one whose actions write text needs some literal text to match by.
  if (!writes || line.replace(/\{\{[\s\S]*?\}\}/g, '').trim() === '') return undefined;
  const key = keyOf(line);
  return { literal: false, re: new RegExp(`^${pattern}\\s*$`), key: key !== undefined && key.length < actions[0].start ? key : undefined };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line's indentation, list dashes and first word (up to a space, `:`, a quote or a brace); undefined when it has no word there. */
function keyOf(line: string): string | undefined {
  const m = /^(\s*(?:- +)*)([^\s:"'{-][^\s:"'{]*)/.exec(line);
  return m ? m[1] + m[2] : undefined;
}

/**
 * For each rendered line, the template line that wrote it (undefined when none did): in order, the
 * first match at or after the previous one, else the last before it (the next pass of a range body).
 * Literal template lines are looked up by their text, the others by their key (indentation and
 * first word), so this is about linear in the lines.
 */
export function alignLines(rLines: readonly Line[], tLines: readonly Line[], matchers: readonly (Matcher | undefined)[]): (number | undefined)[] {
  // Template lines that match the same rendered lines (the same text, or the same pattern) share one sorted list.
  const literal = new Map<string, number[]>();
  const patterns = new Map<string | undefined, Map<string, { re: RegExp; lines: number[] }>>();
  matchers.forEach((m, i) => {
    if (!m) return;
    if (m.literal) {
      const key = tLines[i].text.trimEnd();
      const same = literal.get(key);
      if (same) same.push(i);
      else literal.set(key, [i]);
      return;
    }
    const group = patterns.get(m.key) ?? new Map<string, { re: RegExp; lines: number[] }>();
    patterns.set(m.key, group);
    const same = group.get(m.re.source);
    if (same) same.lines.push(i);
    else group.set(m.re.source, { re: m.re, lines: [i] });
  });
  const out: (number | undefined)[] = [];
  let next = 0;
  for (const r of rLines) {
    const text = r.text.trimEnd();
    if (/^---\s*$/.test(text) || /^#\s*Source:/.test(text) || text.trim() === '') {
      out.push(undefined);
      continue;
    }
    const key = keyOf(text);
    const lists = [literal.get(text) ?? []];
    for (const group of [key === undefined ? undefined : patterns.get(key), patterns.get(undefined)]) {
      for (const p of group?.values() ?? []) if (p.re.test(text)) lists.push(p.lines);
    }
    const ahead = lists.map((l) => firstAtOrAfter(l, next)).filter((i): i is number => i !== undefined);
    const behind = lists.map((l) => lastBefore(l, next)).filter((i): i is number => i !== undefined);
    const chosen = ahead.length > 0 ? Math.min(...ahead) : behind.length > 0 ? Math.max(...behind) : undefined;
    out.push(chosen);
    if (chosen !== undefined) next = chosen + 1;
  }
  return out;
}

/** In a sorted list: the index of the first value >= n (the length when none). */
function lowerBound(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] >= n) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** In a sorted list: the first value >= n. */
function firstAtOrAfter(sorted: readonly number[], n: number): number | undefined {
  return sorted[lowerBound(sorted, n)];
}

/** In a sorted list: the last value < n. */
function lastBefore(sorted: readonly number[], n: number): number | undefined {
  const at = lowerBound(sorted, n);
  return at > 0 ? sorted[at - 1] : undefined;
}
