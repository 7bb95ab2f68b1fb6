/** What the connected cluster has in the namespace (sent by the client; undefined when not connected). */
export interface ClusterInventory {
  readonly namespace: string;
  readonly workflowTemplates: readonly string[];
  readonly clusterWorkflowTemplates: readonly string[];
  readonly serviceAccounts: readonly string[];
  readonly secrets: readonly string[];
  readonly configMaps: readonly string[];
  readonly pvcs: readonly string[];
  /** Kinds the client could not list (forbidden, not served): nothing is known about them. */
  readonly unavailable: readonly InventoryKind[];
  /** The kubeconfig context, for messages. */
  readonly context?: string;
}

export type InventoryKind = 'workflowTemplates' | 'clusterWorkflowTemplates' | 'serviceAccounts' | 'secrets' | 'configMaps' | 'pvcs';
const KINDS: readonly InventoryKind[] = ['workflowTemplates', 'clusterWorkflowTemplates', 'serviceAccounts', 'secrets', 'configMaps', 'pvcs'];

/** Validates an `argoStudio/clusterInventory` payload (it comes over the wire). */
export function toClusterInventory(raw: unknown): ClusterInventory | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const list = (k: string): string[] => (Array.isArray(r[k]) ? (r[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  if (typeof r.namespace !== 'string') return undefined;
  return {
    namespace: r.namespace,
    workflowTemplates: list('workflowTemplates'),
    clusterWorkflowTemplates: list('clusterWorkflowTemplates'),
    serviceAccounts: list('serviceAccounts'),
    secrets: list('secrets'),
    configMaps: list('configMaps'),
    pvcs: list('pvcs'),
    unavailable: list('unavailable').filter((k): k is InventoryKind => (KINDS as readonly string[]).includes(k)),
    context: typeof r.context === 'string' ? r.context : undefined,
  };
}
