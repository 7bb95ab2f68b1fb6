/**
 * The fast layered layout of one level (a Sugiyama-style pipeline in plain TypeScript), used where
 * ELK would be too slow. Computed top-down; left-right is the transposed top-down layout.
 */
import { orderLayers } from './fast-order';
import { placeX, placeY } from './fast-place';
import { rank, type Ranked } from './fast-rank';
import type { LayoutLink } from './layout-tree';
import type { Box, EdgeGeometry, GraphDirection, Point } from '../types';

export interface LevelNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LevelLayout {
  readonly width: number;
  readonly height: number;
  /** Top-left corners relative to the level's origin. */
  readonly nodes: Map<string, Box>;
  readonly edges: Map<string, EdgeGeometry>;
}

const PORT_SPACING = 12;

/** Horizontal offsets of edge ends along a node's bottom (outgoing) or top (incoming) side. */
function ports(r: Ranked, x: Float64Array, side: number[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (let v = 0; v < r.count; v++) {
    const ns = side[v];
    if (r.dummy[v] || ns.length < 2) continue;
    const sorted = [...ns].sort((a, b) => x[a] - x[b]);
    const spacing = Math.min(PORT_SPACING, (r.width[v] - 16) / (sorted.length - 1));
    sorted.forEach((w, i) => out.set(`${v}>${w}`, (i - (sorted.length - 1) / 2) * spacing));
  }
  return out;
}

export function layoutLevelFast(nodes: readonly LevelNode[], links: readonly LayoutLink[], direction: GraphDirection, sweeps = 12, rounds = 6): LevelLayout {
  const lr = direction === 'LR';
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const usable = links.filter((l) => index.has(l.from) && index.has(l.to));
  const r = rank({
    sizes: nodes.map((n) => (lr ? { width: n.height, height: n.width } : { width: n.width, height: n.height })),
    edges: usable.map((l) => ({ u: index.get(l.from) as number, v: index.get(l.to) as number })),
  });
  const layers = orderLayers(r, sweeps);
  const x = placeX(r, layers, rounds);
  const labelSize = (l: LayoutLink): { w: number; h: number } | undefined =>
    l.label ? (lr ? { w: l.label.height, h: l.label.width } : { w: l.label.width, h: l.label.height }) : undefined;
  const extraGap: number[] = [];
  for (const c of r.chains) {
    const s = labelSize(usable[c.edge]);
    if (s) extraGap[r.layer[c.nodes[0]]] = Math.max(extraGap[r.layer[c.nodes[0]]] ?? 0, s.h + 8);
  }
  const { top, height } = placeY(r, layers, extraGap);
  const nodeTop = (v: number): number => top[r.layer[v]] + (height[r.layer[v]] - r.height[v]) / 2;
  const outPorts = ports(r, x, r.down);
  const inPorts = ports(r, x, r.up);
  const boxes: Box[] = nodes.map((_, v) => ({ x: x[v] - r.width[v] / 2, y: nodeTop(v), width: r.width[v], height: r.height[v] }));
  const routes: { id: string; points: Point[]; label?: Box }[] = [];
  for (const c of r.chains) {
    const ns = c.nodes;
    const s = ns[0];
    const t = ns[ns.length - 1];
    const pts: Point[] = [{ x: x[s] + (outPorts.get(`${s}>${ns[1]}`) ?? 0), y: nodeTop(s) + r.height[s] }];
    for (let k = 1; k < ns.length - 1; k++) {
      const d = ns[k];
      const L = r.layer[d];
      pts.push({ x: x[d], y: top[L] });
      if (height[L] > 0) pts.push({ x: x[d], y: top[L] + height[L] });
    }
    pts.push({ x: x[t] + (inPorts.get(`${ns[ns.length - 2]}>${t}`) ?? 0), y: nodeTop(t) });
    const link = usable[c.edge];
    const size = labelSize(link);
    const label = size ? { x: (pts[0].x + pts[1].x) / 2 - size.w / 2, y: (pts[0].y + pts[1].y) / 2 - size.h / 2, width: size.w, height: size.h } : undefined;
    routes.push({ id: link.id, points: c.reversed ? pts.reverse() : pts, ...(label ? { label } : {}) });
  }
  return finish(nodes, boxes, routes, lr);
}

/** Moves everything to non-negative coordinates and transposes for left-right. */
function finish(nodes: readonly LevelNode[], boxes: Box[], routes: { id: string; points: Point[]; label?: Box }[], lr: boolean): LevelLayout {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (b: Box): void => {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  };
  boxes.forEach(grow);
  for (const e of routes) {
    for (const p of e.points) grow({ x: p.x, y: p.y, width: 0, height: 0 });
    if (e.label) grow(e.label);
  }
  if (!Number.isFinite(minX)) return { width: 0, height: 0, nodes: new Map(), edges: new Map() };
  const p = (q: Point): Point => (lr ? { x: q.y - minY, y: q.x - minX } : { x: q.x - minX, y: q.y - minY });
  const b = (q: Box): Box =>
    lr ? { x: q.y - minY, y: q.x - minX, width: q.height, height: q.width } : { x: q.x - minX, y: q.y - minY, width: q.width, height: q.height };
  const outNodes = new Map<string, Box>();
  nodes.forEach((n, i) => outNodes.set(n.id, b(boxes[i])));
  const outEdges = new Map<string, EdgeGeometry>();
  for (const e of routes) outEdges.set(e.id, { points: e.points.map(p), ...(e.label ? { label: b(e.label) } : {}) });
  const w = maxX - minX;
  const h = maxY - minY;
  return { width: lr ? h : w, height: lr ? w : h, nodes: outNodes, edges: outEdges };
}
