import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Creates the client for dist/server.js (run over IPC in its own process). */
export function startLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      // Helm chart templates (the Kubernetes extension gives them the language id helm)
      { scheme: 'file', language: 'helm' },
      // read-only documents of runs (their graphs come from the language server too)
      { scheme: 'argo-run', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'argoStudio', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    initializationOptions: { settings: vscode.workspace.getConfiguration('argoStudio') },
  };
  return new LanguageClient('argoStudio', 'Argo Studio', serverOptions, clientOptions);
}
