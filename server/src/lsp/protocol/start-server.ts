import { join } from 'node:path';
import { createConnection, ProposedFeatures, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { toClusterInventory } from '../../core/workspace/cluster-inventory';
import type { ClusterInventory } from '../../core/workspace/cluster-inventory';
import { toAnalyzeOptions, type ServerSettings } from '../settings';
import { WORKER_SCRIPT, type DiagnosticsResult } from '../shared/messages';
import { DiagnosticsPublisher } from './diagnostics-publisher';
import { OpenDocuments } from './open-documents';
import { registerRoutes } from './routes';
import { WorkerPool } from './worker-pool';
import { WorkspaceIndexer } from './workspace-indexer';
import { WorkspaceState } from './workspace-state';

export const SERVER_NAME = 'argo-studio';
const VERSION = '0.1.0';

const numberFromEnv = (name: string, fallback: number): number => {
  const n = Number(process.env[name] ?? '');
  return process.env[name] !== undefined && Number.isFinite(n) ? n : fallback;
};

/**
 * Starts the language server on stdio (`--stdio`) or IPC (`--node-ipc`), as the arguments say.
 * This thread only routes: texts are kept here, everything derived from them is computed in the
 * analysis workers (server-worker.js).
 */
export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new OpenDocuments();
  const workspace = new WorkspaceState();
  const hardLimitMs = numberFromEnv('ARGO_STUDIO_ANALYSIS_TIMEOUT_MS', 30_000);
  const pool = new WorkerPool({
    script: join(__dirname, WORKER_SCRIPT),
    minWorkers: Math.max(1, numberFromEnv('ARGO_STUDIO_MIN_WORKERS', 1)),
    maxWorkers: 4,
    hardLimitMs,
    moveAfterMs: 10,
    idleWorkerMs: 30_000,
    workerHeapMb: 2048,
    log: (m) => connection.console.log(m),
    textOf: (uri) => documents.textOf(uri),
  });
  let options: ServerSettings = {};
  let inventory: ClusterInventory | undefined;
  const sendConfig = (): void => pool.broadcast({ type: 'config', config: { ...options, inventory } });
  /** The index to every worker; `recheck`: what the checks read changed (not only ranges). */
  const sendWorkspace = (recheck: boolean): void => pool.broadcast({ type: 'workspace', version: workspace.version, entries: workspace.entries(), recheck });
  sendConfig();

  const onAnalysed = (uri: string, result: DiagnosticsResult): void => {
    documents.markArgo(uri, result.hasArgo);
    const change = workspace.setOpen(uri, result.templates);
    // Another document's templateRefs may resolve differently now; moved ranges only serve navigation.
    if (change === 'changed') templatesChanged(uri);
    else if (change === 'moved') sendWorkspace(false);
  };
  const diagnostics = new DiagnosticsPublisher(connection, documents, pool, numberFromEnv('ARGO_STUDIO_DEBOUNCE_MS', 0), hardLimitMs + 5000, onAnalysed);
  const templatesChanged = (except?: string): void => {
    sendWorkspace(true);
    diagnostics.refreshAll(except);
  };
  const indexer = new WorkspaceIndexer(
    pool,
    workspace,
    (m) => connection.console.log(m),
    () => templatesChanged(),
  );

  let pullConfiguration = false;
  const workspaceRoots: string[] = [];
  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) {
      options = toAnalyzeOptions(init.settings);
      sendConfig();
    }
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
    // Index the workspace's WorkflowTemplates in the background (async walk, parsing in the workers).
    void indexer.scan(workspaceRoots);
    void loadSettings();
  });

  async function loadSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      const section: unknown = await connection.workspace.getConfiguration('argoStudio');
      // A client with nothing configured answers null: keep what initializationOptions said.
      if (section === null || typeof section !== 'object') return;
      options = toAnalyzeOptions(section);
      sendConfig();
      diagnostics.refreshAll();
    } catch {
      // The client may not answer configuration requests; keep defaults.
    }
  }

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { argoStudio?: unknown } | undefined)?.argoStudio;
    if (settings) {
      options = toAnalyzeOptions(settings);
      sendConfig();
      diagnostics.refreshAll();
    } else void loadSettings();
  });

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    documents.open(d.uri, d.languageId, d.version, d.text);
    diagnostics.schedule(d.uri, true);
  });
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    const previous = documents.change(d.uri, d.version, contentChanges);
    if (previous === undefined) return;
    if (documents.analysable(d.uri)) pool.sync(d.uri, d.version, contentChanges, previous);
    else pool.close(d.uri);
    diagnostics.schedule(d.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    documents.close(d.uri);
    pool.close(d.uri);
    if (workspace.closeOpen(d.uri)) templatesChanged(d.uri);
    diagnostics.clear(d.uri);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => indexer.filesChanged(changes.map((c) => ({ uri: c.uri, deleted: c.type === 3 }))));
  // The client tells what the connected cluster has (or null when it disconnects).
  connection.onNotification('argoStudio/clusterInventory', (raw: unknown) => {
    inventory = toClusterInventory(raw);
    sendConfig();
    diagnostics.refreshAll();
  });
  registerRoutes(connection, documents, pool, workspace);
  connection.onShutdown(() => {
    indexer.dispose();
    pool.dispose();
  });

  process.on('uncaughtException', (e) => connection.console.error(`argo-studio: ${e.stack ?? e.message}`));
  connection.listen();
  return connection;
}
