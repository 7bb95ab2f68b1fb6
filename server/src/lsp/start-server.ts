import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { AnalysisRunner } from './analysis-runner';
import { provideCodeActions } from './code-actions';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentStore } from './document-store';
import { registerFeatures } from './features';
import { graphCodeLenses, registerGraphRequest } from './graph-request';
import { toAnalyzeOptions } from './settings';
import { WorkspaceFiles } from './workspace-files';
import { toClusterInventory } from '../core/workspace/cluster-inventory';

export const SERVER_NAME = 'argo-studio';
const VERSION = '0.1.0';

/** Starts the language server on stdio (`--stdio`) or IPC (`--node-ipc`), as the arguments say. */
export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const store = new DocumentStore();
  const workspace = new WorkspaceFiles();
  store.setWorkspace(() => workspace.index());
  const delay = Number(process.env.ARGO_STUDIO_DEBOUNCE_MS ?? '10');
  const runner = new AnalysisRunner({
    script: __filename,
    timeoutMs: Number(process.env.ARGO_STUDIO_ANALYSIS_TIMEOUT_MS ?? '30000'),
    log: (m) => connection.console.error(m),
    workspace: () => ({ version: workspace.version, entries: () => workspace.entries() }),
  });
  const diagnostics = new DiagnosticsPublisher(connection, store, runner, Number.isFinite(delay) ? delay : 10);
  let pullConfiguration = false;
  const workspaceRoots: string[] = [];

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) store.setOptions(toAnalyzeOptions(init.settings));
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots.forEach((r) => workspaceRoots.push(r));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        completionProvider: { triggerCharacters: ['{', '.', ':', ' ', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    runner.warm();
    // Index the workspace's WorkflowTemplates after the handshake, off the first request's path.
    setTimeout(() => {
      const started = Date.now();
      const files = workspace.scan(workspaceRoots);
      if (files > 0) connection.console.log(`argo-studio: indexed ${files} YAML files in ${Date.now() - started} ms`);
      store.invalidate();
      diagnostics.refreshAll();
    }, 0);
    void loadSettings();
  });

  async function loadSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      const section: unknown = await connection.workspace.getConfiguration('argoStudio');
      // A client with nothing configured answers null: keep what initializationOptions said.
      if (section === null || typeof section !== 'object') return;
      store.setOptions(toAnalyzeOptions(section));
      diagnostics.refreshAll();
    } catch {
      // The client may not answer configuration requests; keep defaults.
    }
  }

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { argoStudio?: unknown } | undefined)?.argoStudio;
    if (settings) {
      store.setOptions(toAnalyzeOptions(settings));
      diagnostics.refreshAll();
    } else void loadSettings();
  });

  const templatesChanged = (uri: string): void => {
    // Another document's templateRefs may resolve differently now.
    store.invalidate();
    for (const other of store.uris()) if (other !== uri) diagnostics.schedule(other);
  };
  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    store.open(d.uri, d.languageId, d.version, d.text);
    if (workspace.documentChanged(d.uri, d.text)) templatesChanged(d.uri);
    diagnostics.schedule(d.uri, true);
  });
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    store.change(d.uri, d.version, contentChanges);
    const text = store.get(d.uri)?.getText() ?? '';
    // Re-index open WorkflowTemplates as they are typed (big ones are re-read when saved).
    if (text.length < 512 * 1024 && /kind:\s*["']?(Cluster)?WorkflowTemplate/.test(text) && workspace.documentChanged(d.uri, text)) templatesChanged(d.uri);
    diagnostics.schedule(d.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    store.close(d.uri);
    workspace.documentClosed(d.uri);
    diagnostics.clear(d.uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) workspace.fileChanged(c.uri, c.type === 3);
    store.invalidate();
    diagnostics.refreshAll();
  });
  // The client tells what the connected cluster has (or null when it disconnects).
  connection.onNotification('argoStudio/clusterInventory', (raw: unknown) => {
    store.setInventory(toClusterInventory(raw));
    diagnostics.refreshAll();
  });
  registerFeatures(connection, store, workspace);
  registerGraphRequest(connection, store);
  connection.onCodeLens((p) => graphCodeLenses(store, p.textDocument.uri));

  connection.onCodeAction((params) => provideCodeActions(store, params));
  connection.onShutdown(() => runner.dispose());

  process.on('uncaughtException', (e) => connection.console.error(`argo-studio: ${e.stack ?? e.message}`));
  connection.listen();
  return connection;
}
