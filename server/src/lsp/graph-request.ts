/**
 * The graph in the language server: answers `argoStudio/graph` with the graph and its layout (the
 * layout runs here, off the editor's UI thread, and is cached by structure), and offers an
 * "Open graph" CodeLens on each DAG/steps template.
 */
import type { CodeLens, Connection } from 'vscode-languageserver/node';
import type { Analysis } from '../core/analyze';
import { buildGraph } from '../core/graph/build-graph';
import { generateLayeredDag } from '../core/graph/benchmark';
import { layoutGraph, LayoutCache } from '../core/graph/layout';
import { nodesAtOffset } from '../core/graph/node-at';
import { GRAPH_REQUEST_METHOD, type GraphRequestParams, type GraphResponse } from '../core/graph/protocol';
import { renderSvg } from '../core/graph/render-svg';
import { DARK_PALETTE, LIGHT_PALETTE } from '../core/graph/svg-style';
import type { DocumentStore } from './document-store';

export { GRAPH_REQUEST_METHOD };
export type { GraphRequestParams, GraphResponse };

export const OPEN_GRAPH_COMMAND = 'argoStudio.openGraph';

let warmElk = (): void => undefined;

export function registerGraphRequest(connection: Connection, store: DocumentStore): void {
  const cache = new LayoutCache(24);
  connection.onRequest(GRAPH_REQUEST_METHOD, (params: GraphRequestParams): Promise<GraphResponse> => computeGraph(store, cache, params));
  // ELK's first layout pays for JIT compilation; pay it before the first graph is asked for.
  // ELK is loaded and warmed on the first CodeLens request (an Argo document is shown), not at start:
  // a server that never draws a graph does not hold it in memory.
  warmElk = (): void => {
    warmElk = (): void => undefined;
    setTimeout(() => void layoutGraph(generateLayeredDag(12), { engine: 'elk' }).catch(() => undefined), 200).unref();
  };
}

function documentAt(analysis: Analysis, offset: number | undefined): number | undefined {
  if (offset === undefined) return undefined;
  const d = analysis.documents.find((x) => x.model && x.parsed.range.start <= offset && offset <= x.parsed.range.end);
  return d?.parsed.index;
}

/** Builds, lays out (cached) and locates the graph of an open document. Never throws. */
export async function computeGraph(store: DocumentStore, cache: LayoutCache, params: GraphRequestParams): Promise<GraphResponse> {
  const uri = params.uri;
  const doc = store.get(uri);
  const analysis = store.analysis(uri);
  if (!doc || !analysis) return { ok: false, uri, error: 'The document is not open in the Argo language server.' };
  const version = doc.version;
  try {
    const documentIndex = params.documentIndex ?? documentAt(analysis, params.offset);
    const result = buildGraph(analysis, {
      ...(documentIndex !== undefined ? { documentIndex } : {}),
      ...(params.template !== undefined ? { template: params.template } : {}),
      ...(params.collapsed ? { collapsed: params.collapsed } : {}),
      ...(params.collapseAll ? { collapseAll: true } : {}),
      ...(params.showArtifacts === false ? { showArtifacts: false } : {}),
    });
    if (!result.ok) return { ok: false, uri, version, error: result.error };
    const graph = result.graph;
    const layout = await layoutGraph(graph, { direction: params.direction ?? 'TB', cache });
    for (const n of graph.nodes) n.location = { start: doc.positionAt(n.range.start), end: doc.positionAt(n.range.end) };
    const activeNodeIds = params.offset !== undefined ? nodesAtOffset(graph, params.offset) : [];
    const svg = params.renderSvg ? renderSvg(graph, layout, { palette: params.renderSvg === 'dark' ? DARK_PALETTE : LIGHT_PALETTE }) : undefined;
    return {
      ok: true,
      uri,
      version,
      graph,
      layout,
      activeNodeIds,
      ...(activeNodeIds.length > 0 ? { activeNodeId: activeNodeIds[0] } : {}),
      ...(svg !== undefined ? { svg } : {}),
    };
  } catch (e) {
    return { ok: false, uri, version, error: `The graph could not be built: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** "Open graph" above each named DAG/steps template of each Argo document. */
export function graphCodeLenses(store: DocumentStore, uri: string): CodeLens[] {
  warmElk();
  const doc = store.get(uri);
  const analysis = store.analysis(uri);
  if (!doc || !analysis) return [];
  const lenses: CodeLens[] = [];
  for (const d of analysis.documents) {
    for (const t of d.model?.spec?.templates ?? []) {
      if (!t.name || (t.type !== 'dag' && t.type !== 'steps')) continue;
      lenses.push({
        range: { start: doc.positionAt(t.name.range.start), end: doc.positionAt(t.name.range.end) },
        command: { title: 'Open graph', command: OPEN_GRAPH_COMMAND, arguments: [uri, t.name.value, d.parsed.index] },
      });
    }
  }
  return lenses;
}
