import type { ArgoDocumentModel } from '../model/types';
import type { WorkspaceIndex } from '../workspace/template-summary';
import { allTemplates } from '../model/walk';
import type { YamlAccess } from '../model/yaml-access';

/** What `{{workflow.*}}` can name in one document. */
export interface WorkflowGlobals {
  /** Declared parameter names; undefined when any name is accepted (WorkflowTemplates, unresolved refs). */
  readonly parameters: ReadonlySet<string> | undefined;
  readonly hasParameters: boolean;
  readonly labels: ReadonlySet<string>;
  readonly annotations: ReadonlySet<string>;
  /** Labels may come from elsewhere (labelsFrom, a referenced template): don't flag unknown keys. */
  readonly openLabels: boolean;
  readonly globalOutputs: { readonly parameters: ReadonlySet<string>; readonly artifacts: ReadonlySet<string>; readonly open: boolean };
  readonly hasPriority: boolean;
  readonly hasExitHandler: boolean;
}

export function workflowGlobals(doc: ArgoDocumentModel, index: WorkspaceIndex, y: YamlAccess): WorkflowGlobals {
  const spec = doc.spec;
  const declared = new Set((spec?.arguments.parameters ?? []).map((p) => p.name?.value).filter((n): n is string => n !== undefined));
  let parameters: Set<string> | undefined = declared;
  const ref = spec?.workflowTemplateRef;
  if (doc.kind === 'WorkflowTemplate' || doc.kind === 'ClusterWorkflowTemplate') parameters = undefined;
  else if (ref?.name) {
    const wt = index.find(ref.name.value, ref.clusterScope);
    if (wt) for (const p of wt.parameters) declared.add(p.name);
    else parameters = undefined;
  }
  const meta = spec ? y.getMap(spec.node, 'workflowMetadata') : undefined;
  const labels = new Set([
    ...doc.labels.keys(),
    ...y.keys(y.getMap(meta, 'labels')).map((k) => k.value),
    ...y.keys(y.getMap(meta, 'labelsFrom')).map((k) => k.value),
  ]);
  const annotations = new Set([...doc.annotations.keys(), ...y.keys(y.getMap(meta, 'annotations')).map((k) => k.value)]);
  const gp = new Set<string>();
  const ga = new Set<string>();
  let open = false;
  for (const t of allTemplates(spec)) {
    for (const g of [
      ...t.outputs.parameters.map((p) => ({ set: gp, name: p.globalName })),
      ...t.outputs.artifacts.map((a) => ({ set: ga, name: a.globalName })),
    ]) {
      if (!g.name) continue;
      if (g.name.value.includes('{{')) open = true;
      else g.set.add(g.name.value);
    }
  }
  for (const p of spec?.arguments.parameters ?? []) if (p.globalName) gp.add(p.globalName.value);
  const hooks = spec ? y.getMap(spec.node, 'hooks') : undefined;
  return {
    parameters,
    hasParameters: parameters === undefined || declared.size > 0,
    labels,
    annotations,
    openLabels: ref !== undefined || doc.kind !== 'Workflow',
    globalOutputs: { parameters: gp, artifacts: ga, open: open || ref !== undefined },
    hasPriority: spec ? y.has(spec.node, 'priority') : false,
    hasExitHandler: spec?.onExit !== undefined || y.has(hooks, 'exit') || ref !== undefined || doc.kind !== 'Workflow',
  };
}
