/**
 * Run phases per graph node: a workflow's `status.nodes` -> one phase per graph path, joined onto the
 * graph's nodes. The only place that maps Argo's node names onto the graph (the host's live overlay
 * builds its map here; the webview only joins it).
 *
 * Graph node ids are Argo node names without the workflow name (`A.B`, `[0].step`). The rule: a path
 * with an Argo node of its own shows that node's phase; a path without one shows the nodes folded onto
 * it, where a retry attempt (`A(1)`) folds onto `A` (the latest attempt wins), then a loop iteration
 * (`A(0:x)`, also inside a path: `A(0:x).B`) folds onto the path without it (the worst phase wins: a
 * group shows the worst of the iterations it stands for).
 */
import { NODE_PHASES, type NodePhase, type PhaseInfo, type WorkflowGraph } from './types';

/** Worst first: a group shows the worst phase of the iterations it stands for. */
const RANK: Record<NodePhase, number> = { Error: 0, Failed: 1, Running: 2, Pending: 3, Succeeded: 4, Omitted: 5, Skipped: 6 };

/** A retry attempt suffix: `(1)` at the end of a path or before `.`/`[`. */
const RETRY_SUFFIX = /\((\d+)\)(?=$|\.|\[)/g;

export function isNodePhase(s: string | undefined): s is NodePhase {
  return s !== undefined && (NODE_PHASES as readonly string[]).includes(s);
}

/** Removes loop iteration suffixes: `A(0:x).B(1:y)` -> `A.B`. */
export function withoutIterations(path: string): string {
  return path.replace(/\(\d+:[^()]*\)/g, '');
}

/** Removes retry attempt suffixes: `A(1).B(0)` -> `A.B`. */
export function withoutRetries(path: string): string {
  return path.replace(RETRY_SUFFIX, '');
}

/** The graph node a run node stands for: its path without loop iterations and retry attempts. */
export function graphNodeIdOf(path: string): string {
  return withoutRetries(withoutIterations(path));
}

function attempt(path: string): number {
  let max = -1;
  for (const m of path.matchAll(RETRY_SUFFIX)) max = Math.max(max, Number(m[1]));
  return max;
}

/**
 * The graph path of an Argo node name: `wf-abc12.A.B` -> `A.B`, `wf-abc12[0].step` -> `[0].step`,
 * `wf-abc12` -> '' (the workflow's root node).
 */
export function argoNodePath(workflowName: string, nodeName: string): string {
  if (!nodeName.startsWith(workflowName)) return nodeName;
  const rest = nodeName.slice(workflowName.length);
  return rest.startsWith('.') ? rest.slice(1) : rest;
}

/** What the phase map reads of an Argo node (`status.nodes[*]`). */
export interface ArgoNodeLike {
  readonly name: string;
  readonly phase?: string;
  readonly message?: string;
  readonly type?: string;
  readonly templateName?: string;
}

/**
 * The phase map of a workflow's `status.nodes`, keyed by graph path: every Argo node's own path, plus
 * the paths it folds onto (retries, then loop iterations, as the module comment says) when they have no
 * node of their own. A leaf entrypoint (Argo's root node is a Pod) also stands for its template, the
 * graph's single node. `messageOf` gives the hover message (default: the node's own message).
 */
export function phaseMapFromArgoNodes<N extends ArgoNodeLike>(
  workflowName: string,
  nodes: Iterable<N | undefined>,
  messageOf: (n: N) => string | undefined = (n) => n.message,
): Record<string, PhaseInfo> {
  const out: Record<string, PhaseInfo> = {};
  const retried = new Map<string, { info: PhaseInfo; attempt: number }>();
  for (const n of nodes) {
    if (!n || !isNodePhase(n.phase)) continue;
    const path = argoNodePath(workflowName, n.name);
    const message = messageOf(n);
    const info: PhaseInfo = { phase: n.phase, ...(message ? { message } : {}) };
    out[path] = info;
    if (path === '' && (n.type === 'Pod' || n.type === 'Container') && n.templateName && !(n.templateName in out)) out[n.templateName] = info;
    const base = withoutRetries(path);
    if (base !== path) {
      const a = attempt(path);
      const prev = retried.get(base);
      if (!prev || a > prev.attempt) retried.set(base, { info, attempt: a });
    }
  }
  for (const [base, { info }] of retried) if (!(base in out)) out[base] = info;
  const iterated = new Map<string, PhaseInfo>();
  for (const [path, info] of Object.entries(out)) {
    const base = withoutIterations(path);
    if (base === path) continue;
    const prev = iterated.get(base);
    if (!prev || RANK[info.phase] < RANK[prev.phase]) iterated.set(base, info);
  }
  for (const [base, info] of iterated) if (!(base in out)) out[base] = info;
  return out;
}

/**
 * Joins a phase map (from `phaseMapFromArgoNodes`) onto the graph's nodes by id: a new graph, the input
 * unchanged. Nodes without an entry get no phase.
 */
export function joinPhases(graph: WorkflowGraph, phases: Readonly<Record<string, PhaseInfo>> | ReadonlyMap<string, PhaseInfo>): WorkflowGraph {
  const byPath = phases instanceof Map ? phases : new Map(Object.entries(phases as Record<string, PhaseInfo>));
  const nodes = graph.nodes.map((n) => {
    const info = byPath.get(n.id);
    const copy = { ...n, problems: n.problems };
    delete copy.phase;
    delete copy.phaseMessage;
    if (info && isNodePhase(info.phase)) {
      copy.phase = info.phase;
      if (info.message) copy.phaseMessage = info.message;
    }
    return copy;
  });
  return { ...graph, nodes };
}
