/**
 * Connection UI: the status bar item (context / namespace, or the problem), and the commands
 * `argoStudio.cluster.switchContext`, `.switchNamespace`, `.reconnect`, `.menu`.
 */
import * as vscode from 'vscode';
import { kubeJson } from '../cluster';
import type { KubeList, KubeObject } from '../cluster';
import type { ConnectionManager } from './connection-manager';

export const STATE_CONTEXT = 'argoStudio.cluster.context';
export const STATE_NAMESPACE = 'argoStudio.cluster.namespace';

export function registerClusterCommands(context: vscode.ExtensionContext, manager: ConnectionManager): void {
  const state = context.workspaceState;
  const item = vscode.window.createStatusBarItem('argoStudio.cluster', vscode.StatusBarAlignment.Left, 40);
  item.name = 'Argo cluster';
  item.command = 'argoStudio.cluster.menu';
  let storeSub: { dispose(): void } | undefined;
  const render = (): void => {
    const c = manager.connection;
    const problem = manager.error ?? (manager.store?.state.kind === 'error' ? manager.store.state.error : undefined);
    // No kubeconfig at all is a normal state for people who only edit: no warning colour then.
    const quiet = problem?.kind === 'no-kubeconfig' || problem?.kind === 'untrusted';
    item.text = c
      ? `$(${problem ? 'warning' : 'server-environment'}) ${c.contextName} / ${c.namespace}`
      : problem?.kind === 'untrusted'
        ? '$(shield) Argo: Restricted Mode'
        : `$(${quiet ? 'server-environment' : 'warning'}) Argo: no cluster`;
    item.tooltip = problem
      ? `${problem.detail}\n\nClick for cluster actions.`
      : c
        ? `Argo cluster: context ${c.contextName}, namespace ${c.namespace}, ${c.server}\nClick to switch.`
        : 'Argo: no cluster';
    item.backgroundColor = problem && !quiet ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const attach = (): void => {
    storeSub?.dispose();
    storeSub = manager.store?.onDidChangeState(render);
    render();
  };
  const sub = manager.onDidChange(attach);
  attach();

  const switchContext = async (name?: unknown): Promise<void> => {
    let chosen = typeof name === 'string' ? name : undefined;
    if (!chosen) {
      const contexts = manager.contexts();
      if (contexts.length === 0) {
        void vscode.window.showErrorMessage(manager.error?.detail ?? 'The kubeconfig has no contexts.');
        return;
      }
      const current = manager.connection?.contextName;
      const pick = await vscode.window.showQuickPick(
        contexts.map((c) => ({ label: c.name, description: `${c.server} · ${c.namespace}${c.name === current ? ' · current' : ''}` })),
        { title: 'Argo: Switch Context', placeHolder: 'kubeconfig context' },
      );
      chosen = pick?.label;
    }
    if (!chosen) return;
    await state.update(STATE_CONTEXT, chosen);
    await state.update(STATE_NAMESPACE, undefined);
    manager.connect();
  };

  const switchNamespace = async (name?: unknown): Promise<void> => {
    let chosen = typeof name === 'string' ? name : undefined;
    const conn = manager.connection;
    if (!chosen && conn) {
      let names: string[] = [];
      try {
        names = ((await kubeJson<KubeList<KubeObject>>(conn, 'GET', '/api/v1/namespaces')).items ?? []).map((n) => n.metadata?.name ?? '').filter((n) => n);
      } catch {
        // Not allowed to list namespaces: ask for the name.
      }
      chosen = names.length
        ? (
            await vscode.window.showQuickPick(
              names.map((n) => ({ label: n, description: n === conn.namespace ? 'current' : undefined })),
              { title: 'Argo: Switch Namespace' },
            )
          )?.label
        : await vscode.window.showInputBox({ title: 'Argo: Switch Namespace', prompt: 'Namespace (you may not list namespaces here)', value: conn.namespace });
    }
    if (!chosen) return;
    await state.update(STATE_NAMESPACE, chosen);
    manager.connect();
  };

  const menu = async (): Promise<void> => {
    const actions: { label: string; command: string }[] = [
      ...(manager.error?.kind === 'untrusted' ? [{ label: '$(shield) Manage Workspace Trust…', command: 'workbench.trust.manage' }] : []),
      { label: '$(server-environment) Switch Context…', command: 'argoStudio.cluster.switchContext' },
      { label: '$(symbol-namespace) Switch Namespace…', command: 'argoStudio.cluster.switchNamespace' },
      { label: '$(refresh) Reconnect', command: 'argoStudio.cluster.reconnect' },
      { label: '$(gear) Kubeconfig Setting…', command: 'workbench.action.openSettings' },
    ];
    const pick = await vscode.window.showQuickPick(actions, { title: manager.error?.message ?? manager.connection?.server ?? 'Argo cluster' });
    if (pick) await vscode.commands.executeCommand(pick.command, ...(pick.command === 'workbench.action.openSettings' ? ['argoStudio.cluster'] : []));
  };

  context.subscriptions.push(
    item,
    { dispose: () => (sub.dispose(), storeSub?.dispose()) },
    vscode.commands.registerCommand('argoStudio.cluster.switchContext', switchContext),
    vscode.commands.registerCommand('argoStudio.cluster.switchNamespace', switchNamespace),
    vscode.commands.registerCommand('argoStudio.cluster.reconnect', () => manager.connect()),
    vscode.commands.registerCommand('argoStudio.cluster.menu', menu),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('argoStudio.cluster.kubeconfig')) manager.connect();
    }),
  );
}
