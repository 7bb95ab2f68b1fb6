/**
 * The graph of a document (`argoStudio/graph`): built from this version's analysis and laid out in
 * the worker (layouts cached by structure, so edits that keep it do not lay out again).
 */
import {
  buildGraph,
  DARK_PALETTE,
  layoutGraph,
  LIGHT_PALETTE,
  nodesAtOffset,
  renderSvg,
  type GraphRequestParams,
  type GraphResponse,
  type LayoutCache,
} from '../../../core/graph';
import type { Analysis } from '../../../core/analyze';
import type { Snapshot } from '../worker-documents';

function documentAt(analysis: Analysis, offset: number | undefined): number | undefined {
  if (offset === undefined) return undefined;
  const d = analysis.documents.find((x) => x.model && x.parsed.range.start <= offset && offset <= x.parsed.range.end);
  return d?.parsed.index;
}

/** Builds, lays out (cached) and locates the graph. Never throws. */
export async function computeGraph(s: Snapshot, cache: LayoutCache, params: GraphRequestParams): Promise<GraphResponse> {
  const { uri, version } = s;
  try {
    const documentIndex = params.documentIndex ?? documentAt(s.analysis, params.offset);
    const result = buildGraph(s.analysis, {
      ...(documentIndex !== undefined ? { documentIndex } : {}),
      ...(params.template !== undefined ? { template: params.template } : {}),
      ...(params.collapsed ? { collapsed: params.collapsed } : {}),
      ...(params.collapseAll ? { collapseAll: true } : {}),
      ...(params.showArtifacts === false ? { showArtifacts: false } : {}),
    });
    if (!result.ok) return { ok: false, uri, version, error: result.error };
    const graph = result.graph;
    // Positions come from this version's text: convert them before the layout yields (the next
    // edit may be applied to the document while ELK runs).
    for (const n of graph.nodes) n.location = { start: s.doc.positionAt(n.range.start), end: s.doc.positionAt(n.range.end) };
    const activeNodeIds = params.offset !== undefined ? nodesAtOffset(graph, params.offset) : [];
    const layout = await layoutGraph(graph, { direction: params.direction ?? 'TB', cache });
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
