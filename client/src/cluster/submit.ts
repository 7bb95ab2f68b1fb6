/**
 * Submitting and applying Argo documents, like `argo submit` and `kubectl apply` do:
 * - a Workflow is created as it is (`generateName` kept);
 * - a (Cluster)WorkflowTemplate becomes a new Workflow with `workflowTemplateRef` (`argo submit --from`,
 *   common/convert.go), with chosen parameter values;
 * - a CronWorkflow runs now: a Workflow from its `workflowSpec` (ConvertCronWorkflowToWorkflow);
 * - templates (and CronWorkflows) are applied: created, or updated from the cluster's resourceVersion.
 */
import { ARGO_KINDS as KIND_TYPES, resourcePath, WORKFLOWS, type ResourceType } from './api-paths';
import { applyParameters, type ArgoDocument, type ArgoKind } from './argo-documents';
import type { ClusterConnection } from './connection';
import { ClusterError } from './errors';
import { kubeJson } from './kube-api';
import {
  ANNOTATION_SCHEDULED_TIME,
  isObject,
  LABEL_CLUSTER_WORKFLOW_TEMPLATE,
  LABEL_CRON_WORKFLOW,
  LABEL_WORKFLOW_TEMPLATE,
  type KubeObject,
  type Parameter,
  type Workflow,
  type WorkflowSpec,
} from './types';

export interface SubmitOptions {
  /** Parameter values (`-p name=value`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Extra labels (Argo Studio marks what it submits). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Namespace when the document names none. */
  readonly namespace: string;
  /** Clock for the CronWorkflow scheduled-time annotation. */
  readonly now?: () => Date;
}

export interface PreparedWorkflow {
  readonly namespace: string;
  readonly workflow: Workflow;
}

const SERVER_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink', 'deletionTimestamp'];

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function cleanMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const m = { ...meta };
  for (const k of SERVER_FIELDS) delete m[k];
  return m;
}

function withParameters(spec: WorkflowSpec, values: Readonly<Record<string, string>> | undefined): WorkflowSpec {
  if (!values || Object.keys(values).length === 0) return spec;
  return { ...spec, arguments: { ...(spec.arguments ?? {}), parameters: applyParameters(spec.arguments?.parameters, values) } };
}

function labelsOf(meta: Record<string, unknown>): Record<string, string> {
  return isObject(meta.labels) ? (meta.labels as Record<string, string>) : {};
}

/** The Workflow that submitting `doc` creates, and where. */
export function workflowFromDocument(doc: ArgoDocument, opts: SubmitOptions): PreparedWorkflow {
  const obj = clone(doc.object);
  const meta = isObject(obj.metadata) ? cleanMeta(obj.metadata) : {};
  const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : opts.namespace;
  switch (doc.kind) {
    case 'Workflow': {
      const spec = isObject(obj.spec) ? (obj.spec as WorkflowSpec) : {};
      delete obj.status;
      const workflow: Workflow = {
        ...obj,
        metadata: { ...meta, namespace, labels: { ...labelsOf(meta), ...(opts.labels ?? {}) } },
        spec: withParameters(spec, opts.parameters),
      };
      if (!workflow.metadata?.name && !workflow.metadata?.generateName)
        throw new ClusterError(
          'invalid',
          'The Workflow has neither metadata.name nor metadata.generateName.',
          'Add metadata.generateName (e.g. my-workflow-) so that every submission gets a new name.',
        );
      return { namespace, workflow };
    }
    case 'WorkflowTemplate':
    case 'ClusterWorkflowTemplate': {
      if (!doc.name)
        throw new ClusterError('invalid', `The ${doc.kind} has no metadata.name, so no Workflow can refer to it.`, 'Give it a metadata.name and apply it.');
      return { namespace: opts.namespace, workflow: workflowFromTemplate(doc.kind, doc.name, opts) };
    }
    case 'CronWorkflow': {
      const spec = isObject(obj.spec) ? obj.spec : {};
      const wfSpec = isObject(spec.workflowSpec) ? (spec.workflowSpec as WorkflowSpec) : {};
      const wfMeta = isObject(spec.workflowMetadata) ? spec.workflowMetadata : {};
      const name = doc.name ?? 'cron';
      const workflow: Workflow = {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels: { ...labelsOf(wfMeta), [LABEL_CRON_WORKFLOW]: name, ...(opts.labels ?? {}) },
          annotations: {
            ...(isObject(wfMeta.annotations) ? (wfMeta.annotations as Record<string, string>) : {}),
            [ANNOTATION_SCHEDULED_TIME]: (opts.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        },
        spec: withParameters(wfSpec, opts.parameters),
      };
      return { namespace, workflow };
    }
  }
}

/** `argo submit --from workflowtemplate/NAME` (or clusterworkflowtemplate/NAME). */
export function workflowFromTemplate(kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate', name: string, opts: SubmitOptions): Workflow {
  const cluster = kind === 'ClusterWorkflowTemplate';
  const params: Parameter[] = Object.entries(opts.parameters ?? {}).map(([n, value]) => ({ name: n, value }));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `${name}-`,
      namespace: opts.namespace,
      labels: { [cluster ? LABEL_CLUSTER_WORKFLOW_TEMPLATE : LABEL_WORKFLOW_TEMPLATE]: name, ...(opts.labels ?? {}) },
    },
    spec: {
      workflowTemplateRef: { name, ...(cluster ? { clusterScope: true } : {}) },
      ...(params.length ? { arguments: { parameters: params } } : {}),
    },
  };
}

/** Creates the Workflow; the API server's rejection comes back as a ClusterError with its message. */
export async function createWorkflow(conn: ClusterConnection, prepared: PreparedWorkflow): Promise<Workflow> {
  try {
    return await kubeJson<Workflow>(conn, 'POST', resourcePath(WORKFLOWS, prepared.namespace), prepared.workflow);
  } catch (e) {
    if (e instanceof ClusterError && (e.kind === 'invalid' || e.kind === 'conflict' || e.kind === 'not-found')) {
      throw new ClusterError(e.kind, `The API server rejected the Workflow: ${e.apiMessage ?? e.message}`, undefined, e.status, e.apiMessage);
    }
    throw e;
  }
}

export type ApplyResult = 'created' | 'updated' | 'unchanged';

function typeOf(kind: ArgoKind): ResourceType {
  return KIND_TYPES[kind];
}

/** The cluster's copy of the document's object (undefined when it does not exist). */
export async function getClusterCopy(conn: ClusterConnection, doc: ArgoDocument, namespace: string): Promise<(KubeObject & { spec?: unknown }) | undefined> {
  if (!doc.name) return undefined;
  try {
    return await kubeJson<KubeObject & { spec?: unknown }>(conn, 'GET', resourcePath(typeOf(doc.kind), doc.namespace ?? namespace, doc.name));
  } catch (e) {
    if (e instanceof ClusterError && e.kind === 'not-found') return undefined;
    throw e;
  }
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) => (isObject(val) ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b))) : val));
}

/** Whether the cluster's spec equals the document's. */
export function sameSpec(doc: ArgoDocument, cluster: { spec?: unknown }): boolean {
  return stable(doc.object.spec ?? {}) === stable(cluster.spec ?? {});
}

/** Creates the object, or updates it (kubectl replace semantics on the cluster's resourceVersion). */
export async function applyDocument(conn: ClusterConnection, doc: ArgoDocument, namespace: string): Promise<ApplyResult> {
  if (doc.kind === 'Workflow') throw new ClusterError('invalid', 'A Workflow is submitted, not applied.', 'Use "Argo: Submit".');
  if (!doc.name) throw new ClusterError('invalid', `The ${doc.kind} has no metadata.name.`, 'Give it a metadata.name.');
  const t = typeOf(doc.kind);
  const ns = doc.namespace ?? namespace;
  const current = await getClusterCopy(conn, doc, namespace);
  const body = clone(doc.object);
  const meta = isObject(body.metadata) ? cleanMeta(body.metadata) : {};
  delete body.status;
  try {
    if (!current) {
      await kubeJson(conn, 'POST', resourcePath(t, ns), { ...body, metadata: { ...meta, ...(t.namespaced ? { namespace: ns } : {}) } });
      return 'created';
    }
    if (sameSpec(doc, current) && stable(meta.labels ?? {}) === stable(current.metadata?.labels ?? {})) return 'unchanged';
    const merged = { ...current.metadata, ...meta, resourceVersion: current.metadata?.resourceVersion };
    await kubeJson(conn, 'PUT', resourcePath(t, ns, doc.name), { ...body, metadata: merged });
    return 'updated';
  } catch (e) {
    if (e instanceof ClusterError && (e.kind === 'invalid' || e.kind === 'conflict')) {
      throw new ClusterError(
        e.kind,
        `The API server rejected the ${doc.kind}: ${e.apiMessage ?? e.message}`,
        e.kind === 'conflict' ? 'It changed in the cluster meanwhile; apply again.' : undefined,
        e.status,
        e.apiMessage,
      );
    }
    throw e;
  }
}
