/**
 * Submit and apply as flows over a `SubmitPrompter` (quick picks and input boxes in VS Code, a script
 * in tests): lint gate, template-in-cluster check, one question per parameter, then create. No `vscode`.
 */
import { argoDocuments, documentParameters, type ArgoDocument, type ArgoKind, type TemplateParameter } from '../cluster';
import type { ClusterConnection } from '../cluster';
import { ClusterError } from '../cluster';
import { applyDocument, createWorkflow, getClusterCopy, sameSpec, workflowFromDocument, type ApplyResult } from '../cluster';
import type { Workflow } from '../cluster';

export interface SubmitPrompter {
  /** The document has errors from rules stricter than Argo (Argo would accept it): true to go on anyway. The safe answer is the default. */
  confirmDespiteErrors(errors: readonly string[], action: 'submit' | 'apply'): Promise<boolean>;
  /** The template is not in the cluster, or differs: apply it first, submit the cluster's version, or cancel. */
  templateOutOfDate(state: 'missing' | 'different', doc: ArgoDocument): Promise<'apply' | 'cluster' | undefined>;
  /** A value for one parameter (offer `p.enum` as a pick list, `p.value` as the default); undefined cancels. */
  parameterValue(p: TemplateParameter, doc: ArgoDocument): Promise<string | undefined>;
}

export interface FlowRequest {
  readonly text: string;
  /** YAML document index (from a CodeLens); else the document at `offset`; else the first Argo document. */
  readonly documentIndex?: number;
  readonly offset?: number;
  /** Errors of the file from rules stricter than Argo (messages): the user may go on anyway. */
  readonly lintErrors: readonly string[];
  /** Errors of the file that Argo rejects (messages): nothing is sent, with no override. */
  readonly rejectedErrors?: readonly string[];
  /** Labels to put on submitted workflows. */
  readonly labels?: Readonly<Record<string, string>>;
}

export type SubmitOutcome =
  | { readonly kind: 'submitted'; readonly workflow: Workflow; readonly namespace: string; readonly document: ArgoDocument; readonly applied?: ApplyResult }
  | { readonly kind: 'cancelled' };

export type ApplyOutcome = { readonly kind: 'applied'; readonly result: ApplyResult; readonly document: ArgoDocument } | { readonly kind: 'cancelled' };

const TEMPLATE_KINDS: ReadonlySet<ArgoKind> = new Set(['WorkflowTemplate', 'ClusterWorkflowTemplate']);

/** The document a command is about. Throws when the text has no Argo document. */
export function pickDocument(text: string, documentIndex?: number, offset?: number): ArgoDocument {
  const docs = argoDocuments(text);
  if (docs.length === 0)
    throw new ClusterError(
      'invalid',
      'This file has no Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow.',
      'Open an Argo YAML document (apiVersion: argoproj.io/v1alpha1).',
    );
  if (documentIndex !== undefined) {
    const d = docs.find((x) => x.index === documentIndex);
    if (d) return d;
  }
  if (offset !== undefined) {
    const before = docs.filter((d) => d.offset <= offset);
    if (before.length > 0) return before[before.length - 1];
  }
  return docs[0];
}

function yamlBlocked(doc: ArgoDocument): ClusterError | undefined {
  return doc.hasErrors
    ? new ClusterError('invalid', `The ${doc.kind} does not parse as YAML, so it cannot be sent.`, 'Fix the YAML errors shown in the Problems view.')
    : undefined;
}

/** Errors that Argo rejects stop the flow: Argo's default install accepts any spec, and some crash its controller. */
function argoBlocked(req: FlowRequest, action: 'submit' | 'apply'): ClusterError | undefined {
  const errors = req.rejectedErrors ?? [];
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 3).join('; ');
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return new ClusterError(
    'invalid',
    `Argo rejects this document, so it was not ${action === 'submit' ? 'submitted' : 'applied'}: ${errors.length} error${errors.length === 1 ? '' : 's'}: ${shown}${more}.`,
    'Fix the errors shown in the Problems view, then try again.',
  );
}

export async function runSubmitFlow(conn: ClusterConnection, namespace: string, req: FlowRequest, prompter: SubmitPrompter): Promise<SubmitOutcome> {
  const doc = pickDocument(req.text, req.documentIndex, req.offset);
  const blocked = yamlBlocked(doc) ?? argoBlocked(req, 'submit');
  if (blocked) throw blocked;
  if (req.lintErrors.length > 0 && !(await prompter.confirmDespiteErrors(req.lintErrors, 'submit'))) return { kind: 'cancelled' };
  let applied: ApplyResult | undefined;
  let parameters: Record<string, string> | undefined;
  if (TEMPLATE_KINDS.has(doc.kind)) {
    const cluster = await getClusterCopy(conn, doc, namespace);
    let source: ArgoDocument = doc;
    if (!cluster || !sameSpec(doc, cluster)) {
      const choice = await prompter.templateOutOfDate(cluster ? 'different' : 'missing', doc);
      if (choice === undefined || (choice === 'cluster' && !cluster)) return { kind: 'cancelled' };
      if (choice === 'apply') applied = await applyDocument(conn, doc, namespace);
      else if (cluster) source = { ...doc, object: cluster as Record<string, unknown> };
    }
    parameters = {};
    for (const p of documentParameters(source)) {
      const v = await prompter.parameterValue(p, doc);
      if (v === undefined) return { kind: 'cancelled' };
      parameters[p.name] = v;
    }
  }
  const prepared = workflowFromDocument(doc, { namespace, ...(parameters ? { parameters } : {}), ...(req.labels ? { labels: req.labels } : {}) });
  const workflow = await createWorkflow(conn, prepared);
  return { kind: 'submitted', workflow, namespace: prepared.namespace, document: doc, ...(applied ? { applied } : {}) };
}

export async function runApplyFlow(
  conn: ClusterConnection,
  namespace: string,
  req: FlowRequest,
  prompter: Pick<SubmitPrompter, 'confirmDespiteErrors'>,
): Promise<ApplyOutcome> {
  const doc = pickDocument(req.text, req.documentIndex, req.offset);
  const blocked = yamlBlocked(doc) ?? argoBlocked(req, 'apply');
  if (blocked) throw blocked;
  if (req.lintErrors.length > 0 && !(await prompter.confirmDespiteErrors(req.lintErrors, 'apply'))) return { kind: 'cancelled' };
  return { kind: 'applied', result: await applyDocument(conn, doc, namespace), document: doc };
}
