import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './language-client';
import { trackArgoContext } from './argo-context';
import { registerGraphView } from './graph/graph-panel';
import { registerRuns } from './runs/register';
import { registerLogsView } from './logs/logs-view';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = startLanguageClient(context);
  registerGraphView(context, client);
  context.subscriptions.push(
    vscode.commands.registerCommand('argoStudio.restartServer', async () => {
      await client?.restart();
    }),
  );
  trackArgoContext(context);
  registerRuns(context, client);
  registerLogsView(context);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
