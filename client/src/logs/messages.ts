/**
 * Messages between the logs view (extension host) and its webview (media/logs). Types only: imported
 * by both sides, no `vscode` import.
 */
import type { LogLine, LogRange, LogTarget, SessionInfo, StepView } from './log-types';

/** What the user chose in the view; kept by the webview with setState. */
export interface ViewOptions {
  readonly timestamps: boolean;
  readonly wrap: boolean;
  readonly follow: boolean;
  readonly search: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
  /** Show only the lines that match the search. */
  readonly filter: boolean;
  /** The pod of the step shown, or undefined for all steps. */
  readonly step: string | undefined;
}

/** What the webview persists; the view restores its session from it after a reload. */
export interface PersistedLogsState {
  readonly target?: LogTarget;
  readonly container?: string;
  readonly range?: LogRange;
  readonly view?: Partial<ViewOptions>;
}

export type ExportAction = 'copy' | 'save';

export type HostMessage =
  /** Everything again (first load, reload, container or range change). */
  | {
      readonly type: 'reset';
      readonly lines: readonly LogLine[];
      readonly steps: readonly StepView[];
      readonly info: SessionInfo | undefined;
      readonly defaults: Partial<ViewOptions>;
      readonly empty?: string;
    }
  /** Lines added, and steps/info when they changed. */
  | { readonly type: 'update'; readonly lines: readonly LogLine[]; readonly steps?: readonly StepView[]; readonly info?: SessionInfo }
  /** Show this step (opened from the graph or the runs tree on a node). */
  | { readonly type: 'focus'; readonly podName: string | undefined }
  /** The host wants the text shown (view title commands). */
  | { readonly type: 'requestExport'; readonly action: ExportAction };

export type WebviewMessage =
  | { readonly type: 'ready'; readonly state: PersistedLogsState | undefined }
  | { readonly type: 'setContainer'; readonly container: string }
  | { readonly type: 'setRange'; readonly range: LogRange }
  | { readonly type: 'streamAll' }
  | { readonly type: 'export'; readonly action: ExportAction; readonly text: string; readonly fileName: string };

/** The webview view's id (package.json `views`), and its container in the panel. */
export const LOGS_VIEW_ID = 'argoStudio.logs';
export const LOGS_CONTAINER_ID = 'argoStudioLogs';
