/**
 * The run overlay for the graph: the phase map of a run (`phaseMapFromArgoNodes`: each Argo node's phase
 * keyed by its graph path, retries and loop iterations folded), with a hover message that adds the
 * duration and what the pod says.
 */
import { phaseMapFromArgoNodes, type PhaseInfo } from '../../../server/src/core/graph';
import { summarizePod } from '../cluster';
import type { NodeStatus, Pod, Workflow } from '../cluster';
import { nodeDuration } from './format';
import { expectedPodName } from './node-tree';

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

export function runPhaseMap(
  wf: Workflow,
  nodes: Readonly<Record<string, NodeStatus>>,
  podFor: (n: NodeStatus) => Pod | undefined,
  now: number = Date.now(),
): Record<string, PhaseInfo> {
  return phaseMapFromArgoNodes(wf.metadata?.name ?? '', Object.values(nodes), (n) =>
    nodeHoverText(wf, n, n.type === 'Pod' || n.type === 'Container' ? podFor(n) : undefined, now),
  );
}
