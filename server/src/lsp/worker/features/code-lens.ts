import type { CodeLens } from 'vscode-languageserver';
import { ELK_MAX_NODES } from '../../../core/graph';
import type { Snapshot } from '../worker-documents';

export const OPEN_GRAPH_COMMAND = 'argoStudio.openGraph';

/** True when a template of the document is small enough to be drawn with ELK (which is worth warming). */
export function hasSmallGraph(s: Snapshot): boolean {
  return s.analysis.documents.some((d) =>
    (d.model?.spec?.templates ?? []).some(
      (t) => (t.dag && t.dag.tasks.length <= ELK_MAX_NODES) || (t.steps && t.steps.reduce((n, g) => n + g.steps.length, 0) <= ELK_MAX_NODES),
    ),
  );
}

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
