import type { TextDocumentPositionParams } from 'vscode-languageserver';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { hover as hoverAt } from '../../../core/features';
import { toLspRange } from '../../shared/convert';
import type { Snapshot } from '../worker-documents';

/** Hover at the cursor: schema descriptions, templates, variables. */
export function hover(s: Snapshot, params: TextDocumentPositionParams): Hover | null {
  const h = hoverAt(s.text, s.analysis, s.doc.offsetAt(params.position), s.workspace);
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toLspRange(s.doc, h.range) } : null;
}
