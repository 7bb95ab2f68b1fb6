import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';
import { GRAPH_REQUEST_METHOD, type GraphRequestParams, type GraphResponse } from '../../core/graph/protocol';
import type { Jobs, JobKind, OtherFile, Refusal } from '../shared/messages';
import type { OpenDocuments } from './open-documents';
import type { WorkerPool, Priority } from './worker-pool';
import type { WorkspaceState } from './workspace-state';

/** How long a request may wait for its answer before it answers empty (with a logged reason). */
export const REQUEST_DEADLINE_MS = 10_000;
/** The graph of a big document takes longer (build and layout). */
export const GRAPH_DEADLINE_MS = 30_000;

/**
 * Every request about a document goes to the worker that holds it; the protocol thread only routes.
 * A request for a version that was superseded answers ContentModified, a cancelled one
 * RequestCancelled; one that runs out of time answers `fallback` and says why in the log.
 */
export function registerRoutes(connection: Connection, documents: OpenDocuments, pool: WorkerPool, workspace: WorkspaceState): void {
  const ask = async <K extends JobKind, F>(
    kind: K,
    uri: string,
    params: Jobs[K]['params'],
    token: CancellationToken | undefined,
    fallback: F,
    priority: Priority = 1,
  ): Promise<Jobs[K]['result'] | F | ResponseError<void>> => {
    const current = documents.version(uri);
    if (current === undefined || !documents.analysable(uri)) return fallback;
    // The graph is drawn from whatever version is current when it runs (its answer names that
    // version, and all its positions are of it); other requests are about the version they came with.
    const version = kind === 'graph' ? undefined : current;
    const deadlineMs = kind === 'graph' ? GRAPH_DEADLINE_MS : REQUEST_DEADLINE_MS;
    const outcome = await pool.run(kind, uri, version, params, { priority, deadlineMs, token });
    if (outcome.ok) return outcome.value as Jobs[K]['result'];
    switch (outcome.reason) {
      case 'stale':
        return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed; ask again.');
      case 'cancelled':
        return new ResponseError(LSPErrorCodes.RequestCancelled, 'Cancelled.');
      case 'closed':
        return fallback;
      default:
        connection.console.error(`argo-studio: ${kind} for ${uri} answered empty: ${outcome.message.split('\n')[0]}`);
        return fallback;
    }
  };
  /** The other files that cross-file navigation looks into: open ones with their text. */
  const others = (uri: string): OtherFile[] => {
    const open = documents.uris().filter((u) => u !== uri);
    const out: OtherFile[] = open.map((u) => ({ uri: u, text: documents.textOf(u)?.text }));
    const seen = new Set(open);
    for (const f of workspace.files()) if (f !== uri && !seen.has(f)) out.push({ uri: f });
    return out;
  };
  const none = {} as Record<string, never>;

  connection.onCompletion((p, token) => ask('completion', p.textDocument.uri, p, token, { isIncomplete: false, items: [] }));
  connection.onHover((p, token) => ask('hover', p.textDocument.uri, p, token, null));
  connection.onDefinition((p, token) => ask('definition', p.textDocument.uri, { ...p, others: others(p.textDocument.uri) }, token, null));
  connection.onReferences((p, token) =>
    ask('references', p.textDocument.uri, { ...p, includeDeclaration: p.context.includeDeclaration, others: others(p.textDocument.uri) }, token, []),
  );
  connection.onPrepareRename((p, token) => ask('prepareRename', p.textDocument.uri, p, token, null));
  connection.onRenameRequest(async (p, token) => {
    const r = await ask('rename', p.textDocument.uri, { ...p, others: others(p.textDocument.uri) }, token, null);
    if (r && 'refused' in r) return new ResponseError(LSPErrorCodes.RequestFailed, (r as Refusal).refused);
    return r;
  });
  connection.onDocumentSymbol((p, token) => ask('documentSymbol', p.textDocument.uri, none, token, []));
  connection.onFoldingRanges((p, token) => ask('foldingRange', p.textDocument.uri, none, token, []));
  connection.onCodeLens((p, token) => ask('codeLens', p.textDocument.uri, none, token, []));
  connection.onCodeAction((p, token) => ask('codeAction', p.textDocument.uri, p, token, []));
  connection.onRequest(GRAPH_REQUEST_METHOD, async (p: GraphRequestParams, token: CancellationToken): Promise<GraphResponse | ResponseError<void>> => {
    const notOpen: GraphResponse = {
      ok: false,
      uri: p.uri,
      error: documents.get(p.uri) ? 'The document is too large to draw.' : 'The document is not open in the Argo language server.',
    };
    return ask('graph', p.uri, p, token, notOpen, 2);
  });
}
