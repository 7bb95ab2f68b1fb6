/**
 * The graph core's front door (Node: the language server's workers, the CLI, the extension host, the
 * bench): model -> graph (build-graph), layout (./layout: elkjs / fast layered), SVG (render-svg), run
 * phases (phases), the graph request (protocol). The webview imports ./view instead (browser-safe: no
 * builder, no layout engines); everything in it is re-exported here.
 */
export * from './view';
export { buildGraph } from './build-graph';
export { layoutGraph, LayoutCache, chooseEngine, structureKey, ELK_MAX_NODES, ELK_MAX_EDGES, type LayoutOptions, type EngineChoice } from './layout';
export { GraphParts } from './graph-parts';
