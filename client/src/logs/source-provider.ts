/**
 * Which cluster the logs come from: the extension's cluster connection (set by the runs layer from
 * `argoStudio.cluster.*` and the kubeconfig), so the logs use the same context, namespace and
 * credentials (401 -> reload, exec plugins) as the runs view. No `vscode` import.
 */
import { getClusterConnection, onDidChangeClusterConnection } from '../cluster/connection';
import { connectionLogSource } from './connection-source';
import type { LogSource } from './log-source';

export interface SourceChoice {
  readonly source: LogSource;
  /** The namespace in use, for a target typed without one. */
  readonly namespace: string;
}

export function currentLogSource(): SourceChoice | { readonly error: string } {
  const conn = getClusterConnection();
  if (!conn) return { error: 'Not connected to a cluster: choose a kubeconfig context ("Argo: Switch Context") or check the kubeconfig (setting argoStudio.cluster.kubeconfig).' };
  return { source: connectionLogSource(conn), namespace: conn.namespace };
}

/** Calls back (once) when the cluster connection changes; returns a way to stop waiting. */
export function onceSourceChanges(listener: () => void): { dispose(): void } {
  const sub = onDidChangeClusterConnection(() => {
    sub.dispose();
    listener();
  });
  return sub;
}
