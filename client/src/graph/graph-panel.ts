/**
 * The graph view: commands (open, export SVG/PNG), one webview panel per document beside the editor,
 * and the serializer that restores panels after a reload.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PhaseInfo } from '../../../server/src/core/graph';
import { GraphSession } from './graph-session';
import { GRAPH_VIEW_TYPE, type ExportFormat, type PersistedState, type SessionState } from './messages';

const sessions = new Map<string, GraphSession>();
let lastActive: GraphSession | undefined;

function direction(): 'TB' | 'LR' {
  return vscode.workspace.getConfiguration('argoStudio').get<'TB' | 'LR'>('graph.direction', 'TB') === 'LR' ? 'LR' : 'TB';
}

function track(session: GraphSession): GraphSession {
  sessions.set(session.uri, session);
  lastActive = session;
  session.panel.onDidChangeViewState((e) => {
    if (e.webviewPanel.active) lastActive = session;
  });
  return session;
}

function forget(session: GraphSession): void {
  if (sessions.get(session.uri) === session) sessions.delete(session.uri);
  if (lastActive === session) lastActive = undefined;
}

/** The document the command is about: an argument (string or Uri), else the active editor, else the last graph. */
function targetUri(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (arg instanceof vscode.Uri) return arg.toString();
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'yaml') return editor.document.uri.toString();
  return lastActive?.uri;
}

function open(context: vscode.ExtensionContext, client: LanguageClient, uri: string, template: string | undefined, documentIndex: number | undefined): GraphSession {
  const existing = sessions.get(uri);
  if (existing) {
    existing.retarget(template, documentIndex);
    return existing;
  }
  const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Argo graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: false });
  const state: SessionState = { uri, direction: direction(), showArtifacts: true, collapsed: [], ...(template !== undefined ? { template } : {}), ...(documentIndex !== undefined ? { documentIndex } : {}) };
  return track(new GraphSession(panel, state, client, context.extensionUri, forget));
}

/** The panel an export command is about: the active one, the last one used, or a new one for the editor. */
async function exportTarget(context: vscode.ExtensionContext, client: LanguageClient): Promise<GraphSession | undefined> {
  const active = [...sessions.values()].find((s) => s.panel.active) ?? lastActive;
  if (active?.hasGraph()) return active;
  const uri = targetUri(undefined);
  if (!uri) {
    void vscode.window.showInformationMessage('Open an Argo workflow YAML file (or its graph) to export the graph.');
    return undefined;
  }
  const session = active ?? open(context, client, uri, undefined, undefined);
  await session.whenRendered();
  return session.hasGraph() ? session : undefined;
}

export function registerGraphView(context: vscode.ExtensionContext, client: LanguageClient): void {
  const doExport = async (format: ExportFormat): Promise<void> => {
    const session = await exportTarget(context, client);
    if (session) await session.export(format);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('argoStudio.openGraph', (uriArg?: unknown, template?: unknown, documentIndex?: unknown) => {
      const uri = targetUri(uriArg);
      if (!uri) {
        void vscode.window.showInformationMessage('Open an Argo workflow YAML file to see its graph.');
        return;
      }
      open(context, client, uri, typeof template === 'string' ? template : undefined, typeof documentIndex === 'number' ? documentIndex : undefined);
    }),
    vscode.commands.registerCommand('argoStudio.exportGraphSvg', () => doExport('svg')),
    vscode.commands.registerCommand('argoStudio.exportGraphPng', () => doExport('png')),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const s = (state as PersistedState | undefined)?.session;
        if (!s || typeof s.uri !== 'string' || sessions.has(s.uri)) {
          panel.dispose();
          return Promise.resolve();
        }
        track(new GraphSession(panel, { ...s, direction: s.direction === 'LR' ? 'LR' : 'TB', collapsed: Array.isArray(s.collapsed) ? s.collapsed : [], showArtifacts: s.showArtifacts !== false }, client, context.extensionUri, forget));
        return Promise.resolve();
      },
    }),
    { dispose: () => [...sessions.values()].forEach((s) => s.dispose()) },
  );
}

/**
 * Run overlay entry point (for the runs store): shows node phases (graph path -> phase) on the open
 * graph of `uri`; `undefined` clears them. Returns false when no graph of that document is open.
 */
export function setGraphPhases(uri: string, phases: Readonly<Record<string, PhaseInfo>> | undefined): boolean {
  const session = sessions.get(uri);
  session?.setPhases(phases);
  return session !== undefined;
}
