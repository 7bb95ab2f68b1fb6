import type { Range } from '../types';

/** Maps a span of a scalar's value (offset, length) to a range in the source text. */
export type ScalarMapper = (index: number, length: number) => Range;

/** Characters (other than white space) skipped at most when looking for the source of a value character. */
const LOOKAHEAD = 16;
/** Characters scanned at most for one value character. */
const SCAN_LIMIT = 512;

/**
 * A mapper from spans of a scalar's value to source ranges, computed once per scalar (lazily) and
 * linear in its length: exact for plain scalars and single-line quoted scalars without escapes
 * (offsets shift by the quote); otherwise each value character is aligned with its source character
 * (escapes, `''`, folded line breaks and block indentation skipped). Use one mapper for all the
 * spans of one scalar.
 */
export function scalarMapper(text: string, node: Range, value: string): ScalarMapper {
  let map: ((index: number, length: number) => Range) | undefined;
  return (index, length) => {
    map ??= buildMapper(text, node, value);
    return map(index, length);
  };
}

/** One span (prefer `scalarMapper` for several spans of one scalar: this one is linear per call). */
export function rangeInScalar(text: string, node: Range, value: string, index: number, length: number): Range {
  return scalarMapper(text, node, value)(index, length);
}

/** Counts the work of building mappers (tests guard the complexity with it): scalars and their source characters. */
export const scalarOffsetStats = { mappers: 0, chars: 0 };

function buildMapper(text: string, node: Range, value: string): (index: number, length: number) => Range {
  const raw = text.slice(node.start, node.end);
  scalarOffsetStats.mappers++;
  scalarOffsetStats.chars += raw.length;
  const shifted =
    (by: number) =>
    (index: number, length: number): Range => ({ start: node.start + by + index, end: node.start + by + index + length });
  if (raw === value) return shifted(0);
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.length === value.length + 2 && raw.slice(1, -1) === value) return shifted(1);
  const { starts, ends } = align(raw, value);
  return (index, length) => {
    if (value.length === 0 || index < 0 || index > value.length) return node;
    const i = Math.min(index, value.length - 1);
    const last = Math.min(value.length - 1, index + Math.max(0, length - 1));
    const start = index >= value.length ? ends[value.length - 1] : starts[i];
    const end = length <= 0 ? start : Math.max(start, ends[last]);
    return { start: node.start + start, end: node.start + end };
  };
}

/** For each value character, where its source starts and ends in `raw`. Linear. */
export function align(raw: string, value: string): { starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(value.length);
  const ends = new Int32Array(value.length);
  const quote = raw[0] === '"' || raw[0] === "'" ? raw[0] : undefined;
  let j = 0;
  if (quote) j = 1;
  else if (raw[0] === '|' || raw[0] === '>') {
    const nl = raw.indexOf('\n');
    j = nl < 0 ? raw.length : nl + 1;
  }
  for (let i = 0; i < value.length; i++) {
    if (quote === '"') j = skipEscapedBreaks(raw, j);
    if (quote === '"' && raw[j] === '\\') {
      const len = escapeLength(raw, j);
      starts[i] = j;
      ends[i] = j + len;
      const code = value.codePointAt(i) ?? 0;
      if (code > 0xffff && i + 1 < value.length) {
        starts[i + 1] = j;
        ends[i + 1] = j + len;
        i++;
      }
      j += len;
      continue;
    }
    const c = value[i];
    const k = find(raw, c, j);
    if (k < 0) {
      starts[i] = j;
      ends[i] = j;
      continue;
    }
    starts[i] = k;
    const doubled = quote === "'" && c === "'" && raw[k + 1] === "'";
    ends[i] = doubled ? k + 2 : k + 1;
    j = ends[i];
  }
  return { starts, ends };
}

/** Where `c` is at or after `from`, skipping white space and a few other characters; -1 when not near. */
function find(raw: string, c: string, from: number): number {
  let skipped = 0;
  const limit = Math.min(raw.length, from + SCAN_LIMIT);
  for (let k = from; k < limit; k++) {
    const r = raw[k];
    if (r === c) return k;
    if (r !== ' ' && r !== '\t' && r !== '\n' && r !== '\r' && ++skipped > LOOKAHEAD) return -1;
  }
  return -1;
}

/** After `\` + line break (+ indentation) in a double-quoted scalar: that produces no character. */
function skipEscapedBreaks(raw: string, j: number): number {
  let at = j;
  while (raw[at] === '\\' && (raw[at + 1] === '\n' || raw[at + 1] === '\r')) {
    at += raw[at + 1] === '\r' && raw[at + 2] === '\n' ? 3 : 2;
    while (raw[at] === ' ' || raw[at] === '\t') at++;
  }
  return at;
}

function escapeLength(raw: string, j: number): number {
  const e = raw[j + 1];
  if (e === 'x') return 4;
  if (e === 'u') return 6;
  if (e === 'U') return 10;
  return 2;
}
