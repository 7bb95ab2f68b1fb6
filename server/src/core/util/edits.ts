import type { Range, TextEdit } from '../types';

/** Offset of the line end (its `\n`, or the end of the text) at or after `offset`. */
export function endOfLine(text: string, offset: number): number {
  const e = text.indexOf('\n', offset);
  return e < 0 ? text.length : e;
}

/**
 * An edit that removes one item of a YAML list: the whole `- item` line in a block list,
 * or the item and one neighbouring comma in a flow list `[a, b]`.
 */
export function removeListItem(text: string, item: Range): TextEdit {
  const lineStart = text.lastIndexOf('\n', item.start - 1) + 1;
  let lineEnd = text.indexOf('\n', item.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(lineStart, item.start);
  const after = text.slice(item.end, lineEnd);
  if (/^\s*-\s+$/.test(before) && /^\s*(#.*)?\r?$/.test(after)) {
    return { range: { start: lineStart, end: Math.min(text.length, lineEnd + 1) }, newText: '' };
  }
  // Flow list: take the following ", " or else the preceding ", ".
  const next = /^\s*,\s*/.exec(text.slice(item.end, item.end + 50));
  if (next) return { range: { start: item.start, end: item.end + next[0].length }, newText: '' };
  const prev = /,\s*$/.exec(text.slice(Math.max(0, item.start - 50), item.start));
  if (prev) return { range: { start: item.start - prev[0].length, end: item.end }, newText: '' };
  return { range: item, newText: '' };
}
