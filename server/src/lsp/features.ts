import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CompletionItemKind,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  type CompletionItem,
  type Connection,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../core/analyze';
import { complete, type CompletionKind } from '../core/features/complete';
import { foldingRanges } from '../core/features/folding';
import { hover } from '../core/features/hover';
import { definitionsOf, invalidNewName, sameSymbol } from '../core/features/navigation';
import { collectOccurrences, occurrenceAt, type Occurrence } from '../core/features/occurrences';
import { documentSymbols, type OutlineSymbol } from '../core/features/symbols';
import { toLspRange } from './convert';
import type { DocumentStore } from './document-store';
import type { WorkspaceFiles } from './workspace-files';

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

const OUTLINE_KIND: Record<OutlineSymbol['kind'], SymbolKind> = {
  document: SymbolKind.File,
  template: SymbolKind.Function,
  task: SymbolKind.Method,
  step: SymbolKind.Method,
  group: SymbolKind.Array,
  parameter: SymbolKind.Variable,
};

/** Completion, hover, definition, references, rename, symbols and folding over the cached analysis. */
export function registerFeatures(connection: Connection, store: DocumentStore, workspace: WorkspaceFiles): void {
  const ws = (): ReturnType<WorkspaceFiles['index']> => workspace.index();

  connection.onCompletion((params) => {
    const doc = store.get(params.textDocument.uri);
    if (!doc) return [];
    const offset = doc.offsetAt(params.position);
    const items: CompletionItem[] = complete(doc.getText(), store.analysis(doc.uri), offset, ws()).map((e) => ({
      label: e.label,
      kind: COMPLETION_KIND[e.kind],
      detail: e.detail,
      documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: toLspRange(doc, e.replace), newText: e.insertText },
      sortText: e.sortText,
      filterText: e.label,
    }));
    return { isIncomplete: false, items };
  });

  connection.onHover((params) => {
    const doc = store.get(params.textDocument.uri);
    const analysis = store.analysis(params.textDocument.uri);
    if (!doc || !analysis) return null;
    const h = hover(doc.getText(), analysis, doc.offsetAt(params.position), ws());
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toLspRange(doc, h.range) } : null;
  });

  const targetAt = (uri: string, position: { line: number; character: number }): { doc: TextDocument; occurrences: Occurrence[]; target: Occurrence } | undefined => {
    const doc = store.get(uri);
    const analysis = store.analysis(uri);
    if (!doc || !analysis) return undefined;
    const occurrences = collectOccurrences(doc.getText(), analysis);
    const target = occurrenceAt(occurrences, doc.offsetAt(position));
    return target ? { doc, occurrences, target } : undefined;
  };

  /** Occurrences of a cross-file symbol (WorkflowTemplates and their templates) in other files. */
  const elsewhere = (uri: string, target: Occurrence): Location[] => {
    if (target.kind !== 'workflow-template' && target.kind !== 'ref-template' && !target.keys.some((k) => k.startsWith('ref-template:'))) return [];
    const keys = new Set(target.keys.filter((k) => k.startsWith('workflow-template:') || k.startsWith('ref-template:')));
    if (keys.size === 0) return [];
    const out: Location[] = [];
    for (const other of workspace.files()) {
      if (other === uri) continue;
      const open = store.get(other);
      let text: string;
      try {
        text = open ? open.getText() : readFileSync(fileURLToPath(other), 'utf8');
      } catch {
        continue;
      }
      if (!text.includes(target.name)) continue;
      const otherDoc = open ?? TextDocument.create(other, 'yaml', 0, text);
      for (const o of collectOccurrences(text, analyzeText(text))) {
        if (o.keys.some((k) => keys.has(k))) out.push({ uri: other, range: toLspRange(otherDoc, o.range) });
      }
    }
    return out;
  };

  connection.onDefinition((params) => {
    const at = targetAt(params.textDocument.uri, params.position);
    if (!at) return null;
    const local = definitionsOf(at.occurrences, at.target).filter((o) => o !== at.target);
    if (local.length) return local.map((o) => ({ uri: at.doc.uri, range: toLspRange(at.doc, o.range) }));
    if (at.target.kind === 'workflow-template' || at.target.kind === 'ref-template') {
      const [, kind, wtName, tpl] = at.target.keys[0].split(':');
      const wt = ws().find(wtName, kind === 'ClusterWorkflowTemplate');
      if (!wt) return null;
      const fileDoc = store.get(wt.uri) ?? safeDoc(wt.uri);
      if (!fileDoc) return null;
      const range = at.target.kind === 'ref-template' ? (wt.templates.find((t) => t.name === tpl)?.range ?? wt.nameRange) : wt.nameRange;
      return { uri: wt.uri, range: toLspRange(fileDoc, range) };
    }
    return null;
  });

  connection.onReferences((params) => {
    const at = targetAt(params.textDocument.uri, params.position);
    if (!at) return [];
    const local = sameSymbol(at.occurrences, at.target).filter((o) => params.context.includeDeclaration || !o.definition);
    return [...local.map((o) => ({ uri: at.doc.uri, range: toLspRange(at.doc, o.range) })), ...elsewhere(at.doc.uri, at.target)];
  });

  connection.onPrepareRename((params) => {
    const at = targetAt(params.textDocument.uri, params.position);
    if (!at) return null;
    return { range: toLspRange(at.doc, at.target.range), placeholder: at.target.name };
  });

  connection.onRenameRequest((params): WorkspaceEdit | ResponseError => {
    const at = targetAt(params.textDocument.uri, params.position);
    if (!at) return new ResponseError(0, 'Nothing to rename here: put the cursor on a template, task, step, parameter or WorkflowTemplate name.');
    const bad = invalidNewName(at.target.kind, params.newName);
    if (bad) return new ResponseError(0, bad);
    const changes: Record<string, { range: ReturnType<typeof toLspRange>; newText: string }[]> = {};
    changes[at.doc.uri] = sameSymbol(at.occurrences, at.target).map((o) => ({ range: toLspRange(at.doc, o.range), newText: params.newName }));
    for (const loc of elsewhere(at.doc.uri, at.target)) (changes[loc.uri] ??= []).push({ range: loc.range, newText: params.newName });
    return { changes };
  });

  connection.onDocumentSymbol((params) => {
    const doc = store.get(params.textDocument.uri);
    const analysis = store.analysis(params.textDocument.uri);
    if (!doc || !analysis) return [];
    const convert = (s: OutlineSymbol): DocumentSymbol => DocumentSymbol.create(s.name || '?', s.detail, OUTLINE_KIND[s.kind], toLspRange(doc, s.range), toLspRange(doc, s.selectionRange), s.children.map(convert));
    return documentSymbols(analysis).map(convert);
  });

  connection.onFoldingRanges((params) => {
    const doc = store.get(params.textDocument.uri);
    const analysis = store.analysis(params.textDocument.uri);
    if (!doc || !analysis) return [];
    return foldingRanges(analysis)
      .map((r) => ({ startLine: doc.positionAt(r.start).line, endLine: doc.positionAt(Math.max(r.start, r.end - 1)).line }))
      .filter((r) => r.endLine > r.startLine);
  });
}

function safeDoc(uri: string): TextDocument | undefined {
  try {
    return TextDocument.create(uri, 'yaml', 0, readFileSync(fileURLToPath(uri), 'utf8'));
  } catch {
    return undefined;
  }
}
