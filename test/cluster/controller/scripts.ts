// What a simulated pod does: its log lines, their pace, its exit code, its timing. Tests script it per
// template; otherwise it is derived from the container's command (echo/print/exit N in the arguments).

import { interpretContainer, stdoutLines } from './shell.js';
import type { ContainerSpec, Template } from './wf-types.js';

export interface PodScript {
  /** Lines the `main` container prints. */
  lines?: string[];
  /** Milliseconds between two lines (default 100). */
  intervalMs?: number;
  /** Exit code of `main` (default 0). */
  exitCode?: number;
  /** How long `main` runs (default: long enough for every line, at least 1000 ms). */
  durationMs?: number;
  /** Time in ContainerCreating before the init container runs (default 1000 ms). */
  pendingMs?: number;
  /** How long the init container runs (default 200 ms). */
  initMs?: number;
  /** The pod stays unbound (no node) this long: `GET pods/P/log` answers 204 No Content (default 0). */
  scheduleMs?: number;
  /** Once bound, the kubelet does not know the pod this long: `GET pods/P/log` answers 404 (default 0). */
  admitMs?: number;
  /** Stay Pending forever with this waiting reason (e.g. 'ErrImagePull'). */
  stuckReason?: string;
  /** Output parameters the pod reports (by name), and the script result. */
  outputParameters?: Record<string, string>;
  result?: string;
}

export interface PodRunContext {
  workflowName: string;
  nodeName: string;
  templateName: string;
  /** Retry attempt number (the `{{retries}}` value), 0 when not retried. */
  retries: number;
}

export type PodScriptSource = PodScript | ((ctx: PodRunContext) => PodScript);

/**
 * What the container's command does (shell.ts): the lines it prints, its exit code, and the output
 * parameters read from the files it wrote (`valueFrom.path`), as Argo's executor would.
 */
export function deriveScript(tmpl: Template): PodScript {
  const c: ContainerSpec | undefined = tmpl.container ?? tmpl.script;
  if (!c) return {};
  const run = interpretContainer(c.command ?? [], c.args ?? [], tmpl.script?.source);
  const fromFiles: Record<string, string> = {};
  for (const p of tmpl.outputs?.parameters ?? []) {
    const path = p.valueFrom?.path;
    if (typeof path === 'string' && run.files.has(path)) fromFiles[p.name] = run.files.get(path) ?? '';
  }
  return { lines: stdoutLines(run.stdout), exitCode: run.exitCode, ...(Object.keys(fromFiles).length > 0 ? { outputParameters: fromFiles } : {}) };
}

export type ResolvedScript = Required<Omit<PodScript, 'stuckReason' | 'outputParameters' | 'result'>> & PodScript;

export function resolveScript(tmpl: Template, src: PodScriptSource | undefined, ctx: PodRunContext): ResolvedScript {
  const base = deriveScript(tmpl);
  const given = typeof src === 'function' ? src(ctx) : (src ?? {});
  const merged: PodScript = { ...base, ...given };
  const lines = merged.lines ?? [];
  const intervalMs = merged.intervalMs ?? 100;
  return {
    ...merged,
    lines,
    intervalMs,
    exitCode: merged.exitCode ?? 0,
    durationMs: merged.durationMs ?? Math.max(1000, lines.length * intervalMs),
    pendingMs: merged.pendingMs ?? 1000,
    initMs: merged.initMs ?? 200,
    scheduleMs: merged.scheduleMs ?? 0,
    admitMs: merged.admitMs ?? 0,
  };
}
