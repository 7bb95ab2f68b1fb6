import type { TextDocumentPositionParams } from 'vscode-languageserver';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { hover as hoverAt } from '../../../core/features';
import { helmInfoOf } from '../../../core/helm';
import { toLspRange } from '../../shared/convert';
import type { Snapshot } from '../worker-documents';

/** Hover at the cursor: schema descriptions, templates, variables; on a Helm template's first line, how it is checked. */
export function hover(s: Snapshot, params: TextDocumentPositionParams): Hover | null {
  const h = hoverAt(s.text, s.analysis, s.doc.offsetAt(params.position), s.workspace);
  const helm = params.position.line === 0 ? helmInfoOf(s.analysis) : undefined;
  if (helm) {
    const mode = `**Helm (${helm.mode} mode)**: ${helm.summary}`;
    return { contents: { kind: MarkupKind.Markdown, value: h ? `${mode}\n\n---\n\n${h.markdown}` : mode }, range: h ? toLspRange(s.doc, h.range) : undefined };
  }
  return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toLspRange(s.doc, h.range) } : null;
}
