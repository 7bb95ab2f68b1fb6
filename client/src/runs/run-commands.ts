/**
 * Commands on runs (tree items, the palette, the e2e helper): open graph / logs / YAML, stop,
 * terminate, suspend, resume, resubmit, delete, copy name, filters. Each takes a tree entry, a run
 * name, or `{ name, namespace? }`; without one it asks with a quick pick.
 */
import * as vscode from 'vscode';
import { ClusterError, deleteWorkflow, resubmitWorkflow, runAction, workflowNodes, type RunAction, type Workflow } from '../cluster';
import { OPEN_LOGS_COMMAND, type OpenLogsArgs } from '../logs/open-args';
import type { GraphPhaseSink } from '../graph/graph-panel';
import { graphNodeIdOf } from '../../../server/src/core/graph';
import type { ConnectionManager } from './connection-manager';
import { buildNodeTree, flattenTree } from './node-tree';
import { OverlayLinks } from './overlay-links';
import { runGraphUri, runYamlUri } from './run-documents';
import { NO_FILTER, parseSelector, type RunFilter } from './run-filters';
import type { RunsTreeProvider } from './runs-tree';
import type { TreeEntry } from './tree-entries';

const SOURCE_KEY = 'argoStudio.runs.sources';

export function showError(e: unknown, what: string): void {
  const text = e instanceof ClusterError ? e.detail : e instanceof Error ? e.message : String(e);
  void vscode.window.showErrorMessage(`${what}: ${text}`);
}

/** Opens the logs panel (the logs feature's command, registered by extension.ts with the runs). */
export async function openLogs(args: OpenLogsArgs): Promise<void> {
  await vscode.commands.executeCommand(OPEN_LOGS_COMMAND, args);
}

export class RunCommands {
  private linksValue: OverlayLinks | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly manager: ConnectionManager,
    private readonly tree: RunsTreeProvider,
    graphs: GraphPhaseSink,
  ) {
    const attach = (): void => {
      this.linksValue?.dispose();
      this.linksValue = manager.store ? new OverlayLinks(manager.store, (uri, phases) => graphs.setPhases(uri, phases)) : undefined;
    };
    const sub = manager.onDidChange(attach);
    context.subscriptions.push({ dispose: () => sub.dispose() });
    attach();
  }

  get overlay(): OverlayLinks | undefined {
    return this.linksValue;
  }

  /** Remembers the document a run was submitted from (its graph is that document's graph). */
  async rememberSource(namespace: string, name: string, uri: string): Promise<void> {
    const map = { ...this.context.workspaceState.get<Record<string, string>>(SOURCE_KEY, {}) };
    map[`${namespace}/${name}`] = uri;
    const keys = Object.keys(map);
    for (const k of keys.slice(0, Math.max(0, keys.length - 200))) delete map[k];
    await this.context.workspaceState.update(SOURCE_KEY, map);
  }

  private sourceOf(namespace: string, name: string): string | undefined {
    return this.context.workspaceState.get<Record<string, string>>(SOURCE_KEY, {})[`${namespace}/${name}`];
  }

  /** The run a command is about. */
  async resolve(arg: unknown): Promise<{ namespace: string; name: string; wf: Workflow | undefined; nodeId?: string } | undefined> {
    const store = this.manager.store;
    if (!store) {
      void vscode.window.showWarningMessage(this.manager.error?.detail ?? 'Not connected to a cluster.');
      return undefined;
    }
    const entry = arg as (Partial<TreeEntry> & { name?: unknown; namespace?: unknown }) | undefined;
    let name: string | undefined;
    let nodeId: string | undefined;
    if (typeof arg === 'string') name = arg;
    else if (entry?.kind === 'run') name = (entry as { name: string }).name;
    else if (entry?.kind === 'node') {
      name = (entry as { run: string }).run;
      nodeId = (entry as { node: { id: string } }).node.id;
    } else if (entry && typeof entry.name === 'string') name = entry.name;
    if (!name) {
      const pick = await vscode.window.showQuickPick(
        store.runs().map((w) => ({ label: w.metadata?.name ?? '', description: w.status?.phase || 'Pending' })),
        { title: 'Argo: choose a run' },
      );
      name = pick?.label;
    }
    if (!name) return undefined;
    return { namespace: store.namespace, name, wf: store.get(name), ...(nodeId ? { nodeId } : {}) };
  }

  async openGraph(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    if (!r) return;
    const uri = this.sourceOf(r.namespace, r.name) ?? runGraphUri(r.namespace, r.name).toString();
    await vscode.commands.executeCommand('argoStudio.openGraph', uri);
    this.overlay?.link(uri, r.name);
    // Offloaded or undecodable nodes: the graph stays uncoloured, say why.
    const unavailable = r.wf ? workflowNodes(r.wf).unavailable : undefined;
    if (unavailable) void vscode.window.showWarningMessage(`Run ${r.name}: ${unavailable}`);
  }

  async openRunLogs(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    if (!r) return;
    const entry = arg as Partial<TreeEntry> | undefined;
    const podName = entry?.kind === 'node' ? (entry as { node: { podName?: string } }).node.podName : undefined;
    await openLogs({ namespace: r.namespace, workflowName: r.name, ...(r.nodeId ? { nodeId: r.nodeId } : {}), ...(podName ? { podName } : {}) });
  }

  /** Logs of a graph node (for the graph panel: `argoStudio.runs.openNodeLogs(graphUri, graphNodeId)`). */
  async openNodeLogs(uri: unknown, graphNodeId: unknown): Promise<void> {
    const store = this.manager.store;
    const run = typeof uri === 'string' ? this.overlay?.runFor(uri) : undefined;
    const wf = run ? store?.get(run) : undefined;
    if (!store || !run || !wf || typeof graphNodeId !== 'string') {
      void vscode.window.showInformationMessage('This graph shows no run. Open a run from the Argo runs view to see its logs.');
      return;
    }
    const nodes = flattenTree(buildNodeTree(wf, workflowNodes(wf).nodes, (n, p) => store.podForNode(run, n.id, p)));
    const exact = nodes.filter((n) => n.path === graphNodeId);
    const matches = exact.length ? exact : nodes.filter((n) => graphNodeIdOf(n.path) === graphNodeId);
    const withPods = matches.flatMap((n) => (n.podName ? [n] : flattenTree(n.children).filter((c) => c.podName)));
    let target = withPods[0];
    if (withPods.length > 1) {
      const pick = await vscode.window.showQuickPick(
        withPods.map((n) => ({ label: n.label, description: `${n.phase} · ${n.podName ?? ''}`, n })),
        { title: `Logs of ${graphNodeId}` },
      );
      if (!pick) return;
      target = pick.n;
    }
    await openLogs({
      namespace: store.namespace,
      workflowName: run,
      ...(target ? { nodeId: target.id, ...(target.podName ? { podName: target.podName } : {}) } : {}),
    });
  }

  async action(arg: unknown, action: RunAction): Promise<void> {
    const r = await this.resolve(arg);
    const conn = this.manager.connection;
    if (!r?.wf || !conn) return;
    if (action === 'terminate') {
      const ok = await vscode.window.showWarningMessage(
        `Terminate ${r.name}? Running pods are killed and exit handlers do not run.`,
        { modal: true },
        'Terminate',
      );
      if (ok !== 'Terminate') return;
    }
    try {
      await runAction(conn, r.namespace, r.wf, action);
    } catch (e) {
      showError(e, `Could not ${action} ${r.name}`);
    }
  }

  async resubmit(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    const conn = this.manager.connection;
    if (!r?.wf || !conn) return;
    try {
      const wf = await resubmitWorkflow(conn, r.namespace, r.wf);
      void vscode.window.showInformationMessage(`Resubmitted ${r.name} as ${wf.metadata?.name ?? ''}.`);
    } catch (e) {
      showError(e, `Could not resubmit ${r.name}`);
    }
  }

  async remove(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    const conn = this.manager.connection;
    if (!r || !conn) return;
    const ok = await vscode.window.showWarningMessage(`Delete workflow ${r.name} and its pods?`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return;
    try {
      await deleteWorkflow(conn, r.namespace, r.name);
    } catch (e) {
      showError(e, `Could not delete ${r.name}`);
    }
  }

  async copyName(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    if (r) await vscode.env.clipboard.writeText(r.name);
  }

  async openYaml(arg: unknown): Promise<void> {
    const r = await this.resolve(arg);
    if (!r) return;
    const doc = await vscode.workspace.openTextDocument(runYamlUri(r.namespace, r.name));
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async filter(): Promise<void> {
    const f = this.tree.filter;
    const scope = await vscode.window.showQuickPick(
      [
        { label: 'All runs', value: 'all' as const },
        { label: 'Mine (submitted by me with Argo Studio)', value: 'mine' as const },
        { label: 'Submitted from this workspace', value: 'workspace' as const },
      ].map((s) => ({ ...s, picked: s.value === f.scope })),
      { title: 'Argo runs filter (1/3): whose runs' },
    );
    if (!scope) return;
    const phases = await vscode.window.showQuickPick(
      ['Pending', 'Running', 'Succeeded', 'Failed', 'Error'].map((p) => ({ label: p, picked: f.phases.includes(p) })),
      { title: 'Argo runs filter (2/3): phases (none = all)', canPickMany: true },
    );
    if (!phases) return;
    const label = await vscode.window.showInputBox({
      title: 'Argo runs filter (3/3): label selector (empty = none)',
      value: f.labelSelector ?? '',
      placeHolder: 'app=etl,team!=ml,workflows.argoproj.io/workflow-template',
      validateInput: (v) => (parseSelector(v) ? undefined : 'Use k=v, k!=v, k or !k, separated by commas'),
    });
    if (label === undefined) return;
    const next: RunFilter = { scope: scope.value, phases: phases.map((p) => p.label), ...(label.trim() ? { labelSelector: label.trim() } : {}) };
    this.tree.setFilter(next);
  }

  clearFilter(): void {
    this.tree.setFilter(NO_FILTER);
  }

  register(): void {
    const reg = (id: string, fn: (...args: unknown[]) => unknown): void => {
      this.context.subscriptions.push(vscode.commands.registerCommand(id, fn));
    };
    reg('argoStudio.runs.openGraph', (a) => this.openGraph(a));
    reg('argoStudio.runs.openLogs', (a) => this.openRunLogs(a));
    reg('argoStudio.runs.openNodeLogs', (u, id) => this.openNodeLogs(u, id));
    reg('argoStudio.runs.stop', (a) => this.action(a, 'stop'));
    reg('argoStudio.runs.terminate', (a) => this.action(a, 'terminate'));
    reg('argoStudio.runs.suspend', (a) => this.action(a, 'suspend'));
    reg('argoStudio.runs.resume', (a) => this.action(a, 'resume'));
    reg('argoStudio.runs.resubmit', (a) => this.resubmit(a));
    reg('argoStudio.runs.delete', (a) => this.remove(a));
    reg('argoStudio.runs.copyName', (a) => this.copyName(a));
    reg('argoStudio.runs.openYaml', (a) => this.openYaml(a));
    reg('argoStudio.runs.filter', () => this.filter());
    reg('argoStudio.runs.clearFilter', () => this.clearFilter());
    reg('argoStudio.runs.refresh', () => this.manager.reconnect());
    this.context.subscriptions.push({ dispose: () => this.linksValue?.dispose() });
  }
}
