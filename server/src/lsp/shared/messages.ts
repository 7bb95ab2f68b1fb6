/**
 * Messages between the protocol thread and the analysis workers. Plain data only (structured clone).
 * The protocol thread keeps the texts and routes; a worker keeps one tree per document and answers
 * every request derived from a document's text.
 */
import type { HelmSettings } from '../../helm/helm-settings';
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionList,
  CompletionParams,
  Definition,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Location,
  Position,
  Range,
  TextDocumentContentChangeEvent,
  TextDocumentPositionParams,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { AnalyzeOptions } from '../../core/analyze';
import type { GraphRequestParams, GraphResponse } from '../../core/graph/protocol';
import type { IndexedWorkflowTemplate } from '../../core/workspace/template-summary';

/** Analysis options the protocol thread broadcasts (settings and what the cluster has). */
/** Analysis settings, and how Helm chart templates are rendered. */
export type WorkerConfig = Omit<AnalyzeOptions, 'workspace' | 'uri' | 'assumeArgo'> & { readonly helm?: HelmSettings };

/** Another file that cross-file navigation may look into: an open document's text, or a file on disk. */
export interface OtherFile {
  readonly uri: string;
  /** The open document's text; absent: the worker reads the file (bounded). */
  readonly text?: string;
}

export interface NavigationParams extends TextDocumentPositionParams {
  /** The other files of the workspace (open ones with their text), for cross-file references. */
  readonly others: readonly OtherFile[];
}

/** A refusal that the client should show (e.g. rename of nothing), as LSP ResponseError data. */
export interface Refusal {
  readonly refused: string;
}

export interface DiagnosticsResult {
  readonly diagnostics: Diagnostic[];
  readonly hasArgo: boolean;
  /** The WorkflowTemplates this text defines (for the workspace index). */
  readonly templates: IndexedWorkflowTemplate[];
}

export interface IndexFilesResult {
  readonly files: { readonly uri: string; readonly templates: IndexedWorkflowTemplate[]; readonly skipped?: string }[];
}

/** Every job a worker runs: its parameters and its result. */
export interface Jobs {
  diagnostics: { params: Record<string, never>; result: DiagnosticsResult };
  completion: { params: CompletionParams; result: CompletionList };
  hover: { params: TextDocumentPositionParams; result: Hover | null };
  definition: { params: NavigationParams; result: Definition | null };
  references: { params: NavigationParams & { readonly includeDeclaration: boolean }; result: Location[] };
  prepareRename: { params: TextDocumentPositionParams; result: { range: Range; placeholder: string } | null };
  rename: { params: NavigationParams & { readonly newName: string }; result: WorkspaceEdit | Refusal };
  documentSymbol: { params: Record<string, never>; result: DocumentSymbol[] };
  foldingRange: { params: Record<string, never>; result: FoldingRange[] };
  codeLens: { params: Record<string, never>; result: CodeLens[] };
  codeAction: { params: CodeActionParams; result: CodeAction[] };
  graph: { params: GraphRequestParams; result: GraphResponse };
  indexFiles: { params: { readonly uris: readonly string[]; readonly maxBytes: number }; result: IndexFilesResult };
}

export type JobKind = keyof Jobs;

/** Protocol thread -> worker. */
export type ToWorker =
  /** The document's text at `version`: in full, or as changes to the version the worker has. */
  | {
      readonly type: 'sync';
      readonly uri: string;
      readonly version: number;
      readonly text?: string;
      readonly changes?: TextDocumentContentChangeEvent[];
      readonly wasArgo: boolean;
      /** The editor's language id (with a full text): `helm` makes it a Helm template. */
      readonly languageId?: string;
    }
  | { readonly type: 'close'; readonly uri: string }
  | { readonly type: 'config'; readonly config: WorkerConfig }
  /** The workspace index; `recheck` false when only source ranges moved (analyses stay valid). */
  | { readonly type: 'workspace'; readonly version: number; readonly entries: readonly IndexedWorkflowTemplate[]; readonly recheck: boolean }
  | {
      readonly type: 'job';
      readonly id: number;
      readonly kind: JobKind;
      readonly uri: string | undefined;
      readonly version: number | undefined;
      readonly params: unknown;
    };

/** Worker -> protocol thread. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown; readonly elapsedMs: number }
  /** `stale`: the worker has a newer text than the job's version; `failed`: the handler threw. */
  | {
      readonly type: 'result';
      readonly id: number;
      readonly ok: false;
      readonly reason: 'stale' | 'failed' | 'unknown-document';
      readonly message: string;
      readonly elapsedMs: number;
    };

export const WORKER_SCRIPT = 'server-worker.js';

/** Re-exported for handlers that build positions. */
export type { Position };
