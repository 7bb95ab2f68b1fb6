import type { Range } from '../types';
import type { EdgeKind, GraphEdge, GraphNode, MissingNode } from './types';

/** Nodes, placeholders and edges being collected by the graph builder (edges de-duplicated per pair). */
export class GraphParts {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly missing: MissingNode[] = [];
  private readonly ids = new Set<string>();
  private readonly byPair = new Map<string, GraphEdge>();
  private readonly conditions = new Map<GraphEdge, string[]>();

  /** `id`, or `id#2`, `id#3`... when taken (duplicate task names are a rule error, not a crash). */
  uniqueId(id: string): string {
    let out = id;
    for (let i = 2; this.ids.has(out); i++) out = `${id}#${i}`;
    this.ids.add(out);
    return out;
  }

  addNode(node: GraphNode): void {
    this.nodes.push(node);
  }

  addMissing(node: MissingNode): void {
    if (!this.missing.some((m) => m.id === node.id)) this.missing.push(node);
  }

  edge(from: string, to: string): GraphEdge | undefined {
    return this.byPair.get(`${from}\u0000${to}`);
  }

  /**
   * Adds an edge, or merges into the existing one between the same nodes. `condition` is one operand's
   * condition ('' for the default one); the edge shows the non-default ones.
   */
  addEdge(from: string, to: string, kind: EdgeKind, parent: string | undefined, range?: Range, condition?: string): GraphEdge {
    const key = `${from}\u0000${to}`;
    let e = this.byPair.get(key);
    if (!e) {
      e = { id: `e${this.edges.length}`, from, to, kind, ...(parent !== undefined ? { parent } : {}), artifacts: [], problems: [], ranges: [] };
      this.byPair.set(key, e);
      this.edges.push(e);
    }
    if (range) e.ranges.push(range);
    if (condition !== undefined) {
      const list = this.conditions.get(e) ?? [];
      if (!list.includes(condition)) list.push(condition);
      this.conditions.set(e, list);
      e.condition = conditionLabel(list);
    }
    return e;
  }
}

function conditionLabel(parts: string[]): string | undefined {
  if (parts.every((p) => p === '')) return undefined;
  return parts.map((p) => (p === '' ? 'Succeeded' : p)).join(' | ');
}
