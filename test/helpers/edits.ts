import type { TextEdit } from '../../server/src/core/types';

/** `text` with the edits applied (their ranges are offsets of the original text; applied back to front). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
