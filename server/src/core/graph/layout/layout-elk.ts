/** Layout with ELK's layered algorithm (in process: elk.bundled.js), for graphs small enough to stay fast. */
import type { ELK, ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api';
import type { PlacedGraph } from './layout-fast';
import { GROUP_PADDING, layoutLevels, ROOT_PADDING, type LayoutLevel } from './layout-tree';
import type { Box, EdgeGeometry, GraphDirection, Point, WorkflowGraph } from '../types';

const ROOT_ID = '\u0000root';

type ElkConstructor = new () => ELK;
let instance: Promise<ELK> | undefined;
/** Loaded on first use (~100 ms): processes that never lay out (the analysis worker, lint) do not pay for it. */
function elk(): Promise<ELK> {
  instance ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    // A CommonJS module whose exports are the constructor (exports.default too), whichever interop applies.
    const mod = m.default as unknown as ElkConstructor & { default?: ElkConstructor };
    return new (mod.default ?? mod)();
  });
  return instance;
}

/** Options chosen for speed at good quality (ELK's defaults took ~4 s for 1000 nodes). */
export function elkOptions(direction: GraphDirection): LayoutOptions {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction === 'LR' ? 'RIGHT' : 'DOWN',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.spacing.nodeNodeBetweenLayers': '44',
    'elk.spacing.nodeNode': '28',
    'elk.spacing.edgeNode': '14',
    'elk.spacing.edgeEdge': '10',
    'elk.layered.spacing.edgeNodeBetweenLayers': '14',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
    'elk.spacing.edgeLabel': '2',
    'elk.edgeLabels.inline': 'true',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.thoroughness': '4',
    // Unconnected nodes (parallel steps) share the first layer instead of being packed as components.
    'elk.separateConnectedComponents': 'false',
  };
}

function toElk(levels: Map<string, LayoutLevel>, level: LayoutLevel, direction: GraphDirection): { children: ElkNode[]; edges: ElkExtendedEdge[] } {
  const children = level.items.map((it): ElkNode => {
    const inner = it.expanded ? levels.get(it.id) : undefined;
    if (!inner) return { id: it.id, width: it.width, height: it.height };
    const p = GROUP_PADDING;
    return {
      id: it.id,
      layoutOptions: {
        ...elkOptions(direction),
        'elk.padding': `[top=${p.top},left=${p.left},bottom=${p.bottom},right=${p.right}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${it.minWidth}, ${p.top + p.bottom})`,
      },
      ...toElk(levels, inner, direction),
    };
  });
  const edges = level.links.map((l): ElkExtendedEdge => ({
    id: l.id,
    sources: [l.from],
    targets: [l.to],
    ...(l.label ? { labels: [{ text: l.label.text, width: l.label.width, height: l.label.height }] } : {}),
  }));
  return { children, edges };
}

export async function layoutElk(graph: WorkflowGraph, direction: GraphDirection): Promise<PlacedGraph> {
  const levels = layoutLevels(graph);
  const top = levels.get('') as LayoutLevel;
  const root: ElkNode = {
    id: ROOT_ID,
    layoutOptions: { ...elkOptions(direction), 'elk.padding': `[top=${ROOT_PADDING},left=${ROOT_PADDING},bottom=${ROOT_PADDING},right=${ROOT_PADDING}]` },
    ...toElk(levels, top, direction),
  };
  const out = await (await elk()).layout(root);
  const nodes: Record<string, Box> = {};
  const edges: Record<string, EdgeGeometry> = {};
  const walk = (n: ElkNode, ox: number, oy: number): void => {
    for (const e of n.edges ?? []) {
      const s = e.sections?.[0];
      if (!s) continue;
      const shift = (p: Point): Point => ({ x: p.x + ox, y: p.y + oy });
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map(shift);
      const l = e.labels?.[0];
      edges[e.id] = { points, ...(l ? { label: { x: (l.x ?? 0) + ox, y: (l.y ?? 0) + oy, width: l.width ?? 0, height: l.height ?? 0 } } : {}) };
    }
    for (const c of n.children ?? []) {
      const x = (c.x ?? 0) + ox;
      const y = (c.y ?? 0) + oy;
      nodes[c.id] = { x, y, width: c.width ?? 0, height: c.height ?? 0 };
      walk(c, x, y);
    }
  };
  walk(out, 0, 0);
  return { width: out.width ?? 0, height: out.height ?? 0, nodes, edges };
}
