import { analyzeText } from '../analyze';
import type { Range } from '../types';
import type { WorkspaceIndex } from '../workspace/template-summary';
import { collectOccurrences, type Occurrence } from './occurrences';
import { decodeSymbolKey, isCrossFileKey } from './symbol-key';

/** Reads another file of the workspace (an open document's text, or the file); undefined when it cannot. */
export type ReadFile = (uri: string) => string | undefined;

export interface FileOccurrence {
  readonly uri: string;
  /** The text the range is in (for converting it to a position). */
  readonly text: string;
  readonly range: Range;
}

/** True when the symbol can be used from other files (WorkflowTemplates and their templates). */
export function isCrossFile(target: Occurrence): boolean {
  return target.keys.some(isCrossFileKey);
}

/** Occurrences of a cross-file symbol in the other files (those that mention its name at all). */
export function occurrencesElsewhere(target: Occurrence, uri: string, others: readonly string[], read: ReadFile): FileOccurrence[] {
  if (!isCrossFile(target)) return [];
  const keys = new Set(target.keys.filter(isCrossFileKey));
  if (keys.size === 0) return [];
  const out: FileOccurrence[] = [];
  for (const other of others) {
    if (other === uri) continue;
    const text = read(other);
    if (text === undefined || !text.includes(target.name)) continue;
    for (const o of collectOccurrences(text, analyzeText(text))) {
      if (o.keys.some((k) => keys.has(k))) out.push({ uri: other, text, range: o.range });
    }
  }
  return out;
}

/** Where a WorkflowTemplate (or one of its templates) used here is defined, from the workspace index. */
export function crossFileDefinition(target: Occurrence, workspace: WorkspaceIndex): { uri: string; range: Range } | undefined {
  if (target.kind !== 'workflow-template' && target.kind !== 'ref-template') return undefined;
  const key = decodeSymbolKey(target.keys[0]);
  if (key?.kind !== 'workflow-template' && key?.kind !== 'ref-template') return undefined;
  const wt = workspace.find(key.kind === 'workflow-template' ? key.name : key.workflowTemplate, key.templateKind === 'ClusterWorkflowTemplate');
  if (!wt) return undefined;
  const range = key.kind === 'ref-template' ? (wt.templates.find((t) => t.name === key.template)?.range ?? wt.nameRange) : wt.nameRange;
  return { uri: wt.uri, range };
}
