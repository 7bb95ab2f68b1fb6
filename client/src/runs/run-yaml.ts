/** Texts of the read-only run documents: the workflow as YAML, and the spec the graph of a run is drawn from. */
import { stringify } from 'yaml';
import type { Workflow, WorkflowSpec } from '../cluster';

/** The workflow as the API server returns it, without managedFields. */
export function runYamlText(wf: Workflow): string {
  const meta = { ...(wf.metadata ?? {}) } as Record<string, unknown>;
  delete meta.managedFields;
  return stringify({ ...wf, metadata: meta }, { lineWidth: 0 });
}

/**
 * A Workflow document for the graph of a run: its own spec, or for a run from a template the stored
 * template spec (`status.storedWorkflowTemplateSpec`) with the run's entrypoint and arguments.
 */
export function graphSourceText(wf: Workflow): string {
  const own: WorkflowSpec = { ...(wf.spec ?? {}) };
  const stored = wf.status?.storedWorkflowTemplateSpec;
  delete own.workflowTemplateRef;
  const spec: WorkflowSpec = stored ? { ...stored, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) } : own;
  delete spec.workflowTemplateRef;
  delete spec.suspend;
  delete spec.shutdown;
  const doc = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: wf.metadata?.name ?? 'run' }, spec };
  return `# Read-only: the graph source of run ${wf.metadata?.namespace ?? ''}/${wf.metadata?.name ?? ''}\n${stringify(doc, { lineWidth: 0 })}`;
}
