import type { Finding, Range, RelatedInfo } from '../types';
import { alignLines, linesOf, matcherOf, type Line } from './align-lines';
import { scanActions } from './template-actions';

/**
 * Places findings on rendered output (`helm template --show-only`) onto the template's lines: each
 * rendered line is matched to the template line it came from (literal lines exactly, lines with actions
 * by their literal parts), in order, going back for the bodies of `range`. A finding on a line that no
 * template line wrote (text from include, toYaml, values) goes on the first line of its document and
 * says "in rendered output". `masked` findings of the same code and place lend their quick fixes.
 */
export function mapRenderedFindings(
  template: string,
  rendered: string,
  findings: readonly Finding[],
  docStarts: readonly number[],
  masked: readonly Finding[],
): Finding[] {
  if (findings.length === 0) return [];
  const tLines = linesOf(template);
  const rLines = linesOf(rendered);
  const matchers = tLines.map((l) => matcherOf(l.text));
  const lineOfRendered = alignLines(rLines, tLines, matchers);
  const writers = tLines.map((l, i) => matchers[i] === undefined && scanActions(l.text).some((a) => a.kind === 'output'));
  // The rendered document of each rendered line (documents start at `---`).
  const docOfLine: number[] = [];
  let docs = -1;
  for (const l of rLines) {
    if (/^---\s*$/.test(l.text)) docs++;
    docOfLine.push(Math.max(0, docs));
  }
  const lineIndexAt = (lines: readonly Line[], offset: number): number => {
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const place = (range: Range): Range | undefined => {
    const r = lineIndexAt(rLines, range.start);
    const t = lineOfRendered[r];
    if (t === undefined) return undefined;
    const rLine = rLines[r];
    const tLine = tLines[t];
    const col = range.start - rLine.start;
    const len = Math.max(1, Math.min(range.end, rLine.start + rLine.text.length) - range.start);
    if (matchers[t]?.literal) return { start: tLine.start + col, end: tLine.start + Math.min(tLine.text.length, col + len) };
    const piece = rLine.text.slice(col, col + len);
    const at = piece.trim() === '' ? -1 : tLine.text.indexOf(piece);
    if (at >= 0) return { start: tLine.start + at, end: tLine.start + at + piece.length };
    const indent = tLine.text.length - tLine.text.trimStart().length;
    return { start: tLine.start + indent, end: tLine.start + tLine.text.trimEnd().length };
  };
  return findings.map((f) => {
    const range = place(f.range);
    const related = f.related?.flatMap((r): RelatedInfo[] => {
      const to = place(r.range);
      return to ? [{ message: r.message, range: to }] : [];
    });
    if (range) {
      const twin = masked.find((m) => m.code === f.code && m.range.start === range.start && m.range.end === range.end);
      return { ...f, range, related, fixes: twin?.fixes };
    }
    const r = lineIndexAt(rLines, f.range.start);
    const where = `in rendered output, line ${r + 1}: ${rLines[r].text.trim()}`;
    const writer = soleWriter(lineOfRendered, writers, r);
    if (writer !== undefined) {
      const line = tLines[writer];
      const indent = line.text.length - line.text.trimStart().length;
      return {
        ...f,
        message: `${f.message} (written by this line; ${where})`,
        range: { start: line.start + indent, end: line.start + line.text.trimEnd().length },
        related,
        fixes: undefined,
      };
    }
    const doc = docOfLine[r];
    const start = docStarts[Math.min(doc, docStarts.length - 1)] ?? 0;
    const firstLine = tLines[lineIndexAt(tLines, start)];
    const end = firstLine.start + Math.max(1, firstLine.text.trimEnd().length);
    return {
      ...f,
      message: `${f.message} (${where})`,
      range: { start: firstLine.start, end },
      related,
      fixes: undefined,
    };
  });
}

/** The one template line between the template lines of the mapped rendered lines around `r` that writes text of its own (an include, toYaml), if exactly one does. */
function soleWriter(lineOfRendered: readonly (number | undefined)[], writers: readonly boolean[], r: number): number | undefined {
  let before = -1;
  for (let i = r - 1; i >= 0; i--) {
    const t = lineOfRendered[i];
    if (t !== undefined) {
      before = t;
      break;
    }
  }
  let after = writers.length;
  for (let i = r + 1; i < lineOfRendered.length; i++) {
    const t = lineOfRendered[i];
    if (t !== undefined && t > before) {
      after = t;
      break;
    }
  }
  const between: number[] = [];
  for (let t = before + 1; t < after; t++) if (writers[t]) between.push(t);
  return between.length === 1 ? between[0] : undefined;
}
