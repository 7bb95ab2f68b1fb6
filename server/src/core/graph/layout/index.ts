/**
 * Graph layout: `layoutGraph` picks ELK (elkjs, loaded on first use) for small graphs and the fast
 * layered layout (fast-*.ts) for big ones; `LayoutCache` keeps layouts by a hash of the structure.
 * Browser code (the webview) must not import this index: it reaches ELK. render-svg needs only the
 * edge-label metrics, from ./layout-tree.
 */
export { layoutGraph, LayoutCache, chooseEngine, ELK_MAX_NODES, ELK_MAX_EDGES, type LayoutOptions, type EngineChoice } from './layout';
export { structureKey, edgeLabelText, EDGE_LABEL_HEIGHT } from './layout-tree';
