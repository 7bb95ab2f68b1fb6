/**
 * First half of the fast layered layout (for graphs too large for ELK to stay interactive):
 * cycle breaking, longest-path layering and dummy nodes for edges spanning several layers.
 */

export interface RankInput {
  readonly sizes: readonly { readonly width: number; readonly height: number }[];
  /** Edges as node index pairs (self loops and bad indices are ignored). */
  readonly edges: readonly { readonly u: number; readonly v: number }[];
}

/** One edge as a chain through the layers: real source, dummies, real target (in layer order). */
export interface Chain {
  readonly edge: number;
  readonly nodes: number[];
  /** The edge points against the layer order (it closed a cycle). */
  readonly reversed: boolean;
  /** Too long to get dummies (the graph would grow too much): drawn straight. */
  readonly direct: boolean;
}

export interface Ranked {
  /** Real nodes first (same indices as the input), then dummies. */
  readonly count: number;
  readonly width: number[];
  readonly height: number[];
  readonly dummy: boolean[];
  readonly layer: number[];
  readonly layers: number[][];
  /** Neighbours in the layer above / below (proper segments only). */
  readonly up: number[][];
  readonly down: number[][];
  readonly chains: Chain[];
}

export const DUMMY_WIDTH = 8;

/** Depth-first search in input order; an edge to a node on the stack closes a cycle and is reversed. */
function backEdges(n: number, out: number[][], edges: readonly { u: number; v: number }[]): Set<number> {
  const state = new Uint8Array(n);
  const reversed = new Set<number>();
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: { v: number; i: number }[] = [{ v: root, i: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const list = out[top.v];
      if (top.i >= list.length) {
        state[top.v] = 2;
        stack.pop();
        continue;
      }
      const e = list[top.i++];
      const w = edges[e].v;
      if (state[w] === 1) reversed.add(e);
      else if (state[w] === 0) {
        state[w] = 1;
        stack.push({ v: w, i: 0 });
      }
    }
  }
  return reversed;
}

/** Layers by longest path from the sources; sources then move down next to their first successor. */
function assignLayers(n: number, dag: readonly { u: number; v: number }[]): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  for (const e of dag) {
    out[e.u].push(e.v);
    indeg[e.v]++;
  }
  const layer = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) queue.push(v);
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi];
    for (const v of out[u]) {
      if (layer[u] + 1 > layer[v]) layer[v] = layer[u] + 1;
      if (--indeg[v] === 0) queue.push(v);
    }
  }
  const hasIn = new Uint8Array(n);
  for (const e of dag) hasIn[e.v] = 1;
  for (let v = 0; v < n; v++) {
    if (hasIn[v] || out[v].length === 0) continue;
    let min = Infinity;
    for (const w of out[v]) min = Math.min(min, layer[w]);
    layer[v] = Math.max(layer[v], min - 1);
  }
  return layer;
}

export function rank(input: RankInput): Ranked {
  const n = input.sizes.length;
  const edges = input.edges.map((e, i) => ({ ...e, i })).filter((e) => e.u !== e.v && e.u >= 0 && e.v >= 0 && e.u < n && e.v < n);
  const out: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e, k) => out[e.u].push(k));
  const rev = backEdges(n, out, edges);
  const dag = edges.map((e, k) => (rev.has(k) ? { u: e.v, v: e.u, edge: e.i, reversed: true } : { u: e.u, v: e.v, edge: e.i, reversed: false }));
  const layer = assignLayers(n, dag);
  const width = input.sizes.map((s) => s.width);
  const height = input.sizes.map((s) => s.height);
  const dummy = new Array<boolean>(n).fill(false);
  const up: number[][] = Array.from({ length: n }, () => []);
  const down: number[][] = Array.from({ length: n }, () => []);
  const chains: Chain[] = [];
  let budget = 20000 + 4 * n;
  const link = (a: number, b: number): void => {
    down[a].push(b);
    up[b].push(a);
  };
  for (const e of dag) {
    const span = layer[e.v] - layer[e.u];
    if (span === 1) {
      link(e.u, e.v);
      chains.push({ edge: e.edge, nodes: [e.u, e.v], reversed: e.reversed, direct: false });
      continue;
    }
    if (span < 1 || span - 1 > budget) {
      chains.push({ edge: e.edge, nodes: [e.u, e.v], reversed: e.reversed, direct: true });
      continue;
    }
    budget -= span - 1;
    const nodes = [e.u];
    for (let k = 1; k < span; k++) {
      const d = width.length;
      width.push(DUMMY_WIDTH);
      height.push(0);
      dummy.push(true);
      layer.push(layer[e.u] + k);
      up.push([]);
      down.push([]);
      link(nodes[nodes.length - 1], d);
      nodes.push(d);
    }
    link(nodes[nodes.length - 1], e.v);
    nodes.push(e.v);
    chains.push({ edge: e.edge, nodes, reversed: e.reversed, direct: false });
  }
  const layers: number[][] = [];
  for (let v = 0; v < layer.length; v++) (layers[layer[v]] ??= []).push(v);
  for (let i = 0; i < layers.length; i++) layers[i] ??= [];
  return { count: layer.length, width, height, dummy, layer, layers, up, down, chains };
}
