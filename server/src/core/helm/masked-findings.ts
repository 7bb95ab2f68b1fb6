import { isMap, isSeq, type Node } from 'yaml';
import type { AnalyzedDocument } from '../analyze';
import type { Finding, Range } from '../types';
import { ABSENCE_CODES } from './absence-codes';
import type { MaskedTemplate } from './mask-template';
import { unsureReferenceCodes } from './masked-names';
import { collectionAt, pathAt } from './yaml-nodes';

/** Findings about duplicates, which both branches of an `if` (or one body of a `range`) can cause. */
const DUPLICATE_CODES = new Set(['duplicate-key', 'duplicate-template-name', 'duplicate-task-name', 'duplicate-step-name', 'duplicate-parameter-name']);

const overlaps = (a: Range, b: Range): boolean => a.start < b.end && b.start < a.end;
const inside = (a: Range, b: Range): boolean => a.start >= b.start && a.start < b.end;

/**
 * The findings of one masked document that do not depend on what Helm would write: none that touch a
 * placeholder, no missing field where an include or toYaml may supply it, no duplicate inside an if or
 * range body, no unknown name where names come from values, and no YAML syntax error on a line with
 * template actions.
 */
export function keepMaskedFindings(d: AnalyzedDocument, masked: MaskedTemplate, text: string): Finding[] {
  const root = d.parsed.doc.contents;
  const opaque = new Set<Node>();
  for (const m of masked.masks) {
    if (!m.block) continue;
    const c = collectionAt(root, m.start);
    if (c) opaque.add(c);
  }
  const unsure = unsureReferenceCodes(root, masked.masks);
  const actionLines = linesWithActions(text, masked);
  return d.findings.filter((f) => {
    if (overlapsAny(masked.masks, f.range)) return false;
    if (f.code === 'yaml-syntax' && actionLines.some((l) => overlaps(f.range, l) || inside(f.range, l))) return false;
    if (DUPLICATE_CODES.has(f.code) && masked.blocks.some((b) => inside(f.range, b))) return false;
    if (unsure.has(f.code)) return false;
    if (ABSENCE_CODES.has(f.code) && opaque.size > 0) {
      const path = pathAt(root, f.range.start)
        .map((s) => s.node)
        .filter((n) => isMap(n) || isSeq(n));
      const near = path.slice(-2);
      const last = pathAt(root, f.range.start).pop();
      if (last && !isMap(last.node) && !isSeq(last.node)) {
        // On a key: the value of that key counts too (image-required sits on `container:`).
        const value = valueOfKeyAt(path[path.length - 1], f.range.start);
        if (value && (isMap(value) || isSeq(value))) near.push(value);
      }
      if (near.some((n) => opaque.has(n as Node))) return false;
    }
    return true;
  });
}

/** True when `r` overlaps one of `spans` (disjoint, in text order): a binary search for the last span starting before its end. */
function overlapsAny(spans: readonly Range[], r: Range): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < Math.max(r.end, r.start + 1)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && overlaps(spans[found], { start: r.start, end: Math.max(r.end, r.start + 1) });
}

function valueOfKeyAt(map: Node | undefined, offset: number): Node | undefined {
  if (!map || !isMap(map)) return undefined;
  for (const item of map.items) {
    const k = item.key as Node | null;
    if (k?.range && offset >= k.range[0] && offset < k.range[1]) return (item.value as Node | null) ?? undefined;
  }
  return undefined;
}

/** The lines (with their line break) that hold a template action. */
function linesWithActions(text: string, masked: MaskedTemplate): Range[] {
  const spans: Range[] = [...masked.masks, ...masked.blocks.flatMap((b) => [b, { start: b.end - 1, end: b.end }])];
  const out: Range[] = [];
  for (const s of spans) {
    const start = text.lastIndexOf('\n', s.start - 1) + 1;
    const e = text.indexOf('\n', s.start);
    out.push({ start, end: e < 0 ? text.length : e + 1 });
  }
  return out;
}
