import { DocumentSymbol, SymbolKind, type FoldingRange } from 'vscode-languageserver-types';
import { documentSymbols as outlineOf, foldingRanges, type OutlineSymbol } from '../../../core/features';
import { toLspRange } from '../../shared/convert';
import type { Snapshot } from '../worker-documents';

const OUTLINE_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  document: SymbolKind.File,
  template: SymbolKind.Function,
  task: SymbolKind.Method,
  step: SymbolKind.Method,
  group: SymbolKind.Array,
  parameter: SymbolKind.Variable,
};

/** The outline: templates, tasks, step groups, steps, parameters. */
export function documentSymbols(s: Snapshot): DocumentSymbol[] {
  return s.memo('documentSymbol', () => {
    const convert = (o: OutlineSymbol): DocumentSymbol =>
      DocumentSymbol.create(
        o.name || '?',
        o.detail,
        OUTLINE_KIND[o.kind],
        toLspRange(s.doc, o.range),
        toLspRange(s.doc, o.selectionRange),
        o.children.map(convert),
      );
    return outlineOf(s.analysis).map(convert);
  });
}

/** Folding ranges of mappings and sequences that span lines. */
export function folding(s: Snapshot): FoldingRange[] {
  return s.memo('foldingRange', () =>
    foldingRanges(s.analysis)
      .map((r) => ({ startLine: s.doc.positionAt(r.start).line, endLine: s.doc.positionAt(Math.max(r.start, r.end - 1)).line }))
      .filter((r) => r.endLine > r.startLine),
  );
}
