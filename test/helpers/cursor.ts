/**
 * Cursor markers for feature tests (like `getPositionFromCursor("on: pu|sh")` in
 * actions/languageservices): the test text shows where the cursor is.
 *
 * - `|` is the cursor (exactly one, or none when only ranges are marked).
 * - `[[...]]` marks a range (expected edit or answer ranges), in order of their opening `[[`.
 * - `{|name|}` is a named position (for tests that need several points in one text).
 *
 * A literal `|` in the YAML (block scalars `|`, `${2|a,b|}` choices) would clash: such texts
 * pass the marker character explicitly, e.g. `withCursor(text, '^')`.
 */
import type { Range } from '../../server/src/core/types';

export interface Marked {
  /** The text with every marker removed. */
  readonly text: string;
  /** The cursor offset (`|`), or -1 when the text has none. */
  readonly offset: number;
  /** `[[...]]` ranges in order of their opening. */
  readonly ranges: Range[];
  /** `{|name|}` positions. */
  readonly named: ReadonlyMap<string, number>;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes the markers and returns where they were. Throws on more than one cursor or unbalanced ranges. */
export function marked(source: string, cursor = '|'): Marked {
  const token = new RegExp(`\\{\\|([\\w-]+)\\|\\}|\\[\\[|\\]\\]|${escape(cursor)}`, 'g');
  let text = '';
  let last = 0;
  let offset = -1;
  const open: number[] = [];
  const ranges: { order: number; range: Range }[] = [];
  const named = new Map<string, number>();
  let order = 0;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    text += source.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      if (named.has(m[1])) throw new Error(`marker {|${m[1]}|} twice`);
      named.set(m[1], text.length);
    } else if (m[0] === '[[') open.push(text.length);
    else if (m[0] === ']]') {
      const start = open.pop();
      if (start === undefined) throw new Error(`]] without [[ at ${m.index}`);
      ranges.push({ order: order++, range: { start, end: text.length } });
    } else {
      if (offset >= 0) throw new Error(`more than one cursor "${cursor}"`);
      offset = text.length;
    }
  }
  text += source.slice(last);
  if (open.length) throw new Error('[[ without ]]');
  // Order of opening, not closing (nested ranges).
  ranges.sort((a, b) => a.range.start - b.range.start || a.order - b.order);
  return { text, offset, ranges: ranges.map((r) => r.range), named };
}

/** `withCursor('template: fe|tch')` -> `{ text: 'template: fetch', offset: 12 }`. Exactly one cursor. */
export function withCursor(source: string, cursor = '|'): { readonly text: string; readonly offset: number; readonly ranges: Range[] } {
  const m = marked(source, cursor);
  if (m.offset < 0) throw new Error(`no cursor "${cursor}" in the text`);
  return { text: m.text, offset: m.offset, ranges: m.ranges };
}

/** The text a range covers, for readable assertions. */
export function slice(text: string, r: Range): string {
  return text.slice(r.start, r.end);
}

/** Shows the text with `[[...]]` around each range (inverse of `marked`), for comparing edit ranges at a glance. */
export function showRanges(text: string, ranges: readonly Range[]): string {
  const points: { at: number; mark: string }[] = [];
  for (const r of ranges) points.push({ at: r.start, mark: '[[' }, { at: r.end, mark: ']]' });
  points.sort((a, b) => a.at - b.at || (a.mark === ']]' ? -1 : 1));
  let out = '';
  let last = 0;
  for (const p of points) {
    out += text.slice(last, p.at) + p.mark;
    last = p.at;
  }
  return out + text.slice(last);
}
