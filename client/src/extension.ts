/**
 * The composition root: builds the language client, the graph panels and the cluster context (the
 * connection, the runs store and the pods it watches once) and hands them to the features that need
 * them. Feature modules keep no process-wide state; everything lives in what is built here.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, type LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './language-client';
import { trackArgoContext } from './argo-context';
import { registerGraphView } from './graph/graph-panel';
import { createClusterContext, registerRuns } from './runs/register';
import { registerLogsView } from './logs/logs-view';

/** VS Code calls `deactivate()` without arguments: the client to stop is kept here (the one module variable). */
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const languageClient = startLanguageClient(context);
  client = languageClient;
  const graphs = registerGraphView(context, languageClient);
  context.subscriptions.push(
    vscode.commands.registerCommand('argoStudio.restartServer', async () => {
      await languageClient.restart();
    }),
  );
  trackArgoContext(context);
  // Restricted Mode: language features and the graph run; the cluster (whose kubeconfig can run
  // programs) connects only once the workspace is trusted.
  const cluster = createClusterContext(context, () => vscode.workspace.isTrusted);
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      cluster.connect();
      // The server asks for its settings again: Helm rendering may run now (see forTrust).
      void languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );
  registerLogsView(context, cluster);
  registerRuns(context, languageClient, cluster, graphs);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
