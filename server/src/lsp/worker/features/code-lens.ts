import type { CodeLens } from 'vscode-languageserver';
import type { Snapshot } from '../worker-documents';

export const OPEN_GRAPH_COMMAND = 'argoStudio.openGraph';

/** "Open graph" above each named DAG/steps template of each Argo document. */
export function graphCodeLenses(s: Snapshot): CodeLens[] {
  return s.memo('codeLens', () => {
    const lenses: CodeLens[] = [];
    for (const d of s.analysis.documents) {
      for (const t of d.model?.spec?.templates ?? []) {
        if (!t.name || (t.type !== 'dag' && t.type !== 'steps')) continue;
        lenses.push({
          range: { start: s.doc.positionAt(t.name.range.start), end: s.doc.positionAt(t.name.range.end) },
          command: { title: 'Open graph', command: OPEN_GRAPH_COMMAND, arguments: [s.uri, t.name.value, d.parsed.index] },
        });
      }
    }
    return lenses;
  });
}
