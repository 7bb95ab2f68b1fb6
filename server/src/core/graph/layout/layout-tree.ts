import { groupSubtitle } from '../node-labels';
import { groupHeaderWidth, NODE_METRICS, textWidth } from '../node-size';
import type { GraphDirection, GraphEdge, WorkflowGraph } from '../types';

/** A box to place at one level: a node, a placeholder, or an expanded group (sized by its content). */
export interface LayoutItem {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Expanded group: its content is the level of the same id. */
  readonly expanded: boolean;
  /** Minimum width of an expanded group (its header). */
  readonly minWidth: number;
}

export interface LayoutLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label?: { readonly text: string; readonly width: number; readonly height: number };
}

/** The content of the top level ('') or of one expanded group. */
export interface LayoutLevel {
  readonly id: string;
  readonly depth: number;
  readonly items: LayoutItem[];
  readonly links: LayoutLink[];
}

export const EDGE_LABEL_FONT = 10;
export const EDGE_LABEL_HEIGHT = 14;

/** Text shown on an edge: its non-default condition and the artifacts it carries. */
export function edgeLabelText(e: Pick<GraphEdge, 'condition' | 'artifacts'>, showArtifacts: boolean): string | undefined {
  const parts: string[] = [];
  if (e.condition) parts.push(e.condition);
  if (showArtifacts && e.artifacts.length > 0) parts.push(e.artifacts.join(', '));
  const text = parts.join(' · ');
  if (!text) return undefined;
  return text.length > 40 ? text.slice(0, 39) + '…' : text;
}

/** Splits a graph into levels: the top level and one per expanded group. */
export function layoutLevels(graph: WorkflowGraph): Map<string, LayoutLevel> {
  const levels = new Map<string, LayoutLevel>();
  const level = (id: string, depth: number): LayoutLevel => {
    let l = levels.get(id);
    if (!l) {
      l = { id, depth, items: [], links: [] };
      levels.set(id, l);
    }
    return l;
  };
  level('', 0);
  const hasChildren = new Set<string>();
  for (const n of graph.nodes) if (n.parent !== undefined) hasChildren.add(n.parent);
  for (const n of graph.nodes) {
    const expanded = !!n.group && !n.group.collapsed && hasChildren.has(n.id);
    const minWidth = expanded ? groupHeaderWidth(n.name, groupSubtitle(n)) : n.width;
    level(n.parent ?? '', n.depth).items.push({ id: n.id, width: n.width, height: n.height, expanded, minWidth });
  }
  const depthOf = new Map(graph.nodes.map((n) => [n.id, n.depth]));
  for (const m of graph.missing) {
    const depth = m.parent !== undefined ? (depthOf.get(m.parent) ?? 0) + 1 : 0;
    level(m.parent ?? '', depth).items.push({ id: m.id, width: m.width, height: m.height, expanded: false, minWidth: m.width });
  }
  for (const e of graph.edges) {
    const text = edgeLabelText(e, graph.showArtifacts);
    const label = text ? { text, width: textWidth(text, EDGE_LABEL_FONT) + 8, height: EDGE_LABEL_HEIGHT } : undefined;
    level(e.parent ?? '', 0).links.push({ id: e.id, from: e.from, to: e.to, ...(label ? { label } : {}) });
  }
  return levels;
}

/** Levels ordered so that every group comes before the level containing it (deepest first). */
export function bottomUp(levels: Map<string, LayoutLevel>): LayoutLevel[] {
  return [...levels.values()].sort((a, b) => b.depth - a.depth);
}

export const GROUP_PADDING = { top: NODE_METRICS.groupHeader + 8, left: NODE_METRICS.groupPad, right: NODE_METRICS.groupPad, bottom: NODE_METRICS.groupPad };
export const ROOT_PADDING = 16;

/** A hash of everything the layout depends on: ids, sizes, nesting, edges, labels and direction. */
export function structureKey(graph: WorkflowGraph, direction: GraphDirection, engine: string): string {
  const levels = layoutLevels(graph);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
  };
  let count = 0;
  for (const [id, l] of [...levels.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    feed(`L${id}`);
    for (const it of l.items) {
      feed(`${it.id}|${it.width}|${it.height}|${it.expanded ? 1 : 0}|${it.minWidth}`);
      count++;
    }
    for (const e of l.links) feed(`${e.id}|${e.from}|${e.to}|${e.label?.width ?? 0}`);
  }
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return `${engine}:${direction}:${count}:${hex(h1)}${hex(h2)}`;
}
