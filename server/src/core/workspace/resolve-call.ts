import type { CallModel, SpecModel, TemplateModel } from '../model/types';
import { summarizeTemplate, type IndexedWorkflowTemplate, type TemplateSummary, type WorkspaceIndex } from './template-summary';

export type CallTarget =
  | { readonly kind: 'local'; readonly template: TemplateModel; readonly summary: TemplateSummary }
  | { readonly kind: 'inline'; readonly template: TemplateModel; readonly summary: TemplateSummary }
  | { readonly kind: 'ref'; readonly workflowTemplate: IndexedWorkflowTemplate; readonly summary: TemplateSummary };

/** The template a task or step calls, when it can be found (same document, inline, or the workspace index). */
export function resolveCall(call: CallModel, spec: SpecModel, index: WorkspaceIndex): CallTarget | undefined {
  if (call.inline) return { kind: 'inline', template: call.inline, summary: summarizeTemplate(call.inline) };
  if (call.template && !call.templateRef) {
    const t = spec.templates.find((x) => x.name?.value === call.template?.value);
    return t ? { kind: 'local', template: t, summary: summarizeTemplate(t) } : undefined;
  }
  const ref = call.templateRef;
  if (ref?.name && ref.template && !ref.name.value.includes('{{') && !ref.template.value.includes('{{')) {
    const wt = index.find(ref.name.value, ref.clusterScope);
    const summary = wt?.templates.find((t) => t.name === ref.template?.value);
    return wt && summary ? { kind: 'ref', workflowTemplate: wt, summary } : undefined;
  }
  return undefined;
}

/** Same-file documents first, then the rest of the workspace. */
export class LayeredIndex implements WorkspaceIndex {
  constructor(private readonly layers: readonly WorkspaceIndex[]) {}

  find(name: string, clusterScope: boolean): IndexedWorkflowTemplate | undefined {
    for (const l of this.layers) {
      const hit = l.find(name, clusterScope);
      if (hit) return hit;
    }
    return undefined;
  }

  all(): readonly IndexedWorkflowTemplate[] {
    const seen = new Set<string>();
    const out: IndexedWorkflowTemplate[] = [];
    for (const l of this.layers)
      for (const e of l.all()) {
        const k = `${e.kind}/${e.name}`;
        if (!seen.has(k)) {
          seen.add(k);
          out.push(e);
        }
      }
    return out;
  }
}
