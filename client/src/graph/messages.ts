/**
 * Messages between the graph panel (extension host) and its webview (media/graph). Types only:
 * imported by both sides, no `vscode` import.
 */
import type { GraphDirection, GraphResponse, PhaseInfo } from '../../../server/src/core/graph/view';

/** What a panel shows; kept by the webview (setState) so the serializer can restore it after a reload. */
export interface SessionState {
  readonly uri: string;
  readonly documentIndex?: number;
  readonly template?: string;
  readonly direction: GraphDirection;
  readonly showArtifacts: boolean;
  readonly collapsed: readonly string[];
}

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Everything the webview persists with setState. */
export interface PersistedState {
  readonly session: SessionState;
  readonly view?: ViewTransform;
}

export type ExportFormat = 'svg' | 'png';

export type HostMessage =
  | { readonly type: 'graph'; readonly response: Extract<GraphResponse, { ok: true }>; readonly session: SessionState; readonly fit: boolean }
  | { readonly type: 'error'; readonly message: string; readonly session: SessionState }
  | { readonly type: 'active'; readonly ids: readonly string[]; readonly scroll: boolean }
  | { readonly type: 'phases'; readonly phases: Readonly<Record<string, PhaseInfo>> | undefined }
  | { readonly type: 'export'; readonly format: ExportFormat; readonly requestId: number }
  | { readonly type: 'busy'; readonly busy: boolean };

export type WebviewMessage =
  | { readonly type: 'ready'; readonly state: PersistedState | undefined }
  | { readonly type: 'rendered' }
  | { readonly type: 'reveal'; readonly id: string }
  | { readonly type: 'toggle'; readonly id: string }
  | { readonly type: 'expandAll' }
  | { readonly type: 'collapseAll' }
  | { readonly type: 'setDirection'; readonly direction: GraphDirection }
  | { readonly type: 'setArtifacts'; readonly show: boolean }
  | { readonly type: 'setTemplate'; readonly template: string }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'exported'; readonly requestId: number; readonly format: ExportFormat; readonly data?: string; readonly error?: string };

/** The panel's view type (serializer and `onWebviewPanel:` activation event). */
export const GRAPH_VIEW_TYPE = 'argoStudio.graph';
