/** Durations and short texts shown for runs and nodes (Argo's words). */
import type { NodeStatus, Workflow } from '../cluster';

/** `45s`, `3m 05s`, `2h 03m`, `1d 4h`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

function time(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** Run time of a workflow or node: finishedAt (or now) minus startedAt; undefined before it starts. */
export function elapsedMs(item: { startedAt?: string | null; finishedAt?: string | null }, now: number): number | undefined {
  const start = time(item.startedAt);
  if (start === undefined) return undefined;
  return (time(item.finishedAt) ?? now) - start;
}

export const FINISHED_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error']);

export function workflowPhase(wf: Workflow): string {
  return wf.status?.phase || 'Pending';
}

export function isFinished(wf: Workflow): boolean {
  return FINISHED_PHASES.has(wf.status?.phase ?? '');
}

/** `Running · 1m 05s · 2/4 · message`. */
export function runDescription(wf: Workflow, now: number): string {
  const parts = [workflowPhase(wf)];
  const ms = elapsedMs(wf.status ?? {}, now);
  if (ms !== undefined) parts.push(formatDuration(ms));
  if (wf.status?.progress) parts.push(wf.status.progress);
  if (wf.status?.message) parts.push(wf.status.message);
  return parts.join(' · ');
}

export function nodeDuration(n: NodeStatus, now: number): string | undefined {
  const ms = elapsedMs(n, now);
  return ms === undefined ? undefined : formatDuration(ms);
}
