import type { Diagnostic } from 'vscode-languageserver';
import { indexDocument, type IndexedWorkflowTemplate } from '../../../core/workspace';
import { toDiagnostic } from '../../shared/convert';
import type { DiagnosticsResult } from '../../shared/messages';
import type { Snapshot } from '../worker-documents';

/** The diagnostics of this version, whether it holds Argo documents, and the WorkflowTemplates it defines. */
export function diagnostics(s: Snapshot): DiagnosticsResult {
  return s.memo('diagnostics', () => {
    const list: Diagnostic[] = s.analysis.findings.map((f) => toDiagnostic(s.doc, f));
    const templates: IndexedWorkflowTemplate[] = [];
    for (const d of s.analysis.documents) {
      const e = d.model ? indexDocument(d.model, s.uri) : undefined;
      if (e) templates.push(e);
    }
    return { diagnostics: list, hasArgo: s.analysis.hasArgo, templates };
  });
}
