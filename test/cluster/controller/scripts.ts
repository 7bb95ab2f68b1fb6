// What a simulated pod does: its log lines, their pace, its exit code, its timing. Tests script it per
// template; otherwise it is derived from the container's command (echo/print/exit N in the arguments).

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

function echoText(words: string[]): string {
  return words.join(' ').replace(/^["']|["']$/g, '');
}

/** Best-effort: what `sh -c "echo x; exit 1"`, `echo x`, `python -c "print('x')"` would print. */
export function deriveScript(tmpl: Template): PodScript {
  const c: ContainerSpec | undefined = tmpl.container ?? tmpl.script;
  if (!c) return {};
  const command = c.command ?? [];
  const args = c.args ?? [];
  const argv = [...command, ...args];
  const lines: string[] = [];
  let exitCode = 0;
  const shellText = argv.length >= 3 && /(^|\/)(ba)?sh$/.test(argv[0]) && argv[1] === '-c' ? argv.slice(2).join(' ') : undefined;
  const source = tmpl.script?.source;
  if (shellText !== undefined || (source !== undefined && /sh$/.test(command[0] ?? ''))) {
    for (const stmt of (shellText ?? source ?? '').split(/[;\n]|&&/)) {
      const s = stmt.trim();
      const echo = /^echo\s+(.*)$/.exec(s);
      if (echo) lines.push(echoText([echo[1]]));
      const exit = /^exit\s+(\d+)$/.exec(s);
      if (exit) exitCode = Number(exit[1]);
    }
  } else if (argv.length > 0 && /(^|\/)echo$/.test(argv[0])) {
    lines.push(echoText(argv.slice(1)));
  } else {
    const text = source ?? argv.join(' ');
    for (const m of text.matchAll(/print\(\s*(?:f?["'])(.*?)["']\s*\)/g)) lines.push(m[1]);
    const exit = /sys\.exit\((\d+)\)/.exec(text);
    if (exit) exitCode = Number(exit[1]);
  }
  return { lines, exitCode };
}

export function resolveScript(
  tmpl: Template,
  src: PodScriptSource | undefined,
  ctx: PodRunContext,
): Required<Omit<PodScript, 'stuckReason' | 'outputParameters' | 'result'>> & PodScript {
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
  };
}
