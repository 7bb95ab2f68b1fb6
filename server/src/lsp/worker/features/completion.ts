import type { CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import { complete, type CompletionKind } from '../../../core/features';
import { toLspRange } from '../../shared/convert';
import type { Snapshot } from '../worker-documents';

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  template: CompletionItemKind.Function,
  task: CompletionItemKind.Reference,
  variable: CompletionItemKind.Variable,
  snippet: CompletionItemKind.Snippet,
  reference: CompletionItemKind.Module,
  parameter: CompletionItemKind.Field,
};

/** Completion at the cursor, from the analysis of this version. */
export function completion(s: Snapshot, params: CompletionParams): CompletionList {
  const offset = s.doc.offsetAt(params.position);
  const items: CompletionItem[] = complete(s.text, s.analysis, offset, s.workspace).map((e) => ({
    label: e.label,
    kind: COMPLETION_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toLspRange(s.doc, e.replace), newText: e.insertText },
    sortText: e.sortText,
    filterText: e.label,
  }));
  return { isIncomplete: false, items };
}
