/**
 * Which cluster the logs come from: the extension's cluster connection when the runs layer has set
 * one (same context, namespace switch and credential reloads), else the default kubeconfig's current
 * context. No `vscode` import.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { getClusterConnection } from '../cluster/connection';
import { connectionLogSource } from './connection-source';
import { kubeConfigLogSource } from './kubeconfig-source';
import type { LogSource } from './log-source';

export interface SourceChoice {
  readonly source: LogSource;
  /** The namespace in use, for a target typed without one. */
  readonly namespace: string;
}

export function currentLogSource(): SourceChoice | { readonly error: string } {
  const conn = getClusterConnection();
  if (conn) return { source: connectionLogSource(conn), namespace: conn.namespace };
  try {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    if (!kc.getCurrentCluster()) return { error: 'No Kubernetes cluster is configured: set a current context in your kubeconfig (KUBECONFIG or ~/.kube/config).' };
    const ctx = kc.getContextObject(kc.getCurrentContext());
    return { source: kubeConfigLogSource(kc), namespace: ctx?.namespace ?? 'default' };
  } catch (e) {
    return { error: `Could not load the kubeconfig: ${e instanceof Error ? e.message : String(e)}` };
  }
}
