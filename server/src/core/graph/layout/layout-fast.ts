import { layoutLevelFast, type LevelLayout } from './fast-level';
import { bottomUp, GROUP_PADDING, layoutLevels, ROOT_PADDING, type LayoutItem } from './layout-tree';
import type { Box, EdgeGeometry, GraphDirection, Point, WorkflowGraph } from '../types';

export interface PlacedGraph {
  readonly width: number;
  readonly height: number;
  readonly nodes: Record<string, Box>;
  readonly edges: Record<string, EdgeGeometry>;
}

/** Effort for a level of `n` boxes: fewer sweeps on very large levels keep 5000 nodes within seconds. */
function effort(n: number): { sweeps: number; rounds: number } {
  if (n > 3000) return { sweeps: 4, rounds: 3 };
  if (n > 800) return { sweeps: 6, rounds: 4 };
  return { sweeps: 12, rounds: 6 };
}

/** Lays out every level with the fast layered layout, groups bottom-up, then makes coordinates absolute. */
export function layoutFast(graph: WorkflowGraph, direction: GraphDirection): PlacedGraph {
  const levels = layoutLevels(graph);
  const items = new Map<string, LayoutItem>();
  for (const l of levels.values()) for (const it of l.items) items.set(it.id, it);
  const sizes = new Map<string, { width: number; height: number }>();
  const results = new Map<string, LevelLayout>();
  for (const level of bottomUp(levels)) {
    const boxes = level.items.map((it) =>
      it.expanded && sizes.has(it.id)
        ? { id: it.id, ...(sizes.get(it.id) as { width: number; height: number }) }
        : { id: it.id, width: it.width, height: it.height },
    );
    const { sweeps, rounds } = effort(boxes.length);
    const res = layoutLevelFast(boxes, level.links, direction, sweeps, rounds);
    results.set(level.id, res);
    const item = items.get(level.id);
    if (item) {
      sizes.set(level.id, {
        width: Math.max(res.width + GROUP_PADDING.left + GROUP_PADDING.right, item.minWidth),
        height: res.height + GROUP_PADDING.top + GROUP_PADDING.bottom,
      });
    }
  }
  const nodes: Record<string, Box> = {};
  const edges: Record<string, EdgeGeometry> = {};
  const place = (levelId: string, ox: number, oy: number): void => {
    const res = results.get(levelId);
    if (!res) return;
    for (const [id, b] of res.nodes) {
      const abs = { x: b.x + ox, y: b.y + oy, width: b.width, height: b.height };
      nodes[id] = abs;
      const inner = results.get(id);
      if (inner && items.get(id)?.expanded) {
        const slack = abs.width - GROUP_PADDING.left - GROUP_PADDING.right - inner.width;
        place(id, abs.x + GROUP_PADDING.left + Math.max(0, slack / 2), abs.y + GROUP_PADDING.top);
      }
    }
    const shift = (p: Point): Point => ({ x: p.x + ox, y: p.y + oy });
    for (const [id, e] of res.edges) {
      edges[id] = { points: e.points.map(shift), ...(e.label ? { label: { ...e.label, x: e.label.x + ox, y: e.label.y + oy } } : {}) };
    }
  };
  place('', ROOT_PADDING, ROOT_PADDING);
  const root = results.get('');
  return { width: (root?.width ?? 0) + 2 * ROOT_PADDING, height: (root?.height ?? 0) + 2 * ROOT_PADDING, nodes, edges };
}
