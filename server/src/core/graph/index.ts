/** The graph core: model -> graph (build-graph), layout (elkjs / fast layered), SVG (render-svg), run overlay (phases). */
export { buildGraph } from './build-graph';
export { layoutGraph, LayoutCache, chooseEngine, ELK_MAX_NODES, type LayoutOptions, type EngineChoice } from './layout/layout';
export { renderSvg, renderGraphBody, type RenderOptions } from './render-svg';
export { GRAPH_CSS, LIGHT_PALETTE, DARK_PALETTE, paletteCss, standaloneCss, type Palette } from './svg-style';
export { joinPhases, argoNodePath, phaseMapFromArgoNodes, withoutIterations, isNodePhase } from './phases';
export { nodesAtOffset } from './node-at';
export { generateLayeredDag, generateDagYaml, layoutBenchmark, type BenchmarkRow, type BenchmarkOptions } from './benchmark';
export * from './types';
