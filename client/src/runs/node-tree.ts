/**
 * The node tree of a run (like `argo get`): steps under their step group, retry attempts under the
 * retry node, loop iterations under their task group, everything else under its boundary; the
 * workflow's root node is the run itself, exit handlers sit beside its children. Pod names come from
 * the watched pods (annotation node-id), else Argo's v2 naming.
 */
import { argoNodePath } from '../../../server/src/core/graph';
import { summarizePod, type PodSummary } from '../cluster';
import type { NodeStatus, Pod, Workflow } from '../cluster';

export interface RunNode {
  readonly id: string;
  /** Argo node name (`wf.A.B`, `wf[0].step`). */
  readonly name: string;
  /** Path in the graph (`A.B`, `[0].step`): the overlay key. */
  readonly path: string;
  readonly label: string;
  readonly type: string;
  readonly phase: string;
  readonly status: NodeStatus;
  readonly podName?: string;
  readonly pod?: PodSummary;
  readonly children: RunNode[];
}

const GROUPING = new Set(['StepGroup', 'Retry', 'TaskGroup']);
const POD_TYPES = new Set(['Pod', 'Container']);
const POD_NAME_FORMAT = 'workflows.argoproj.io/pod-name-format';

/** Argo's pod name for a node (pod_name.go GeneratePodName), for nodes that run a pod. */
export function expectedPodName(wf: Workflow, n: NodeStatus): string | undefined {
  const wfName = wf.metadata?.name ?? '';
  if (n.type !== 'Pod') return undefined;
  if (wf.metadata?.annotations?.[POD_NAME_FORMAT] === 'v1') return n.id;
  if (n.name === wfName) return wfName;
  const template = n.templateRef?.template ?? n.templateName ?? '';
  const hash = n.id.startsWith(`${wfName}-`) ? n.id.slice(wfName.length + 1) : '';
  if (!hash) return undefined;
  let prefix = `${wfName}-${template}`;
  if (prefix.length > 242) prefix = prefix.slice(0, 242);
  return `${prefix}-${hash}`;
}

function startTime(n: NodeStatus): string {
  return n.startedAt ?? '';
}

export function buildNodeTree(
  wf: Workflow,
  nodes: Readonly<Record<string, NodeStatus>>,
  podFor: (n: NodeStatus, podName: string | undefined) => Pod | undefined,
): RunNode[] {
  const wfName = wf.metadata?.name ?? '';
  const all = Object.values(nodes).filter((n) => n && typeof n.id === 'string');
  const byId = new Map(all.map((n) => [n.id, n]));
  const root = all.find((n) => n.name === wfName);
  const parentOf = new Map<string, string | undefined>();
  // Grouping nodes own their children; the rest hang under their boundary (or the root).
  for (const p of all) {
    if (!GROUPING.has(String(p.type))) continue;
    for (const c of p.children ?? []) if (byId.has(c) && !parentOf.has(c)) parentOf.set(c, p.id);
  }
  for (const n of all) {
    if (n === root || parentOf.has(n.id)) continue;
    const boundary = n.boundaryID && byId.has(n.boundaryID) ? n.boundaryID : undefined;
    const isExit = n.name === `${wfName}.onExit`;
    parentOf.set(n.id, boundary ?? (isExit || !root ? undefined : root.id));
  }
  const kids = new Map<string | undefined, NodeStatus[]>();
  for (const n of all) {
    if (n === root) continue;
    const p = parentOf.get(n.id);
    const key = p === root?.id ? undefined : p;
    const list = kids.get(key);
    if (list) list.push(n);
    else kids.set(key, [n]);
  }
  const make = (n: NodeStatus, depth: number): RunNode => {
    const podName = POD_TYPES.has(String(n.type)) ? expectedPodName(wf, n) : undefined;
    const pod = POD_TYPES.has(String(n.type)) ? podFor(n, podName) : undefined;
    const ordered = GROUPING.has(String(n.type)) ? byChildren(n, kids.get(n.id) ?? []) : (kids.get(n.id) ?? []).sort(order);
    const children = depth > 64 ? [] : ordered.map((c) => make(c, depth + 1));
    return {
      id: n.id,
      name: n.name,
      path: argoNodePath(wfName, n.name),
      label: n.displayName || n.name,
      type: String(n.type ?? ''),
      phase: String(n.phase ?? 'Pending'),
      status: n,
      ...(pod?.metadata?.name ? { podName: pod.metadata.name } : podName ? { podName } : {}),
      ...(pod ? { pod: summarizePod(pod) } : {}),
      children,
    };
  };
  // Steps of a group and attempts of a retry in Argo's order; the rest by start time.
  const byChildren = (p: NodeStatus, list: NodeStatus[]): NodeStatus[] => {
    const idx = new Map((p.children ?? []).map((id, i) => [id, i]));
    return list.sort((a, b) => (idx.get(a.id) ?? 1e9) - (idx.get(b.id) ?? 1e9) || order(a, b));
  };
  const order = (a: NodeStatus, b: NodeStatus): number =>
    startTime(a).localeCompare(startTime(b)) || a.name.localeCompare(b.name, undefined, { numeric: true });
  // A workflow whose entrypoint is a leaf template runs it as the root node itself: show it.
  const top = [...(root && POD_TYPES.has(String(root.type)) ? [root] : []), ...(kids.get(undefined) ?? []).sort(order)];
  return top.map((n) => make(n, 0));
}

/** Depth-first list of a tree (for lookups and tests). */
export function flattenTree(nodes: readonly RunNode[]): RunNode[] {
  const out: RunNode[] = [];
  const walk = (list: readonly RunNode[]): void => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
