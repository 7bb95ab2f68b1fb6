/** Log lines as plain text for copy and "save as": ANSI removed, optional step prefix and timestamps. Pure. */
import { stripAnsi } from './ansi';
import type { LogLine, StepView } from './log-types';
import { displayTime } from './timestamp';

export interface ExportOptions {
  readonly timestamps: boolean;
  /** Prefix each line with its step (as in `argo logs` for a whole workflow). */
  readonly stepPrefix: boolean;
}

export function exportText(lines: Iterable<LogLine>, steps: readonly StepView[], o: ExportOptions): string {
  const out: string[] = [];
  for (const l of lines) {
    const step = l.step >= 0 ? steps[l.step]?.label : undefined;
    const parts: string[] = [];
    if (o.stepPrefix && step !== undefined) parts.push(`${step}:`);
    if (o.timestamps && l.key) parts.push(displayTime(l.key));
    parts.push(l.notice ? `[${l.notice}] ${l.text}` : stripAnsi(l.text));
    out.push(parts.join(' '));
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** A file name for saved logs: `<workflow>[-<step>]-<container>.log`. */
export function logFileName(workflow: string, step: string | undefined, container: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${
    [workflow, step, container]
      .filter((p): p is string => !!p)
      .map(safe)
      .filter((p) => p)
      .join('-') || 'logs'
  }.log`;
}
