/** Notifications when a run submitted from here finishes (setting `argoStudio.runs.notifications`). */
import * as vscode from 'vscode';
import { formatDuration, elapsedMs } from './format';
import type { FinishedRun } from './finish-watcher';
import type { ConnectionManager } from './connection-manager';
import { openLogs, type RunCommands } from './run-commands';

export async function notifyFinished(r: FinishedRun, manager: ConnectionManager, runs: RunCommands): Promise<void> {
  const mode = vscode.workspace.getConfiguration('argoStudio').get<'all' | 'failures' | 'off'>('runs.notifications', 'all');
  const ok = r.phase === 'Succeeded';
  if (mode === 'off' || (mode === 'failures' && ok)) return;
  const wf = manager.store?.get(r.name);
  const ms = wf ? elapsedMs(wf.status ?? {}, Date.now()) : undefined;
  const took = ms !== undefined ? ` in ${formatDuration(ms)}` : '';
  if (ok) {
    const pick = await vscode.window.showInformationMessage(`Workflow ${r.name} succeeded${took}.`, 'Open Graph');
    if (pick === 'Open Graph') await runs.openGraph(r.name);
    return;
  }
  const first = r.failedNodes[0];
  const detail = first ? ` ${first.name}: ${first.message ?? r.phase}` : r.message ? ` ${r.message}` : '';
  const pick = await vscode.window.showErrorMessage(
    `Workflow ${r.name} ${r.phase === 'Error' ? 'errored' : 'failed'}${took}.${detail}`,
    'Open Logs',
    'Open Graph',
  );
  if (pick === 'Open Graph') await runs.openGraph(r.name);
  if (pick === 'Open Logs') await openLogs({ namespace: r.namespace, workflowName: r.name, ...(first ? { nodeId: first.id } : {}) });
}
