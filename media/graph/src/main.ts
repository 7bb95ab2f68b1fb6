/** Webview entry: receives graphs from the extension, draws them, reports clicks and exports. */
import { GRAPH_CSS, joinPhases, type GraphLayout, type PhaseInfo, type WorkflowGraph } from '../../../server/src/core/graph/view';
import type { HostMessage, PersistedState, SessionState, ViewTransform, WebviewMessage } from '../../../client/src/graph/messages';
import { exportPng, exportSvg, themePalette } from './export';
import { buildUi } from './toolbar';
import { GraphView } from './view';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): PersistedState | undefined;
  setState(state: PersistedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

// The graph's rules come from the shared renderer; a nonce lets them through the strict CSP.
const style = document.createElement('style');
style.nonce = nonce;
style.textContent = GRAPH_CSS;
document.head.append(style);

let saved = vscode.getState();
let session: SessionState | undefined = saved?.session;
let graph: WorkflowGraph | undefined;
let layout: GraphLayout | undefined;
let active: readonly string[] = [];
let phases: Readonly<Record<string, PhaseInfo>> | undefined;
let persistTimer: ReturnType<typeof setTimeout> | undefined;
let restoreView: ViewTransform | undefined = saved?.view;

const post = (m: WebviewMessage): void => vscode.postMessage(m);

function persist(view: ViewTransform | undefined): void {
  if (!session) return;
  if (persistTimer) clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    if (!session) return;
    saved = { session, ...(view ? { view } : {}) };
    vscode.setState(saved);
  }, 150);
}

const app = document.getElementById('app') ?? document.body;
const ui = buildUi(app, {
  template: (name) => post({ type: 'setTemplate', template: name }),
  direction: (d) => post({ type: 'setDirection', direction: d }),
  artifacts: (show) => post({ type: 'setArtifacts', show }),
  expandAll: () => post({ type: 'expandAll' }),
  collapseAll: () => post({ type: 'collapseAll' }),
  fit: () => view.fit(),
  zoom: (f) => view.zoomBy(f),
  export: (format) => post({ type: 'export', format }),
});
const view = new GraphView(ui.canvas, ui.tooltip, {
  reveal: (id) => post({ type: 'reveal', id }),
  toggle: (id) => post({ type: 'toggle', id }),
  transformed: (t) => persist(t),
});

function shown(): WorkflowGraph | undefined {
  return graph && phases ? joinPhases(graph, phases) : graph;
}

function draw(fit: boolean): void {
  const g = shown();
  if (!g || !layout) return;
  view.render(g, layout, active, fit && !restoreView, restoreView);
  restoreView = undefined;
  // Each finding once, as VS Code counts it (one is drawn on a node and its edges, on every instance of a template).
  const problems = new Set(
    [...g.nodes.flatMap((x) => x.problems), ...g.edges.flatMap((e) => e.problems), ...g.problems].map((p) => `${p.code}\u0000${p.message}`),
  ).size;
  const parts = [
    `${g.kind}${g.workflowName ? ` ${g.workflowName}` : ''}`,
    `${g.root.template}${g.root.isEntrypoint ? ' (entrypoint)' : ''}`,
    `${g.nodes.length} nodes, ${g.edges.length} edges`,
    problems > 0 ? `${problems} problem${problems === 1 ? '' : 's'}` : undefined,
    g.truncated ? 'some groups collapsed (size limit)' : undefined,
    `layout ${layout.engine}${layout.cached ? ' (cached)' : ` ${layout.ms} ms`}`,
  ];
  ui.setStatus(parts.filter((p) => p !== undefined).join(' · '));
  const graphProblems = g.problems.map((p) => `${p.code}: ${p.message}`);
  ui.setBanner(graphProblems.length > 0 ? graphProblems.join('\n') : undefined);
  ui.canvas.classList.remove('stale');
}

async function doExport(format: 'svg' | 'png', requestId: number): Promise<void> {
  const g = shown();
  if (!g || !layout) {
    post({ type: 'exported', requestId, format, error: 'there is no graph to export' });
    return;
  }
  try {
    const svg = exportSvg(g, layout, themePalette(view.svg));
    const data = format === 'svg' ? svg : await exportPng(svg, Math.ceil(layout.width), Math.ceil(layout.height));
    post({ type: 'exported', requestId, format, data });
  } catch (e) {
    post({ type: 'exported', requestId, format, error: e instanceof Error ? e.message : String(e) });
  }
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'graph':
      session = m.session;
      graph = m.response.graph;
      layout = m.response.layout;
      active = m.response.activeNodeIds;
      ui.setTemplates(graph.templates, graph.root.template);
      ui.setDirection(m.session.direction);
      ui.setArtifacts(m.session.showArtifacts);
      ui.setBusy(false);
      draw(m.fit);
      persist(view.transform);
      post({ type: 'rendered' });
      return;
    case 'error':
      session = m.session;
      ui.setBusy(false);
      ui.setBanner(m.message);
      if (!graph) ui.setStatus('No graph');
      persist(view.transform);
      post({ type: 'rendered' });
      return;
    case 'active':
      active = m.ids;
      view.setActive(m.ids, m.scroll);
      return;
    case 'phases':
      phases = m.phases;
      draw(false);
      return;
    case 'export':
      void doExport(m.format, m.requestId);
      return;
    case 'busy':
      ui.setBusy(m.busy);
      return;
  }
}

window.addEventListener('message', (e: MessageEvent<HostMessage>) => onMessage(e.data));
post({ type: 'ready', state: saved });
