import { layoutElk } from './layout-elk';
import { layoutFast, type PlacedGraph } from './layout-fast';
import { structureKey } from './layout-tree';
import type { GraphDirection, GraphLayout, LayoutEngine, WorkflowGraph } from '../types';

/**
 * Above this many boxes (nodes, groups, placeholders) the fast layered layout is used: ELK's layered
 * algorithm (in process) takes 60-300 ms at 100 nodes (warm to cold) and grows super-linearly.
 */
export const ELK_MAX_NODES = 100;
export const ELK_MAX_EDGES = 200;

export type EngineChoice = LayoutEngine | 'auto';

export interface LayoutOptions {
  readonly direction?: GraphDirection;
  readonly engine?: EngineChoice;
  /** Re-use layouts of graphs with the same structure (see structureKey). */
  readonly cache?: LayoutCache;
}

/** Laid-out geometry by structural key, least recently used first out. */
export class LayoutCache {
  private readonly entries = new Map<string, GraphLayout>();
  constructor(private readonly capacity = 16) {}

  get(key: string): GraphLayout | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, layout: GraphLayout): void {
    this.entries.delete(key);
    this.entries.set(key, layout);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export function chooseEngine(graph: WorkflowGraph, engine: EngineChoice = 'auto'): LayoutEngine {
  if (engine !== 'auto') return engine;
  const boxes = graph.nodes.length + graph.missing.length;
  return boxes <= ELK_MAX_NODES && graph.edges.length <= ELK_MAX_EDGES ? 'elk' : 'fast';
}

/** Lays out a graph (ELK for small graphs, the fast layered layout for large ones), using the cache. */
export async function layoutGraph(graph: WorkflowGraph, options: LayoutOptions = {}): Promise<GraphLayout> {
  const direction = options.direction ?? 'TB';
  let engine = chooseEngine(graph, options.engine);
  const key = structureKey(graph, direction, engine);
  const hit = options.cache?.get(key);
  if (hit) return { ...hit, ms: 0, cached: true };
  const started = performance.now();
  let placed: PlacedGraph;
  if (engine === 'elk') {
    try {
      placed = await layoutElk(graph, direction);
    } catch {
      // ELK rejects some inputs (and is third-party code): the fast layout always answers.
      engine = 'fast';
      placed = layoutFast(graph, direction);
    }
  } else {
    placed = layoutFast(graph, direction);
  }
  const layout: GraphLayout = {
    key,
    engine,
    direction,
    routing: engine === 'elk' ? 'orthogonal' : 'spline',
    ...placed,
    ms: Math.round(performance.now() - started),
    cached: false,
  };
  options.cache?.set(key, layout);
  return layout;
}
