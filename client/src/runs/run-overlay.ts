/**
 * The run overlay for the graph: each Argo node's phase keyed by its graph path (as
 * `phaseMapFromArgoNodes`), with a hover message that adds the duration and what the pod says.
 * Retry attempts (`A(1)`) are also folded onto the path without the attempt, latest attempt first,
 * when that path has no node of its own (loop iterations are folded by `joinPhases` itself).
 */
import { argoNodePath, isNodePhase } from '../../../server/src/core/graph/phases';
import type { PhaseInfo } from '../../../server/src/core/graph/types';
import { summarizePod } from '../cluster/pod-summary';
import type { NodeStatus, Pod, Workflow } from '../cluster/types';
import { nodeDuration } from './format';
import { expectedPodName } from './node-tree';

const RETRY_SUFFIX = /\((\d+)\)(?=$|\.|\[)/g;

function attempt(path: string): number {
  let max = -1;
  for (const m of path.matchAll(RETRY_SUFFIX)) max = Math.max(max, Number(m[1]));
  return max;
}

export function nodeHoverText(wf: Workflow, n: NodeStatus, pod: Pod | undefined, now: number): string {
  const parts: string[] = [];
  const d = nodeDuration(n, now);
  if (d) parts.push(d);
  if (n.message) parts.push(n.message);
  const podName = pod?.metadata?.name ?? expectedPodName(wf, n);
  if (pod) {
    const s = summarizePod(pod);
    parts.push(`pod ${s.name}: ${s.text}`);
  } else if (podName) parts.push(`pod ${podName}`);
  return parts.join(' · ');
}

export function runPhaseMap(wf: Workflow, nodes: Readonly<Record<string, NodeStatus>>, podFor: (n: NodeStatus) => Pod | undefined, now: number = Date.now()): Record<string, PhaseInfo> {
  const wfName = wf.metadata?.name ?? '';
  const out: Record<string, PhaseInfo> = {};
  const folded = new Map<string, { info: PhaseInfo; attempt: number }>();
  for (const n of Object.values(nodes)) {
    if (!n || !isNodePhase(n.phase)) continue;
    const path = argoNodePath(wfName, n.name);
    const message = nodeHoverText(wf, n, n.type === 'Pod' || n.type === 'Container' ? podFor(n) : undefined, now);
    const info: PhaseInfo = { phase: n.phase, ...(message ? { message } : {}) };
    out[path] = info;
    // A leaf entrypoint: the graph's single node is the template itself, Argo's root node the workflow.
    if (path === '' && (n.type === 'Pod' || n.type === 'Container') && n.templateName && !(n.templateName in out)) out[n.templateName] = info;
    const base = path.replace(RETRY_SUFFIX, '');
    if (base !== path) {
      const a = attempt(path);
      const prev = folded.get(base);
      if (!prev || a > prev.attempt) folded.set(base, { info, attempt: a });
    }
  }
  for (const [base, { info }] of folded) if (!(base in out)) out[base] = info;
  return out;
}
