/**
 * The graph view: commands (open, export SVG/PNG), one webview panel per document beside the editor,
 * and the serializer that restores panels after a reload.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PhaseInfo } from '../../../server/src/core/graph';
import { GraphSession } from './graph-session';
import { GRAPH_VIEW_TYPE, type ExportFormat, type PersistedState, type SessionState } from './messages';

function direction(): 'TB' | 'LR' {
  return vscode.workspace.getConfiguration('argoStudio').get<'TB' | 'LR'>('graph.direction', 'TB') === 'LR' ? 'LR' : 'TB';
}

/** Where the run overlay sends node phases: the open graph of a document, if any. */
export interface GraphPhaseSink {
  /** Shows node phases (graph path -> phase) on the open graph of `uri`; `undefined` clears them. False when none is open. */
  setPhases(uri: string, phases: Readonly<Record<string, PhaseInfo>> | undefined): boolean;
}

/** The open graph panels, one per document (built once by the composition root). */
export class GraphPanels implements GraphPhaseSink {
  private readonly sessions = new Map<string, GraphSession>();
  private lastActive: GraphSession | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
  ) {}

  has(uri: string): boolean {
    return this.sessions.has(uri);
  }

  track(session: GraphSession): GraphSession {
    this.sessions.set(session.uri, session);
    this.lastActive = session;
    session.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.lastActive = session;
    });
    return session;
  }

  readonly forget = (session: GraphSession): void => {
    if (this.sessions.get(session.uri) === session) this.sessions.delete(session.uri);
    if (this.lastActive === session) this.lastActive = undefined;
  };

  /** The document the command is about: an argument (string or Uri), else the active editor, else the last graph. */
  targetUri(arg: unknown): string | undefined {
    if (typeof arg === 'string' && arg) return arg;
    if (arg instanceof vscode.Uri) return arg.toString();
    const editor = vscode.window.activeTextEditor;
    if (editor && editor.document.languageId === 'yaml') return editor.document.uri.toString();
    return this.lastActive?.uri;
  }

  open(uri: string, template: string | undefined, documentIndex: number | undefined): GraphSession {
    const existing = this.sessions.get(uri);
    if (existing) {
      existing.retarget(template, documentIndex);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      'Argo graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    const state: SessionState = {
      uri,
      direction: direction(),
      showArtifacts: true,
      collapsed: [],
      ...(template !== undefined ? { template } : {}),
      ...(documentIndex !== undefined ? { documentIndex } : {}),
    };
    return this.track(new GraphSession(panel, state, this.client, this.context.extensionUri, this.forget));
  }

  /** Restores a panel after a reload (the serializer). */
  restore(panel: vscode.WebviewPanel, s: SessionState): void {
    this.track(new GraphSession(panel, s, this.client, this.context.extensionUri, this.forget));
  }

  /** The panel an export command is about: the active one, the last one used, or a new one for the editor. */
  async exportTarget(): Promise<GraphSession | undefined> {
    const active = [...this.sessions.values()].find((s) => s.panel.active) ?? this.lastActive;
    if (active?.hasGraph()) return active;
    const uri = this.targetUri(undefined);
    if (!uri) {
      void vscode.window.showInformationMessage('Open an Argo workflow YAML file (or its graph) to export the graph.');
      return undefined;
    }
    const session = active ?? this.open(uri, undefined, undefined);
    await session.whenRendered();
    return session.hasGraph() ? session : undefined;
  }

  setPhases(uri: string, phases: Readonly<Record<string, PhaseInfo>> | undefined): boolean {
    const session = this.sessions.get(uri);
    session?.setPhases(phases);
    return session !== undefined;
  }

  dispose(): void {
    [...this.sessions.values()].forEach((s) => s.dispose());
  }
}

/** Registers the graph commands and the panel serializer; returns the panels (for the run overlay). */
export function registerGraphView(context: vscode.ExtensionContext, client: LanguageClient): GraphPanels {
  const panels = new GraphPanels(context, client);
  const doExport = async (format: ExportFormat): Promise<void> => {
    const session = await panels.exportTarget();
    if (session) await session.export(format);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('argoStudio.openGraph', (uriArg?: unknown, template?: unknown, documentIndex?: unknown) => {
      const uri = panels.targetUri(uriArg);
      if (!uri) {
        void vscode.window.showInformationMessage('Open an Argo workflow YAML file to see its graph.');
        return;
      }
      panels.open(uri, typeof template === 'string' ? template : undefined, typeof documentIndex === 'number' ? documentIndex : undefined);
    }),
    vscode.commands.registerCommand('argoStudio.exportGraphSvg', () => doExport('svg')),
    vscode.commands.registerCommand('argoStudio.exportGraphPng', () => doExport('png')),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const s = (state as PersistedState | undefined)?.session;
        if (!s || typeof s.uri !== 'string' || panels.has(s.uri)) {
          panel.dispose();
          return Promise.resolve();
        }
        panels.restore(panel, {
          ...s,
          direction: s.direction === 'LR' ? 'LR' : 'TB',
          collapsed: Array.isArray(s.collapsed) ? s.collapsed : [],
          showArtifacts: s.showArtifacts !== false,
        });
        return Promise.resolve();
      },
    }),
    panels,
  );
  return panels;
}
