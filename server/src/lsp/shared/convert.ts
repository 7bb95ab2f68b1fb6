import type { Diagnostic, Range as LspRange } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Range, Severity } from '../../core/types';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspRange(doc: TextDocument, r: Range): LspRange {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: toLspRange(doc, f.range),
    severity: SEVERITY[f.severity],
    code: f.code,
    source: 'argo-studio',
    message: f.message,
    relatedInformation: f.related?.map((r) => ({ message: r.message, location: { uri: doc.uri, range: toLspRange(doc, r.range) } })),
  };
}
