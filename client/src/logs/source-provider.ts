/**
 * Which cluster the logs come from: the extension's cluster context (built by extension.ts, owned by
 * the runs layer), so the logs use the same context, namespace and credentials (401 -> reload, exec
 * plugins) as the runs view, and the runs store's pods (each pod is watched once). No `vscode` import.
 */
import { LABEL_WORKFLOW, PodIndex, type ClusterConnection, type ClusterContext, type Disposable } from '../cluster';
import { connectionLogSource, type LogSource } from './log-source';

/** The live pods of a workflow's namespace; `owned` when opened for this session only (it disposes them). */
export interface SessionPods {
  readonly index: PodIndex;
  readonly owned: boolean;
}

export interface SourceChoice {
  readonly source: LogSource;
  /** The namespace in use, for a target typed without one. */
  readonly namespace: string;
  /** The pods of a workflow: the runs store's when it watches that namespace, else a watch of that workflow's pods. */
  readonly pods: (namespace: string, workflowName: string) => SessionPods;
}

export const NOT_CONNECTED =
  'Not connected to a cluster: choose a kubeconfig context ("Argo: Switch Context") or check the kubeconfig (setting argoStudio.cluster.kubeconfig).';

/** The pods for a session: the shared index of the namespace when there is one, else one for that workflow only. */
export function sessionPods(shared: PodIndex | undefined, conn: ClusterConnection, namespace: string, workflowName: string): SessionPods {
  if (shared && shared.namespace === namespace) return { index: shared, owned: false };
  const index = new PodIndex(conn, namespace, { labelSelector: `${LABEL_WORKFLOW}=${workflowName}` });
  index.start();
  return { index, owned: true };
}

export function logSourceOf(cluster: ClusterContext): SourceChoice | { readonly error: string } {
  const conn = cluster.connection;
  if (!conn) return { error: NOT_CONNECTED };
  const shared = cluster.pods;
  return {
    source: connectionLogSource(conn),
    namespace: conn.namespace,
    pods: (namespace, workflowName) => sessionPods(shared, conn, namespace, workflowName),
  };
}

/** Calls back (once) when the cluster connection changes; returns a way to stop waiting. */
export function onceClusterChanges(cluster: Pick<ClusterContext, 'onDidChange'>, listener: () => void): Disposable {
  const sub = cluster.onDidChange(() => {
    sub.dispose();
    listener();
  });
  return sub;
}
