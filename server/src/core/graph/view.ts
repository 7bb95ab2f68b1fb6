/**
 * The graph's browser-safe front door: what the webview (media/graph, bundled for the browser) and the
 * extension host need to show a graph that the language server built and laid out. SVG rendering,
 * palettes, node labels, the run-phase map and join, the graph request's types, the graph types.
 *
 * A front door of its own because the full one (./index.ts) also reaches the graph builder (the whole
 * model and analysis) and the layout engines (ELK, 1.6 MB, loaded by a dynamic import that a browser
 * bundle would inline): nothing here may import ./build-graph, ./layout or anything outside core/graph
 * except types.
 */
export { renderSvg, renderGraphBody, type RenderOptions } from './render-svg';
export { GRAPH_CSS, LIGHT_PALETTE, DARK_PALETTE, paletteCss, paletteKeys, paletteVariable, standaloneCss, type Palette } from './svg-style';
export { callLabel, loopBadge, nodeLabels, labelledWidth, type LabelSource, type NodeLabels } from './node-labels';
export { NODE_METRICS } from './node-size';
export { phaseMapFromArgoNodes, joinPhases, argoNodePath, withoutIterations, withoutRetries, graphNodeIdOf, isNodePhase, type ArgoNodeLike } from './phases';
export { nodesAtOffset } from './node-at';
export { GRAPH_REQUEST_METHOD, type GraphRequestParams, type GraphResponse } from './protocol';
export * from './types';
