/** The "Runs" tree view (`argoStudio.runs`): maps the entries of tree-entries.ts to TreeItems. */
import * as vscode from 'vscode';
import type { ConnectionManager } from './connection-manager';
import { isFinished } from './format';
import { describeFilter, matchesFilter, NO_FILTER, type Identity, type RunFilter } from './run-filters';
import { nodeEntry, nodeView, runChildren, runEntry, runView, type InfoEntry, type TreeEntry } from './tree-entries';

export const RUNS_VIEW_ID = 'argoStudio.runs';
const REFRESH_DEBOUNCE_MS = 200;
const TICK_MS = 5000;

export class RunsTreeProvider implements vscode.TreeDataProvider<TreeEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeEntry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filterValue: RunFilter = NO_FILTER;
  private timer: NodeJS.Timeout | undefined;
  private readonly ticker: NodeJS.Timeout;
  private storeSubs: vscode.Disposable[] = [];
  private readonly subs: vscode.Disposable[] = [];
  view: vscode.TreeView<TreeEntry> | undefined;

  constructor(
    private readonly manager: ConnectionManager,
    private readonly me: Identity,
  ) {
    this.subs.push({ dispose: manager.onDidChange(() => this.attach()).dispose });
    this.attach();
    // Durations of running runs move on.
    this.ticker = setInterval(() => {
      if (this.view?.visible && this.manager.store?.runs().some((w) => !isFinished(w))) this.refresh();
    }, TICK_MS);
  }

  get filter(): RunFilter {
    return this.filterValue;
  }

  setFilter(f: RunFilter): void {
    this.filterValue = f;
    this.refresh();
  }

  private attach(): void {
    for (const s of this.storeSubs) s.dispose();
    this.storeSubs = [];
    const store = this.manager.store;
    if (store) {
      this.storeSubs.push({ dispose: store.onDidChange(() => this.refresh()).dispose }, { dispose: store.onDidChangeState(() => this.refresh()).dispose });
    }
    this.refresh();
  }

  /** Debounced full refresh (ids keep the expansion state). */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.updateDescription();
      this.changed.fire(undefined);
    }, REFRESH_DEBOUNCE_MS);
  }

  private updateDescription(): void {
    if (!this.view) return;
    const c = this.manager.connection;
    const f = describeFilter(this.filterValue);
    this.view.description = c ? `${c.contextName} / ${c.namespace}${f ? ` · ${f}` : ''}` : undefined;
  }

  getTreeItem(e: TreeEntry): vscode.TreeItem {
    const now = Date.now();
    if (e.kind === 'info') {
      const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
      item.id = e.id;
      item.tooltip = e.tooltip ?? e.label;
      if (e.icon) item.iconPath = new vscode.ThemeIcon(e.icon);
      if (e.command) item.command = { command: e.command.command, title: e.command.title, arguments: e.command.arguments ? [...e.command.arguments] : [] };
      item.contextValue = 'argoInfo';
      return item;
    }
    const store = this.manager.store;
    const wf = e.kind === 'run' ? store?.get(e.name) : undefined;
    const v = e.kind === 'run' ? (wf ? runView(wf, now) : undefined) : nodeView(e.node, now);
    const item = new vscode.TreeItem(
      v?.label ?? (e.kind === 'run' ? e.name : e.node.label),
      v?.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = e.id;
    if (v) {
      item.description = v.description;
      item.tooltip = v.tooltip;
      item.iconPath = new vscode.ThemeIcon(v.style.icon, v.style.color ? new vscode.ThemeColor(v.style.color) : undefined);
      item.contextValue = v.contextValue;
    }
    return item;
  }

  getChildren(e?: TreeEntry): TreeEntry[] {
    const store = this.manager.store;
    if (!e) return this.roots();
    if (!store) return [];
    if (e.kind === 'run') return runChildren(store, e);
    if (e.kind === 'node') return e.node.children.map((n) => nodeEntry(e.namespace, e.run, n));
    return [];
  }

  getParent(): undefined {
    return undefined;
  }

  private roots(): TreeEntry[] {
    const m = this.manager;
    const problem = m.error ?? (m.store?.state.kind === 'error' ? m.store.state.error : undefined);
    const out: TreeEntry[] = [];
    if (problem) {
      const info: InfoEntry = {
        kind: 'info',
        id: 'info:error',
        label: problem.message,
        tooltip: problem.detail,
        icon: 'warning',
        command: { command: 'argoStudio.cluster.menu', title: 'Cluster actions' },
      };
      out.push(info);
      if (problem.nextStep) out.push({ kind: 'info', id: 'info:next-step', label: problem.nextStep, icon: 'lightbulb', command: info.command });
    }
    const store = m.store;
    if (!store) return out;
    if (!store.workflowsLoop.isSynced) {
      if (!problem) out.push({ kind: 'info', id: 'info:loading', label: `Loading workflows of ${store.namespace}…`, icon: 'loading~spin' });
      return out;
    }
    const all = store.runs();
    const shown = all.filter((w) => matchesFilter(w, this.filterValue, this.me));
    for (const w of shown) out.push(runEntry(store.namespace, w.metadata?.name ?? ''));
    if (all.length === 0)
      out.push({ kind: 'info', id: 'info:empty', label: `No workflows in namespace ${store.namespace}. Submit one with "Argo: Submit".`, icon: 'info' });
    else if (shown.length < all.length)
      out.push({
        kind: 'info',
        id: 'info:filtered',
        label: `${all.length - shown.length} run(s) hidden by the filter (click to clear)`,
        icon: 'filter',
        command: { command: 'argoStudio.runs.clearFilter', title: 'Clear filter' },
      });
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.ticker);
    for (const s of [...this.storeSubs, ...this.subs]) s.dispose();
    this.changed.dispose();
  }
}
