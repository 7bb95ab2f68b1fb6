import type { Analysis } from '../analyze';
import { allTemplates, callsOf } from '../model/walk';
import type { Range } from '../types';

/** Foldable regions: documents, templates, tasks and steps (the editor folds YAML blocks by indentation too). */
export function foldingRanges(analysis: Analysis): Range[] {
  const out: Range[] = [];
  for (const d of analysis.documents) {
    const m = d.model;
    if (!m) continue;
    out.push(m.range);
    for (const t of allTemplates(m.spec)) {
      out.push(t.range);
      for (const c of callsOf(t)) out.push(c.range);
      for (const g of t.steps ?? []) out.push(g.range);
    }
  }
  return out;
}
