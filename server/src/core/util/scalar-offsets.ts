import type { Range } from '../types';

/**
 * Maps a span of a scalar's value to a range in the source text. Exact for plain scalars and
 * single-line quoted scalars without escapes; otherwise finds the span's text in the node's source,
 * falling back to the whole node.
 */
export function rangeInScalar(text: string, node: Range, value: string, index: number, length: number): Range {
  const raw = text.slice(node.start, node.end);
  if (raw === value) return { start: node.start + index, end: node.start + index + length };
  const q = raw[0];
  if ((q === '"' || q === "'") && raw.slice(1, -1) === value) {
    return { start: node.start + 1 + index, end: node.start + 1 + index + length };
  }
  const piece = value.slice(index, index + length);
  if (piece.length > 0) {
    // Count which occurrence of `piece` in `value` this is, and find the same occurrence in the source.
    let nth = 0;
    for (let i = value.indexOf(piece); i >= 0 && i < index; i = value.indexOf(piece, i + 1)) nth++;
    let at = -1;
    for (let k = 0, from = 0; k <= nth; k++) {
      at = raw.indexOf(piece, from);
      if (at < 0) break;
      from = at + 1;
    }
    if (at >= 0) return { start: node.start + at, end: node.start + at + piece.length };
  }
  return node;
}
