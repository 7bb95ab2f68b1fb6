/**
 * The run overlay: a workflow's node phases joined onto the graph's nodes. Graph node ids are Argo node
 * names without the workflow name (`A.B`, `[0].step`), so a run's status maps onto them directly.
 */
import { NODE_PHASES, type NodePhase, type PhaseInfo, type WorkflowGraph } from './types';

/** Worst first: a group shows the worst phase of the iterations it stands for. */
const RANK: Record<NodePhase, number> = { Error: 0, Failed: 1, Running: 2, Pending: 3, Succeeded: 4, Omitted: 5, Skipped: 6 };

export function isNodePhase(s: string | undefined): s is NodePhase {
  return s !== undefined && (NODE_PHASES as readonly string[]).includes(s);
}

/** Removes loop iteration suffixes: `A(0:x).B(1:y)` -> `A.B`. */
export function withoutIterations(path: string): string {
  return path.replace(/\(\d+:[^()]*\)/g, '');
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

/** A phase map from a workflow's `status.nodes` (keyed by graph path). */
export function phaseMapFromArgoNodes(workflowName: string, nodes: Iterable<{ readonly name: string; readonly phase?: string; readonly message?: string }>): Record<string, PhaseInfo> {
  const out: Record<string, PhaseInfo> = {};
  for (const n of nodes) {
    if (!isNodePhase(n.phase)) continue;
    out[argoNodePath(workflowName, n.name)] = { phase: n.phase, ...(n.message ? { message: n.message } : {}) };
  }
  return out;
}

function entries(phases: Readonly<Record<string, PhaseInfo>> | ReadonlyMap<string, PhaseInfo>): [string, PhaseInfo][] {
  return phases instanceof Map ? [...phases.entries()] : Object.entries(phases as Record<string, PhaseInfo>);
}

/**
 * Joins phases onto the graph's nodes (a new graph; the input is unchanged). An exact path wins; else
 * the worst phase of the loop iterations of that path. Nodes without an entry get no phase.
 */
export function joinPhases(graph: WorkflowGraph, phases: Readonly<Record<string, PhaseInfo>> | ReadonlyMap<string, PhaseInfo>): WorkflowGraph {
  const exact = new Map<string, PhaseInfo>();
  const folded = new Map<string, PhaseInfo>();
  for (const [path, info] of entries(phases)) {
    if (!isNodePhase(info.phase)) continue;
    exact.set(path, info);
    const base = withoutIterations(path);
    if (base === path) continue;
    const prev = folded.get(base);
    if (!prev || RANK[info.phase] < RANK[prev.phase]) folded.set(base, info);
  }
  const nodes = graph.nodes.map((n) => {
    const info = exact.get(n.id) ?? folded.get(n.id);
    const copy = { ...n, problems: n.problems };
    delete copy.phase;
    delete copy.phaseMessage;
    if (info) {
      copy.phase = info.phase;
      if (info.message) copy.phaseMessage = info.message;
    }
    return copy;
  });
  return { ...graph, nodes };
}
