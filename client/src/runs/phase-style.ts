/** Argo's phase icons and colours (as the Argo UI shows them), as codicon ids and theme colour ids. */

export interface PhaseStyle {
  /** Codicon id (`sync~spin` spins). */
  readonly icon: string;
  /** Theme colour id. */
  readonly color?: string;
}

const STYLES: Readonly<Record<string, PhaseStyle>> = {
  Pending: { icon: 'clock', color: 'charts.yellow' },
  Running: { icon: 'sync~spin', color: 'charts.blue' },
  Succeeded: { icon: 'pass-filled', color: 'charts.green' },
  Failed: { icon: 'error', color: 'charts.red' },
  Error: { icon: 'warning', color: 'charts.red' },
  Skipped: { icon: 'debug-step-over', color: 'disabledForeground' },
  Omitted: { icon: 'circle-slash', color: 'disabledForeground' },
  Suspended: { icon: 'debug-pause', color: 'charts.yellow' },
};

/** Style of a workflow or node phase; `suspended` for a suspended run or an active suspend node. */
export function phaseStyle(phase: string | undefined, suspended = false): PhaseStyle {
  if (suspended && (phase === 'Running' || phase === 'Pending' || !phase)) return STYLES.Suspended;
  return STYLES[phase || 'Pending'] ?? { icon: 'circle-outline' };
}
