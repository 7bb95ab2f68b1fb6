/**
 * The one entry point of the cluster features (called from extension.ts): connection and status bar,
 * the runs view, submit/apply with CodeLenses, run commands, read-only run documents, the live graph
 * overlay, finish notifications and the cluster inventory for the language server.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CLUSTER_INVENTORY_NOTIFICATION } from '../cluster';
import { registerClusterCommands, STATE_CONTEXT, STATE_NAMESPACE } from './cluster-commands';
import { ConnectionManager } from './connection-manager';
import { FinishWatcher } from './finish-watcher';
import { localIdentity } from './identity';
import { InventorySync } from './inventory-sync';
import { notifyFinished } from './notifications';
import type { GraphPhaseSink } from '../graph/graph-panel';
import { RunCommands } from './run-commands';
import { RUN_SCHEME, RunDocumentProvider } from './run-documents';
import { RUNS_VIEW_ID, RunsTreeProvider } from './runs-tree';
import { SubmitCodeLensProvider } from '../submit/submit-codelens';
import { registerSubmitCommands } from '../submit/submit-commands';

/** `State.Running` of vscode-languageclient (a type-only import keeps this module loadable in tests). */
const STATE_RUNNING = 2;

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('argoStudio');
}

/**
 * The cluster context of the window (connection, runs store, the pods every feature shares), from the
 * settings and the chosen context/namespace. extension.ts builds it once and hands it to the features;
 * `registerRuns` connects it.
 */
export function createClusterContext(context: vscode.ExtensionContext, trusted: () => boolean): ConnectionManager {
  const ws = context.workspaceState;
  const manager = new ConnectionManager({
    trusted,
    settings: () => ({
      kubeconfig: settings().get<string>('cluster.kubeconfig') || undefined,
      context: ws.get<string>(STATE_CONTEXT),
      namespace: ws.get<string>(STATE_NAMESPACE),
    }),
  });
  context.subscriptions.push(manager);
  return manager;
}

export function registerRuns(context: vscode.ExtensionContext, client: LanguageClient, manager: ConnectionManager, graphs: GraphPhaseSink): void {
  const cfg = settings;
  const me = localIdentity((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()).join('|'));
  const tree = new RunsTreeProvider(manager, me);
  const view = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  const runs = new RunCommands(context, manager, tree, graphs);
  runs.register();
  registerClusterCommands(context, manager);

  const inventory = new InventorySync({
    connection: () => manager.connection,
    enabled: () => cfg().get<boolean>('cluster.checks', true),
    send: (inv) => {
      if (client.isRunning()) void client.sendNotification(CLUSTER_INVENTORY_NOTIFICATION, inv).catch(() => undefined);
    },
  });

  let finisher: FinishWatcher | undefined;
  const attach = (): void => {
    finisher?.dispose();
    finisher = manager.store ? new FinishWatcher(manager.store) : undefined;
    finisher?.onDidFinish((r) => void notifyFinished(r, manager, runs));
    void inventory.refresh();
  };
  const managerSub = manager.onDidChange(attach);

  registerSubmitCommands(context, manager, runs, me, {
    onSubmitted: (namespace, name) => {
      if (manager.store?.namespace === namespace) finisher?.track(name);
    },
    onApplied: () => void inventory.refresh(),
  });

  context.subscriptions.push(
    view,
    tree,
    vscode.languages.registerCodeLensProvider(
      [
        { language: 'yaml', scheme: 'file' },
        { language: 'yaml', scheme: 'untitled' },
      ],
      new SubmitCodeLensProvider(),
    ),
    vscode.workspace.registerTextDocumentContentProvider(RUN_SCHEME, new RunDocumentProvider(manager)),
    client.onDidChangeState((e) => {
      if (e.newState === STATE_RUNNING) inventory.resend();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('argoStudio.cluster.checks')) void inventory.refresh();
    }),
    {
      dispose: () => {
        inventory.stop();
        finisher?.dispose();
        managerSub.dispose();
      },
    },
  );
  manager.connect();
  inventory.start();
}
