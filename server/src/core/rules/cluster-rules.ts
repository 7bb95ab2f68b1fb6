import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Range } from '../types';
import type { ClusterInventory, InventoryKind } from '../workspace/cluster-inventory';
import { suggest, didYouMean } from '../util/suggest';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'cluster-missing-resource',
    severity: 'warning',
    family: 'references',
    description:
      'When connected to a cluster: a Secret, ConfigMap, PVC, ServiceAccount or (Cluster)WorkflowTemplate the workflow references does not exist in the namespace, so the run would fail later.',
    example: 'volumes: [{name: creds, secret: {secretName: not-there}}]',
  },
];

type Kind = 'secret' | 'configMap' | 'pvc' | 'serviceAccount' | 'workflowTemplate' | 'clusterWorkflowTemplate';
const LABEL: Record<Kind, string> = {
  secret: 'Secret',
  configMap: 'ConfigMap',
  pvc: 'PersistentVolumeClaim',
  serviceAccount: 'ServiceAccount',
  workflowTemplate: 'WorkflowTemplate',
  clusterWorkflowTemplate: 'ClusterWorkflowTemplate',
};

const INVENTORY_KEY: Record<Kind, InventoryKind> = {
  secret: 'secrets',
  configMap: 'configMaps',
  pvc: 'pvcs',
  serviceAccount: 'serviceAccounts',
  workflowTemplate: 'workflowTemplates',
  clusterWorkflowTemplate: 'clusterWorkflowTemplates',
};

/** Checks names against what the connected cluster has (only when the client sent an inventory). */
export const clusterRules: RuleFamily = {
  name: 'references',
  rules: RULES,
  check(ctx: RuleContext): void {
    const inv: ClusterInventory | undefined = ctx.inventory;
    if (!inv) return;
    const ns = ctx.model.namespace?.value;
    if (ns && ns !== inv.namespace) return; // another namespace: we do not know what it holds
    const have: Record<Kind, ReadonlySet<string>> = {
      secret: new Set(inv.secrets),
      configMap: new Set(inv.configMaps),
      pvc: new Set(inv.pvcs),
      serviceAccount: new Set(inv.serviceAccounts),
      workflowTemplate: new Set(inv.workflowTemplates),
      clusterWorkflowTemplate: new Set(inv.clusterWorkflowTemplates),
    };
    const claimTemplates = new Set<string>();
    for (const item of ctx.y.getSeq(ctx.model.spec?.node, 'volumeClaimTemplates')?.items ?? []) {
      const n = ctx.y.getStr(ctx.y.getMap(ctx.y.map(item), 'metadata'), 'name');
      if (n) claimTemplates.add(n.value);
    }
    const unavailable = new Set<string>(inv.unavailable);
    const report = (kind: Kind, name: string, range: Range): void => {
      if (unavailable.has(INVENTORY_KEY[kind])) return; // the client could not list these: unknown
      if (name.includes('{{') || have[kind].has(name)) return;
      if (kind === 'pvc' && claimTemplates.has(name)) return;
      if ((kind === 'workflowTemplate' || kind === 'clusterWorkflowTemplate') && ctx.workspace.find(name, kind === 'clusterWorkflowTemplate')) return;
      const s = suggest(name, have[kind]);
      ctx.report(
        'cluster-missing-resource',
        range,
        `${LABEL[kind]} "${name}" does not exist in namespace "${inv.namespace}"${kind === 'clusterWorkflowTemplate' ? ' (cluster scope)' : ''}${inv.context ? ` of context "${inv.context}"` : ''}: the run would fail when it needs it.${didYouMean(s)}`,
      );
    };
    walk(ctx, ctx.model.root, report, 0);
  },
};

function walk(ctx: RuleContext, node: Node | null | undefined, report: (k: Kind, name: string, r: Range) => void, depth: number): void {
  if (!node || depth > 100) return;
  if (isSeq(node)) {
    for (const item of node.items) walk(ctx, item as Node, report, depth + 1);
    return;
  }
  if (!isMap(node)) return;
  const { y } = ctx;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value as Node | null;
    const name = (m: YAMLMap | undefined, field = 'name'): { value: string; range: Range } | undefined => y.getStr(m, field);
    if (key === 'serviceAccountName') {
      const s = y.str(value);
      if (s) report('serviceAccount', s.value, s.range);
    } else if (key === 'secret' && isMap(value)) {
      const s = name(value, 'secretName');
      if (s) report('secret', s.value, s.range);
    } else if ((key === 'secretKeyRef' || key === 'secretRef' || (key.endsWith('Secret') && key !== 'krbCCacheSecret')) && isMap(value)) {
      const s = name(value);
      if (s && y.getBool(value, 'optional') !== true) report('secret', s.value, s.range);
    } else if (key === 'imagePullSecrets' && isSeq(value)) {
      for (const item of value.items) {
        const s = name(y.map(item));
        if (s) report('secret', s.value, s.range);
      }
    } else if ((key === 'configMapKeyRef' || key === 'configMapRef' || key === 'configMap') && isMap(value)) {
      const s = name(value);
      if (s && y.getBool(value, 'optional') !== true) report('configMap', s.value, s.range);
    } else if (key === 'persistentVolumeClaim' && isMap(value)) {
      const s = name(value, 'claimName');
      if (s) report('pvc', s.value, s.range);
    } else if ((key === 'templateRef' || key === 'workflowTemplateRef') && isMap(value)) {
      const s = name(value);
      if (s) report(y.getBool(value, 'clusterScope') === true ? 'clusterWorkflowTemplate' : 'workflowTemplate', s.value, s.range);
    }
    if (key === 'manifest' || key === 'status') continue; // free-form resource manifests and runtime state
    walk(ctx, value, report, depth + 1);
  }
}
