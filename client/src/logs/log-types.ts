/**
 * The line model shared by the log session (extension host) and the logs webview. Types only, no
 * `vscode`, no DOM.
 */

export type NoticeLevel = 'info' | 'warning' | 'error';

/** One line of a step's log (or a notice about the step), as kept by the line store. */
export interface LogLine {
  /** Arrival order within a session (unique, increasing). */
  readonly seq: number;
  /** Index of the step in the session's step table. */
  readonly step: number;
  /** Sortable UTC timestamp, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (see timestamp.ts). */
  readonly key: string;
  /** The text without the timestamp prefix (ANSI escapes kept). */
  readonly text: string;
  /** Set on notices written by the extension (pod deleted, forbidden, ...), never on log lines. */
  readonly notice?: NoticeLevel;
}

/** What the streamer of one step is doing, for the status chip of the step. */
export type StepStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'waiting'; readonly reason: string; readonly attempt: number }
  /** The pod is not on a node yet (the log request answered 204, or 404 while the pod exists). */
  | { readonly kind: 'scheduling'; readonly attempt: number; readonly detail: string }
  | { readonly kind: 'streaming'; readonly resumes: number }
  | { readonly kind: 'reconnecting'; readonly attempt: number; readonly error: string }
  | { readonly kind: 'ended'; readonly reason: EndReason; readonly message: string };

export type EndReason = 'completed' | 'pod-deleted' | 'never-started' | 'unauthorized' | 'forbidden' | 'error' | 'stopped' | 'no-container';

/** A step (one pod) of the run, as shown in the step picker and the line prefixes. */
export interface StepView {
  readonly index: number;
  readonly podName: string;
  readonly nodeId: string;
  /** Short label (the step or task name, e.g. `print(1:b)`), unique within the session. */
  readonly label: string;
  /** Full node name (e.g. `wf[0].print(1:b)`), for the tooltip. */
  readonly nodeName: string;
  readonly containers: readonly string[];
  readonly podPhase: string;
  /** Index into the colour palette. */
  readonly color: number;
  readonly status: StepStatus;
  /** Lines received for the selected container (before eviction). */
  readonly lines: number;
}

export interface LogTarget {
  readonly namespace: string;
  readonly workflowName: string;
  /** Focus on one step: its pod, or its Argo node id. */
  readonly podName?: string;
  readonly nodeId?: string;
}

export interface LogRange {
  readonly sinceSeconds?: number;
  readonly tailLines?: number;
}

export interface SessionInfo {
  readonly target: LogTarget;
  readonly contextName: string;
  readonly container: string;
  readonly containers: readonly string[];
  readonly range: LogRange;
  /** Every step is streamed (else only the focused one). */
  readonly streamAll: boolean;
  /** The pod of the focused step, once known. */
  readonly focusPod?: string;
  /** A transient message about the session as a whole (e.g. waiting for pods). */
  readonly banner?: string;
  /** The workflow has finished and every stream has ended. */
  readonly done: boolean;
  readonly maxLines: number;
}
