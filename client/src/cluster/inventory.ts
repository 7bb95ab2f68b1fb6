/**
 * The cluster inventory for cluster-aware checks: names of the WorkflowTemplates,
 * ClusterWorkflowTemplates, ServiceAccounts, Secrets, ConfigMaps and PVCs of a namespace. Lists ask
 * for metadata only (PartialObjectMetadataList), so Secret data never reaches the client; a kind that
 * cannot be listed (403, 404) is named in `unavailable` and must not produce warnings.
 */
import { CLUSTER_WORKFLOW_TEMPLATES, CONFIG_MAPS, PVCS, resourcePath, SECRETS, SERVICE_ACCOUNTS, WORKFLOW_TEMPLATES, type ResourceType } from './api-paths';
import type { ClusterConnection } from './connection';
import { ClusterError } from './errors';
import { listAll } from './kube-api';
import type { KubeObject } from './types';

/** The payload of the `argoStudio/clusterInventory` notification (null when there is no inventory). */
export interface ClusterInventory {
  /** kubeconfig context the names come from (for messages). */
  readonly context: string;
  readonly namespace: string;
  readonly workflowTemplates: string[];
  readonly clusterWorkflowTemplates: string[];
  readonly serviceAccounts: string[];
  readonly secrets: string[];
  readonly configMaps: string[];
  readonly pvcs: string[];
  /** Kinds that could not be listed (forbidden, not served): their lists are empty and say nothing. */
  readonly unavailable: InventoryKind[];
}

export type InventoryKind = 'workflowTemplates' | 'clusterWorkflowTemplates' | 'serviceAccounts' | 'secrets' | 'configMaps' | 'pvcs';

export const CLUSTER_INVENTORY_NOTIFICATION = 'argoStudio/clusterInventory';

const KINDS: readonly [InventoryKind, ResourceType][] = [
  ['workflowTemplates', WORKFLOW_TEMPLATES],
  ['clusterWorkflowTemplates', CLUSTER_WORKFLOW_TEMPLATES],
  ['serviceAccounts', SERVICE_ACCOUNTS],
  ['secrets', SECRETS],
  ['configMaps', CONFIG_MAPS],
  ['pvcs', PVCS],
];

const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json';

/** Lists every kind (in parallel); throws only when the cluster cannot be reached at all. */
export async function gatherInventory(conn: ClusterConnection, namespace: string, opts: { signal?: AbortSignal } = {}): Promise<ClusterInventory> {
  const results = await Promise.all(
    KINDS.map(async ([key, type]): Promise<[InventoryKind, string[] | ClusterError]> => {
      try {
        const { items } = await listAll<KubeObject>(conn, resourcePath(type, namespace), {}, { accept: METADATA_ONLY, signal: opts.signal });
        return [
          key,
          items
            .map((o) => o.metadata?.name ?? '')
            .filter((n) => n !== '')
            .sort(),
        ];
      } catch (e) {
        if (e instanceof ClusterError && ['forbidden', 'not-found', 'crd-missing', 'invalid', 'server', 'too-many-requests'].includes(e.kind)) return [key, e];
        throw e;
      }
    }),
  );
  const names = (k: InventoryKind): string[] => {
    const r = results.find(([key]) => key === k)?.[1];
    return Array.isArray(r) ? r : [];
  };
  return {
    context: conn.contextName,
    namespace,
    workflowTemplates: names('workflowTemplates'),
    clusterWorkflowTemplates: names('clusterWorkflowTemplates'),
    serviceAccounts: names('serviceAccounts'),
    secrets: names('secrets'),
    configMaps: names('configMaps'),
    pvcs: names('pvcs'),
    unavailable: results.filter(([, r]) => !Array.isArray(r)).map(([k]) => k),
  };
}
