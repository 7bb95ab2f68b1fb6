/** Reading Argo pods: containers and their states, the node a pod runs, a short step label. Pure. */
import { ANNOTATION_DEFAULT_CONTAINER, ANNOTATION_NODE_ID, ANNOTATION_NODE_NAME, type ContainerStatus, type Pod } from '../cluster';

export type ContainerState =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'waiting'; readonly reason: string; readonly message?: string }
  | { readonly kind: 'running' }
  | { readonly kind: 'terminated'; readonly exitCode: number; readonly reason: string };

/** Containers of a pod for the picker: main first, then sidecars and containerSet members, wait, init containers. */
export function containerNames(pod: Pod): string[] {
  const main = (pod.spec?.containers ?? []).map((c) => c.name);
  const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
  const others = main.filter((n) => n !== 'main' && n !== 'wait');
  return [...(main.includes('main') ? ['main'] : []), ...others, ...(main.includes('wait') ? ['wait'] : []), ...init];
}

/**
 * The container to show for a pod that has no `main` (a containerSet pod): the default-container
 * annotation, else its first container other than `wait`.
 */
export function defaultContainer(pod: Pod): string | undefined {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const annotated = pod.metadata?.annotations?.[ANNOTATION_DEFAULT_CONTAINER];
  if (annotated && names.includes(annotated)) return annotated;
  return names.find((n) => n !== 'wait');
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  return pod.status?.containerStatuses?.find((c) => c.name === container) ?? pod.status?.initContainerStatuses?.find((c) => c.name === container);
}

export function containerState(pod: Pod, container: string): ContainerState {
  const s = statusOf(pod, container)?.state;
  if (s?.terminated) return { kind: 'terminated', exitCode: s.terminated.exitCode ?? 0, reason: s.terminated.reason ?? '' };
  if (s?.running) return { kind: 'running' };
  if (s?.waiting) return { kind: 'waiting', reason: s.waiting.reason ?? 'Waiting', ...(s.waiting.message ? { message: s.waiting.message } : {}) };
  return { kind: 'unknown' };
}

export function restartCount(pod: Pod, container: string): number {
  return statusOf(pod, container)?.restartCount ?? 0;
}

export function podFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function podNodeId(pod: Pod): string {
  return pod.metadata?.annotations?.[ANNOTATION_NODE_ID] ?? pod.metadata?.name ?? '';
}

export function podNodeName(pod: Pod): string {
  return pod.metadata?.annotations?.[ANNOTATION_NODE_NAME] ?? pod.metadata?.name ?? '';
}

/** Segments of an Argo node name (`wf[0].loop(1:a.b).x` -> `wf[0]`, `loop(1:a.b)`, `x`): dots inside () or [] do not split. */
export function nodeNameSegments(nodeName: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < nodeName.length; i++) {
    const c = nodeName[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '.' && depth === 0) {
      out.push(nodeName.slice(from, i));
      from = i + 1;
    }
  }
  out.push(nodeName.slice(from));
  return out;
}

/** The step or task name of a node (`wf[0].print(1:b)` -> `print(1:b)`; the root node keeps its name). */
export function shortStepLabel(nodeName: string): string {
  const segs = nodeNameSegments(nodeName);
  return segs[segs.length - 1] || nodeName;
}

/** The node name without the workflow's prefix (`wf[0].a` -> `[0].a`), for labels that must be unique. */
export function longStepLabel(nodeName: string, workflowName: string): string {
  if (nodeName.startsWith(`${workflowName}.`)) return nodeName.slice(workflowName.length + 1);
  if (nodeName.startsWith(`${workflowName}[`)) return nodeName.slice(workflowName.length);
  return nodeName;
}
