import { maskTemplate } from '../helm/mask-template';
import { hasHelmActions } from '../helm/template-actions';
import { buildModel } from '../model/build-model';
import { parseFile } from '../parse/parse-file';
import { MapWorkspaceIndex, indexDocument, type IndexedWorkflowTemplate } from './template-summary';

const MAY_HOLD_TEMPLATES = /^kind:\s*["']?(Cluster)?WorkflowTemplate\b/m;

/**
 * The WorkflowTemplates and ClusterWorkflowTemplates of one text (cheap for texts without any). A Helm
 * chart template is read masked (same offsets): its literal names are indexed, templated ones are not usable.
 */
export function indexText(uri: string, text: string): IndexedWorkflowTemplate[] {
  if (!MAY_HOLD_TEMPLATES.test(text)) return [];
  try {
    const file = parseFile(hasHelmActions(text) ? maskTemplate(text).text : text);
    const out: IndexedWorkflowTemplate[] = [];
    for (const d of file.documents) {
      const m = buildModel(d, file.toOriginal);
      const e = m ? indexDocument(m, uri) : undefined;
      if (e) out.push(e);
    }
    return out;
  } catch {
    return [];
  }
}

/** An index over many texts (the CLI's files, like `argo lint --offline` over a directory). */
export function indexTexts(entries: Iterable<{ readonly uri: string; readonly text: string }>): MapWorkspaceIndex {
  const index = new MapWorkspaceIndex();
  for (const e of entries) for (const t of indexText(e.uri, e.text)) index.add(t);
  return index;
}
