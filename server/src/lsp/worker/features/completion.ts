import type { CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
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
  const items: CompletionItem[] = complete(s.text, s.analysis, offset, s.workspace).map((e) => {
    // The editor indents every inserted line after the first by the leading white space of the line
    // the item is accepted on (insert mode `adjustIndentation`); the core's text is absolute, so the
    // continuation lines go relative to that line here.
    const newText = relativeToLine(e.insertText, leadingWhiteSpace(s.text, e.replace.start));
    return {
      label: e.label,
      kind: COMPLETION_KIND[e.kind],
      detail: e.detail,
      documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      insertTextMode: InsertTextMode.adjustIndentation,
      textEdit: e.insert
        ? { newText, insert: toLspRange(s.doc, e.insert), replace: toLspRange(s.doc, e.replace) }
        : { range: toLspRange(s.doc, e.replace), newText },
      sortText: e.sortText,
      filterText: e.label,
    };
  });
  return { isIncomplete: false, items };
}

/** The white space that starts the line holding `offset`, up to `offset`. */
export function leadingWhiteSpace(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  let i = lineStart;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(lineStart, i);
}

/** `text` with `indent` taken off the start of every line after the first (lines that do not start with it are kept). */
export function relativeToLine(text: string, indent: string): string {
  if (!indent || !text.includes('\n')) return text;
  return text
    .split('\n')
    .map((line, i) => (i > 0 && line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}
