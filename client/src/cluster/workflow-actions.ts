/**
 * Run actions as spec patches and creates, the way the Argo server does them (server/workflow and
 * workflow/util): stop/terminate set `spec.shutdown`, suspend sets `spec.suspend`, resume clears it
 * and marks active suspend nodes Succeeded, resubmit creates a copy with generateName, delete deletes.
 */
import { resourcePath, WORKFLOWS } from './api-paths';
import type { ClusterConnection } from './connection';
import { kubeJson, MERGE_PATCH } from './kube-api';
import { LABEL_COMPLETED, LABEL_PHASE, LABEL_RESUBMITTED_FROM, type NodeStatus, type Workflow } from './types';
import { workflowNodes } from './workflow-nodes';

export type RunAction = 'stop' | 'terminate' | 'suspend' | 'resume';

/** The merge patch of an action (`now` stamps resumed suspend nodes). */
export function actionPatch(action: RunAction, wf: Workflow, now: Date = new Date()): Record<string, unknown> {
  switch (action) {
    case 'stop':
      return { spec: { shutdown: 'Stop' } };
    case 'terminate':
      return { spec: { shutdown: 'Terminate' } };
    case 'suspend':
      return { spec: { suspend: true } };
    case 'resume': {
      const nodes: Record<string, Partial<NodeStatus>> = {};
      // Compressed/offloaded nodes cannot be patched node by node; the controller resumes on spec.suspend alone then.
      if (wf.status?.nodes) {
        for (const n of Object.values(workflowNodes(wf).nodes)) {
          if (n.type === 'Suspend' && (n.phase === 'Running' || n.phase === 'Pending')) {
            nodes[n.id] = { phase: 'Succeeded', finishedAt: now.toISOString().replace(/\.\d+Z$/, 'Z'), message: 'Resumed by Argo Studio' };
          }
        }
      }
      return { spec: { suspend: null }, ...(Object.keys(nodes).length ? { status: { nodes } } : {}) };
    }
  }
}

export async function runAction(conn: ClusterConnection, namespace: string, wf: Workflow, action: RunAction): Promise<Workflow> {
  const name = wf.metadata?.name ?? '';
  return kubeJson<Workflow>(conn, 'PATCH', resourcePath(WORKFLOWS, namespace, name), actionPatch(action, wf), { contentType: MERGE_PATCH });
}

const DROPPED_LABELS = new Set([LABEL_COMPLETED, LABEL_PHASE, 'workflows.argoproj.io/workflow-archiving-status']);

/** FormulateResubmitWorkflow: same spec, generateName from the old name, labels kept minus the controller's. */
export function resubmitBody(wf: Workflow): Workflow {
  const meta = wf.metadata ?? {};
  const labels = Object.fromEntries(Object.entries(meta.labels ?? {}).filter(([k]) => !DROPPED_LABELS.has(k)));
  labels[LABEL_RESUBMITTED_FROM] = meta.name ?? '';
  const spec = { ...(wf.spec ?? {}) };
  delete spec.shutdown;
  delete spec.suspend;
  return {
    apiVersion: wf.apiVersion ?? 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: meta.generateName || `${meta.name ?? 'workflow'}-`,
      namespace: meta.namespace,
      labels,
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
    },
    spec,
  };
}

export async function resubmitWorkflow(conn: ClusterConnection, namespace: string, wf: Workflow): Promise<Workflow> {
  return kubeJson<Workflow>(conn, 'POST', resourcePath(WORKFLOWS, namespace), resubmitBody(wf));
}

export async function deleteWorkflow(conn: ClusterConnection, namespace: string, name: string): Promise<void> {
  await kubeJson<unknown>(conn, 'DELETE', resourcePath(WORKFLOWS, namespace, name));
}

export async function getWorkflow(conn: ClusterConnection, namespace: string, name: string): Promise<Workflow> {
  return kubeJson<Workflow>(conn, 'GET', resourcePath(WORKFLOWS, namespace, name));
}
