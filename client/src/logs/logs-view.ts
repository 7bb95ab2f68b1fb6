/**
 * The Argo Logs view in the bottom panel: the `argoStudio.openLogs` command (runs tree, live graph,
 * after submit), one log session at a time, its webview (reset on load, batched updates with one
 * message in flight), copy / save as, and restore after a reload from the webview's saved state.
 */
import * as vscode from 'vscode';
import { exportText, logFileName } from './export-text';
import { DEFAULT_MAX_LINES, LogSession, type LogTarget, type SessionUpdate } from './log-session';
import type { ClusterContext } from '../cluster';
import { LOGS_VIEW_ID, type ExportAction, type HostMessage, type PersistedLogsState, type ViewOptions, type WebviewMessage } from './messages';
import { OPEN_LOGS_COMMAND, parseOpenLogsArgs, parseTypedTarget, type OpenLogsArgs } from './open-args';
import { logSourceOf, onceClusterChanges, type SourceChoice } from './source-provider';
import { logsHtml, logsResourceRoots } from './webview-html';

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('argoStudio');
}

function maxLines(): number {
  const n = settings().get<number>('logs.maxLines', DEFAULT_MAX_LINES);
  return Number.isFinite(n) ? Math.min(1_000_000, Math.max(1000, Math.floor(n))) : DEFAULT_MAX_LINES;
}

function viewDefaults(): Partial<ViewOptions> {
  return { timestamps: settings().get<boolean>('logs.timestamps', false), wrap: settings().get<boolean>('logs.wrapLines', false) };
}

/** How the view finds a cluster (replaced in tests). */
export type SourceResolver = () => SourceChoice | { readonly error: string };

export interface LogsViewOptions {
  readonly resolveSource?: SourceResolver;
  /** Calls back once when the cluster connection changes (restoring waits for it). */
  readonly onceSourceChanges?: (listener: () => void) => { dispose(): void };
}

export class LogsViewController implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private session: LogSession | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  private waitingForSource: { dispose(): void } | undefined;
  private readonly resolveSource: SourceResolver;
  private readonly onceSourceChanges: (listener: () => void) => { dispose(): void };

  constructor(
    private readonly extensionUri: vscode.Uri,
    cluster: ClusterContext,
    opts: LogsViewOptions = {},
  ) {
    this.resolveSource = opts.resolveSource ?? (() => logSourceOf(cluster));
    this.onceSourceChanges = opts.onceSourceChanges ?? ((l) => onceClusterChanges(cluster, l));
  }

  get current(): LogSession | undefined {
    return this.session;
  }

  resolveWebviewView(view: vscode.WebviewView, context: vscode.WebviewViewResolveContext<unknown>): void {
    for (const d of this.viewDisposables.splice(0)) d.dispose();
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: logsResourceRoots(this.extensionUri) };
    view.webview.html = logsHtml(view.webview, this.extensionUri);
    this.viewDisposables.push(
      view.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m)),
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false; // the page goes; it says 'ready' again when shown
      }),
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
    // After a window reload: reopen what the view was showing.
    const state = context.state as PersistedLogsState | undefined;
    if (!this.session && state?.target) this.restore(state);
    this.updateDescription();
  }

  /** Opens the logs of a workflow (or one of its steps) and shows the view. */
  async open(args: OpenLogsArgs): Promise<void> {
    const same = this.session && this.session.target.namespace === args.namespace && this.session.target.workflowName === args.workflowName;
    const focus = args.podName ?? args.nodeId;
    if (same && this.session) {
      this.session.focus(args);
      if (focus === undefined) this.session.streamAll();
      if (args.container) this.session.setContainer(args.container);
      // The webview also follows info.focusPod when the focused node's pod shows up later.
      void this.post({ type: 'focus', podName: focus === undefined ? undefined : this.session.info.focusPod });
    } else {
      const choice = this.resolveSource();
      if ('error' in choice) {
        void vscode.window.showErrorMessage(`Argo logs: ${choice.error}`);
        return;
      }
      this.startSession(args, choice, args.container);
    }
    await vscode.commands.executeCommand(`${LOGS_VIEW_ID}.focus`);
  }

  /** Reopens what the view showed before a reload; waits for the cluster connection if need be. */
  private restore(state: PersistedLogsState): void {
    if (!state.target || this.session) return;
    const choice = this.resolveSource();
    if ('error' in choice) {
      this.waitingForSource?.dispose();
      this.waitingForSource = this.onceSourceChanges(() => {
        this.waitingForSource = undefined;
        if (!this.session && !('error' in this.resolveSource())) this.restore(state);
      });
      return;
    }
    this.startSession(state.target, choice, state.container, state.range);
  }

  private startSession(target: LogTarget, choice: SourceChoice, container: string | undefined, range?: PersistedLogsState['range']): void {
    this.waitingForSource?.dispose();
    this.waitingForSource = undefined;
    this.session?.dispose();
    const pods = choice.pods(target.namespace, target.workflowName);
    const session: LogSession = new LogSession({
      source: choice.source,
      pods: pods.index,
      ownsPods: pods.owned,
      target: {
        namespace: target.namespace,
        workflowName: target.workflowName,
        ...(target.podName ? { podName: target.podName } : {}),
        ...(target.nodeId ? { nodeId: target.nodeId } : {}),
      },
      ...(container ? { container } : {}),
      range: range ?? (settings().get<number>('logs.tailLines', 0) > 0 ? { tailLines: settings().get<number>('logs.tailLines', 0) } : {}),
      maxLines: maxLines(),
      maxConcurrentStreams: Math.max(1, settings().get<number>('logs.maxConcurrentStreams', 24)),
      onUpdate: (u) => (this.session === session ? this.onUpdate(u) : undefined),
    });
    this.session = session;
    session.start();
    this.sendReset();
    this.updateDescription();
  }

  private onUpdate(u: SessionUpdate): Thenable<boolean> | undefined {
    if (u.info) this.updateDescription();
    if (!this.view || !this.ready) return undefined; // the page loads the whole state when it is ready
    if (u.reset) return this.post({ type: 'reset', lines: u.lines, steps: u.steps ?? [], info: u.info, defaults: viewDefaults() });
    return this.post({ type: 'update', lines: u.lines, ...(u.steps ? { steps: u.steps } : {}), ...(u.info ? { info: u.info } : {}) });
  }

  private sendReset(): void {
    if (!this.view || !this.ready) return;
    const s = this.session?.snapshot();
    void this.post({
      type: 'reset',
      lines: s?.lines ?? [],
      steps: s?.steps ?? [],
      info: s?.info,
      defaults: viewDefaults(),
      ...(s ? {} : { empty: 'No logs yet. Open them from a run in the Argo runs view, a node of the live graph, or with "Argo: Show Logs".' }),
    });
  }

  private updateDescription(): void {
    if (!this.view) return;
    const info = this.session?.info;
    this.view.description = info ? `${info.target.namespace}/${info.target.workflowName}${info.done ? ' (finished)' : ''}` : undefined;
  }

  private post(m: HostMessage): Thenable<boolean> | undefined {
    return this.view ? this.view.webview.postMessage(m) : undefined;
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (!this.session && m.state?.target) this.restore(m.state);
        this.sendReset();
        return;
      case 'setContainer':
        this.session?.setContainer(m.container);
        return;
      case 'setRange':
        this.session?.setRange(m.range);
        return;
      case 'streamAll':
        this.session?.streamAll();
        return;
      case 'export':
        return this.finishExport(m.action, m.text, m.fileName);
    }
  }

  /** Copy / save as from the view's title: the webview sends what it shows; without it, every line. */
  async export(action: ExportAction): Promise<void> {
    if (this.view && this.ready && this.view.visible) {
      void this.post({ type: 'requestExport', action });
      return;
    }
    const s = this.session;
    if (!s) {
      void vscode.window.showInformationMessage('There are no logs to export.');
      return;
    }
    const text = exportText(s.store.toArray(), s.stepViews(), { timestamps: true, stepPrefix: true });
    await this.finishExport(action, text, logFileName(s.target.workflowName, undefined, s.info.container));
  }

  private async finishExport(action: ExportAction, text: string, fileName: string): Promise<void> {
    if (action === 'copy') {
      await vscode.env.clipboard.writeText(text);
      void vscode.window.setStatusBarMessage(`Copied ${text === '' ? 0 : text.split('\n').length - 1} log lines`, 3000);
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
      filters: { 'Log files': ['log', 'txt'] },
      saveLabel: 'Save logs',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(`Saved the logs to ${vscode.workspace.asRelativePath(target)}.`);
  }

  /** Reopens the session on the current cluster (after a switch), keeping target, container and range. */
  reopen(): void {
    const s = this.session;
    if (!s) return;
    const choice = this.resolveSource();
    if ('error' in choice) return;
    const info = s.info;
    this.startSession(s.target, choice, info.container, info.range);
  }

  dispose(): void {
    this.waitingForSource?.dispose();
    this.session?.dispose();
    this.session = undefined;
    for (const d of this.viewDisposables.splice(0)) d.dispose();
  }
}

/** Asks for "name" or "namespace/name" when the command is run from the palette. */
async function askTarget(defaultNamespace: string): Promise<OpenLogsArgs | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Argo: Show Logs',
    prompt: `Workflow name (namespace "${defaultNamespace}"), or namespace/name`,
    placeHolder: 'my-workflow-abc12',
    validateInput: (v) => (parseTypedTarget(v, defaultNamespace) ? undefined : 'A workflow name, or namespace/name'),
  });
  return text === undefined ? undefined : parseTypedTarget(text, defaultNamespace);
}

/** The logs feature: its view and commands over the cluster context extension.ts built. */
export function registerLogsView(context: vscode.ExtensionContext, cluster: ClusterContext, opts: LogsViewOptions = {}): LogsViewController {
  const resolveSource = opts.resolveSource ?? (() => logSourceOf(cluster));
  const controller = new LogsViewController(context.extensionUri, cluster, opts);
  context.subscriptions.push(
    controller,
    vscode.window.registerWebviewViewProvider(LOGS_VIEW_ID, controller),
    // A context or namespace switch replaces the runs store (and its pods): the open logs follow.
    cluster.onDidChange(() => controller.reopen()),
    vscode.commands.registerCommand(OPEN_LOGS_COMMAND, async (arg?: unknown) => {
      let args: OpenLogsArgs | undefined;
      if (arg === undefined) {
        const choice = resolveSource();
        args = await askTarget('error' in choice ? 'default' : choice.namespace);
        if (!args) return;
      } else {
        const parsed = parseOpenLogsArgs(arg);
        if (!parsed.ok) {
          void vscode.window.showErrorMessage(`Argo logs: ${parsed.error}`);
          return;
        }
        args = parsed.args;
      }
      if (args.trigger === 'submit' && !settings().get<boolean>('logs.openAfterSubmit', true)) return;
      await controller.open(args);
    }),
    vscode.commands.registerCommand('argoStudio.logs.copy', () => controller.export('copy')),
    vscode.commands.registerCommand('argoStudio.logs.saveAs', () => controller.export('save')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('argoStudio.logs.maxLines')) controller.current?.setMaxLines(maxLines());
    }),
  );
  return controller;
}
