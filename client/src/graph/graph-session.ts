import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { GRAPH_REQUEST_METHOD, nodesAtOffset, type GraphRequestParams, type GraphResponse, type PhaseInfo } from '../../../server/src/core/graph';
import { saveExport } from './export-file';
import type { ExportFormat, HostMessage, PersistedState, SessionState, WebviewMessage } from './messages';
import { graphHtml, graphResourceRoots } from './webview-html';

type Graph = Extract<GraphResponse, { ok: true }>;
type Exported = Extract<WebviewMessage, { type: 'exported' }>;

const EDIT_DEBOUNCE_MS = 300;

function basename(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}

/** One graph panel: asks the language server for the graph of a document and keeps the webview current. */
export class GraphSession implements vscode.Disposable {
  private state: SessionState;
  private last: Graph | undefined;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private phases: Readonly<Record<string, PhaseInfo>> | undefined;
  private exportId = 0;
  private readonly exports = new Map<number, (m: Exported) => void>();
  private rendered: (() => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: SessionState,
    private readonly client: LanguageClient,
    extensionUri: vscode.Uri,
    private readonly onDispose: (s: GraphSession) => void,
  ) {
    this.state = state;
    panel.webview.options = { enableScripts: true, localResourceRoots: graphResourceRoots(extensionUri) };
    panel.webview.html = graphHtml(panel.webview, extensionUri);
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: WebviewMessage) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === this.uri && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        // Between edits the graph's offsets are those of the text: follow the cursor without the server.
        if (e.textEditor.document.uri.toString() === this.uri && this.last && !this.timer && e.textEditor.document.version === this.last.version) {
          this.post({ type: 'active', ids: nodesAtOffset(this.last.graph, e.textEditor.document.offsetAt(e.selections[0].active)), scroll: true });
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('argoStudio.graph.direction')) return;
        const direction = vscode.workspace.getConfiguration('argoStudio').get<'TB' | 'LR'>('graph.direction', 'TB');
        this.update({ direction }, true);
      }),
    );
  }

  get uri(): string {
    return this.state.uri;
  }

  /** Shows another template (or document) of the same file. */
  retarget(template: string | undefined, documentIndex: number | undefined): void {
    if (template === this.state.template && documentIndex === this.state.documentIndex) {
      this.panel.reveal(undefined, true);
      return;
    }
    this.state = { ...this.state, template, documentIndex, collapsed: [] };
    this.panel.reveal(undefined, true);
    void this.refresh(true);
  }

  setPhases(phases: Readonly<Record<string, PhaseInfo>> | undefined): void {
    this.phases = phases;
    this.post({ type: 'phases', phases });
  }

  /** Resolves after the webview has drawn the next graph. */
  whenRendered(): Promise<void> {
    return new Promise((resolve) => this.rendered.push(resolve));
  }

  hasGraph(): boolean {
    return this.last !== undefined;
  }

  /** Asks the webview to draw the export (with its current theme colours), then saves it. */
  async export(format: ExportFormat): Promise<void> {
    const requestId = ++this.exportId;
    const answer = new Promise<Exported>((resolve) => this.exports.set(requestId, resolve));
    this.post({ type: 'export', format, requestId });
    const m = await answer;
    if (m.error || m.data === undefined) {
      void vscode.window.showErrorMessage(`Argo graph export failed: ${m.error ?? 'no data'}`);
      return;
    }
    await saveExport(this.uri, this.last?.graph.root.template ?? this.state.template ?? 'graph', format, m.data);
  }

  private update(change: Partial<SessionState>, fit: boolean): void {
    this.state = { ...this.state, ...change };
    void this.refresh(fit);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh(false);
    }, EDIT_DEBOUNCE_MS);
  }

  private cursorOffset(): number | undefined {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri);
    return editor ? editor.document.offsetAt(editor.selection.active) : undefined;
  }

  /** Requests the graph; answers that arrive after a newer request are dropped. */
  async refresh(fit: boolean): Promise<void> {
    if (this.disposed) return;
    // A hidden panel's webview is gone; it asks again ('ready') when shown.
    if (!this.panel.visible) return;
    const seq = ++this.seq;
    this.post({ type: 'busy', busy: true });
    let response: GraphResponse;
    try {
      await vscode.workspace.openTextDocument(vscode.Uri.parse(this.uri));
      const offset = this.cursorOffset();
      const params: GraphRequestParams = {
        uri: this.uri,
        direction: this.state.direction,
        collapsed: this.state.collapsed,
        showArtifacts: this.state.showArtifacts,
        ...(this.state.template !== undefined ? { template: this.state.template } : {}),
        ...(this.state.documentIndex !== undefined ? { documentIndex: this.state.documentIndex } : {}),
        ...(offset !== undefined ? { offset } : {}),
      };
      response = await this.client.sendRequest<GraphResponse>(GRAPH_REQUEST_METHOD, params);
    } catch (e) {
      response = { ok: false, uri: this.uri, error: `The Argo language server did not answer: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (seq !== this.seq || this.disposed) return;
    if (!response.ok) {
      this.post({ type: 'error', message: response.error, session: this.state });
      return;
    }
    this.last = response;
    if (this.state.template === undefined || this.state.documentIndex === undefined) {
      this.state = { ...this.state, template: this.state.template ?? response.graph.root.template, documentIndex: response.graph.documentIndex };
    }
    this.updateTitle();
    this.post({ type: 'graph', response, session: this.state, fit });
  }

  private updateTitle(): void {
    const template = this.last?.graph.root.template ?? this.state.template;
    this.panel.title = `Graph: ${basename(this.uri)}${template ? ` › ${template}` : ''}`;
  }

  private async onMessage(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        if (m.state?.session?.uri === this.uri) this.state = { ...m.state.session, uri: this.uri };
        if (this.phases) this.post({ type: 'phases', phases: this.phases });
        await this.refresh(!m.state?.view);
        return;
      }
      case 'rendered':
        for (const r of this.rendered.splice(0)) r();
        return;
      case 'reveal':
        // A node of a run (it has a phase): open its logs; the YAML stays where it is.
        if (this.phases?.[m.id]) {
          await this.reveal(m.id);
          await vscode.commands.executeCommand('argoStudio.runs.openNodeLogs', this.uri, m.id).then(undefined, () => undefined);
          return;
        }
        return this.reveal(m.id);
      case 'toggle': {
        const collapsed = this.state.collapsed.includes(m.id) ? this.state.collapsed.filter((c) => c !== m.id) : [...this.state.collapsed, m.id];
        return this.update({ collapsed }, false);
      }
      case 'expandAll':
        return this.update({ collapsed: [] }, true);
      case 'collapseAll': {
        const groups = (this.last?.graph.nodes ?? []).filter((n) => n.group && !n.group.collapsed && n.depth === 0).map((n) => n.id);
        return this.update({ collapsed: [...new Set([...this.state.collapsed, ...groups])] }, true);
      }
      case 'setDirection':
        return this.update({ direction: m.direction }, true);
      case 'setArtifacts':
        return this.update({ showArtifacts: m.show }, false);
      case 'setTemplate':
        return this.update({ template: m.template, collapsed: [] }, true);
      case 'export':
        return this.export(m.format);
      case 'exported': {
        const resolve = this.exports.get(m.requestId);
        this.exports.delete(m.requestId);
        if (resolve) resolve(m);
        else if (m.data !== undefined) await saveExport(this.uri, this.last?.graph.root.template ?? 'graph', m.format, m.data);
        return;
      }
    }
  }

  /** Opens the document at the task/step of a node, in the editor column showing it (else the first). */
  private async reveal(id: string): Promise<void> {
    const node = this.last?.graph.nodes.find((n) => n.id === id);
    const loc = node?.location;
    if (!loc) return;
    const range = new vscode.Range(loc.start.line, loc.start.character, loc.start.line, loc.start.character);
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri)?.viewColumn ?? vscode.ViewColumn.One;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.uri));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(new vscode.Range(loc.start.line, 0, loc.end.line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private post(m: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(m);
  }

  /** The state to restore this panel with (used before the webview has reported its own). */
  persisted(): PersistedState {
    return { session: this.state };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const r of this.rendered.splice(0)) r();
    for (const [id, resolve] of this.exports) resolve({ type: 'exported', requestId: id, format: 'svg', error: 'the graph panel was closed' });
    this.exports.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDispose(this);
    this.panel.dispose();
  }
}
