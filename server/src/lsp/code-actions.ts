import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import { toLspRange } from './convert';
import type { DocumentStore } from './document-store';

/** Quick fixes for our diagnostics (computed by the core), plus "disable this rule on this line". */
export function provideCodeActions(store: DocumentStore, params: CodeActionParams): CodeAction[] {
  const doc = store.get(params.textDocument.uri);
  if (!doc) return [];
  const findings = store.findings(params.textDocument.uri);
  const ours = params.context.diagnostics.filter((d) => d.source === 'argo-studio' && typeof d.code === 'string');
  const actions: CodeAction[] = [];
  for (const diag of ours) {
    const finding = findings.find((f) => f.code === diag.code && sameRange(doc, f, diag));
    if (!finding) continue;
    for (const fix of finding.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: fix.preferred === true,
        edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toLspRange(doc, e.range), newText: e.newText })) } },
      });
    }
    actions.push(disableForLine(doc, diag, finding.code));
  }
  return actions;
}

function sameRange(doc: TextDocument, f: Finding, d: Diagnostic): boolean {
  return doc.offsetAt(d.range.start) === f.range.start && doc.offsetAt(d.range.end) === f.range.end;
}

function disableForLine(doc: TextDocument, diag: Diagnostic, code: string): CodeAction {
  const line = diag.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line, character: 10_000 } });
  const indent = /^\s*/.exec(lineText)?.[0] ?? '';
  return {
    title: `Disable ${code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# argo-studio-disable-next-line ${code}\n` }] } },
  };
}
