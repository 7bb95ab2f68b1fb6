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
import { toAnalyzeOptions } from './settings';

export const SERVER_NAME = 'argo-studio';
const VERSION = '0.1.0';

/** Starts the language server on stdio (`--stdio`) or IPC (`--node-ipc`), as the arguments say. */
export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const store = new DocumentStore();
  const delay = Number(process.env.ARGO_STUDIO_DEBOUNCE_MS ?? '25');
  const runner = new AnalysisRunner({
    script: __filename,
    timeoutMs: Number(process.env.ARGO_STUDIO_ANALYSIS_TIMEOUT_MS ?? '30000'),
    log: (m) => connection.console.error(m),
  });
  const diagnostics = new DiagnosticsPublisher(connection, store, runner, Number.isFinite(delay) ? delay : 25);
  let pullConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) store.setOptions(toAnalyzeOptions(init.settings));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: SERVER_NAME, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    runner.warm();
    void loadSettings();
  });

  async function loadSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      const section: unknown = await connection.workspace.getConfiguration('argoStudio');
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

  connection.onDidOpenTextDocument(({ textDocument: d }) => {
    store.open(d.uri, d.languageId, d.version, d.text);
    diagnostics.schedule(d.uri, true);
  });
  connection.onDidChangeTextDocument(({ textDocument: d, contentChanges }) => {
    store.change(d.uri, d.version, contentChanges);
    diagnostics.schedule(d.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: d }) => {
    store.close(d.uri);
    diagnostics.clear(d.uri);
  });

  connection.onCodeAction((params) => provideCodeActions(store, params));
  connection.onShutdown(() => runner.dispose());

  process.on('uncaughtException', (e) => connection.console.error(`argo-studio: ${e.stack ?? e.message}`));
  connection.listen();
  return connection;
}
