import type { CodeActionParams } from 'vscode-languageserver';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allTemplates, YamlAccess } from '../../../core/model';
import { argoAccepts } from '../../../core/policy';
import { dependenciesToDependsFix } from '../../../core/rules';
import type { Finding } from '../../../core/types';
import { toLspRange } from '../../shared/convert';
import type { Snapshot } from '../worker-documents';

/**
 * Quick fixes for our diagnostics (computed by the core), then "disable this rule on this line" for
 * the rules that are stricter than Argo only (silencing what Argo rejects is never a fix), last and
 * never preferred.
 */
export function codeActions(s: Snapshot, params: CodeActionParams): CodeAction[] {
  const doc = s.doc;
  const findings = s.analysis.findings;
  const ours = params.context.diagnostics.filter((d) => d.source === 'argo-studio' && typeof d.code === 'string');
  const actions: CodeAction[] = [];
  const disables: CodeAction[] = [];
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
    if (argoAccepts(finding.code)) disables.push(disableForLine(doc, diag, finding.code));
  }
  actions.push(...disables, ...refactorings(s, params));
  return actions;
}

/** Refactorings at the cursor: convert a task's `dependencies` to `depends`. */
function refactorings(s: Snapshot, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k.startsWith('refactor'))) return [];
  const offset = s.doc.offsetAt(params.range.start);
  for (const d of s.analysis.documents) {
    if (!d.model || offset < d.parsed.range.start || offset > d.parsed.range.end) continue;
    const y = new YamlAccess(d.parsed.doc, s.analysis.file.toOriginal);
    for (const t of allTemplates(d.model.spec)) {
      const task = t.dag?.tasks.find((x) => x.range.start <= offset && offset <= x.range.end);
      const fix = task ? dependenciesToDependsFix(y, task) : undefined;
      if (fix) {
        return [
          {
            title: fix.title,
            kind: CodeActionKind.RefactorRewrite,
            edit: { changes: { [s.uri]: fix.edits.map((e) => ({ range: toLspRange(s.doc, e.range), newText: e.newText })) } },
          },
        ];
      }
    }
  }
  return [];
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
    edit: {
      changes: {
        [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# argo-studio-disable-next-line ${code}\n` }],
      },
    },
  };
}
