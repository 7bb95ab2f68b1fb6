/**
 * What a pod tells that Argo's node message often hides or says late: its phase and the waiting /
 * terminated reasons of its containers (ImagePullBackOff, CrashLoopBackOff, OOMKilled, exit codes),
 * eviction, scheduling failures.
 */
import type { ContainerStatus, Pod } from './types';

export interface PodSummary {
  readonly name: string;
  readonly phase: string;
  /** e.g. `main: ImagePullBackOff`, `main: OOMKilled (exit code 137)`, `main: exit code 1`, `Unschedulable: 0/3 nodes...`. */
  readonly reasons: readonly string[];
  /** `Running`, or `Pending · main: ImagePullBackOff`. */
  readonly text: string;
}

/** Waiting reasons that are a normal part of a pod's start. */
const NORMAL_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

function containerReasons(s: ContainerStatus): string[] {
  const out: string[] = [];
  const waiting = s.state?.waiting;
  if (waiting?.reason && !NORMAL_WAITING.has(waiting.reason))
    out.push(`${s.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message.slice(0, 160)})` : ''}`);
  const t = s.state?.terminated;
  if (t) {
    const code = t.exitCode ?? 0;
    const reason = t.reason && t.reason !== 'Completed' && t.reason !== 'Error' ? t.reason : undefined;
    if (reason) out.push(`${s.name}: ${reason} (exit code ${code})`);
    else if (code !== 0) out.push(`${s.name}: exit code ${code}${t.message ? ` (${t.message.slice(0, 160)})` : ''}`);
  }
  const last = s.lastState?.terminated;
  if ((s.restartCount ?? 0) > 0)
    out.push(
      `${s.name}: restarted ${s.restartCount}×${last?.reason ? ` (last: ${last.reason}${last.exitCode !== undefined ? `, exit code ${last.exitCode}` : ''})` : ''}`,
    );
  return out;
}

export function summarizePod(pod: Pod): PodSummary {
  const name = pod.metadata?.name ?? '';
  const phase = pod.status?.phase ?? 'Unknown';
  const reasons: string[] = [];
  if (pod.status?.reason) reasons.push(`${pod.status.reason}${pod.status.message ? `: ${pod.status.message.slice(0, 160)}` : ''}`);
  for (const c of pod.status?.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.status === 'False' && c.reason) reasons.push(`${c.reason}${c.message ? `: ${c.message.slice(0, 160)}` : ''}`);
  }
  for (const s of pod.status?.initContainerStatuses ?? []) reasons.push(...containerReasons(s));
  for (const s of pod.status?.containerStatuses ?? []) reasons.push(...containerReasons(s));
  return { name, phase, reasons, text: [phase, ...reasons].join(' · ') };
}
