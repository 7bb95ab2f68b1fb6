/** Ordering within layers for the fast layout: depth-first initial order, then barycenter sweeps. */
import type { Ranked } from './fast-rank';

/** Initial order: depth-first from the top layer in input order, so subtrees stay together. */
function initialOrder(r: Ranked): number[][] {
  const seen = new Uint8Array(r.count);
  const layers: number[][] = r.layers.map(() => []);
  const visit = (root: number): void => {
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if (seen[v]) continue;
      seen[v] = 1;
      layers[r.layer[v]].push(v);
      const next = r.down[v];
      for (let i = next.length - 1; i >= 0; i--) if (!seen[next[i]]) stack.push(next[i]);
    }
  };
  for (const layer of r.layers) for (const v of layer) if (r.up[v].length === 0) visit(v);
  for (const layer of r.layers) for (const v of layer) visit(v);
  return layers;
}

/** Crossings between two adjacent layers (accumulator tree, O(E log V)). */
function crossingsBetween(top: number[], pos: Int32Array, down: number[][], bottomSize: number): number {
  const targets: number[] = [];
  for (const v of top) {
    const ps = down[v].map((w) => pos[w]).sort((a, b) => a - b);
    for (const p of ps) targets.push(p);
  }
  let size = 1;
  while (size < bottomSize) size <<= 1;
  const tree = new Int32Array(2 * size);
  let crossings = 0;
  for (const t of targets) {
    let i = t + size;
    tree[i]++;
    while (i > 1) {
      if (i % 2 === 0) crossings += tree[i + 1];
      i >>= 1;
      tree[i]++;
    }
  }
  return crossings;
}

function countCrossings(layers: number[][], pos: Int32Array, down: number[][]): number {
  let total = 0;
  for (let i = 0; i + 1 < layers.length; i++) total += crossingsBetween(layers[i], pos, down, layers[i + 1].length);
  return total;
}

function positions(layers: number[][], count: number): Int32Array {
  const pos = new Int32Array(count);
  for (const layer of layers) layer.forEach((v, i) => (pos[v] = i));
  return pos;
}

/** Reorders one layer by the mean position of its neighbours in the fixed layer. */
function sweepLayer(layer: number[], pos: Int32Array, fixedNeighbours: number[][]): void {
  const key = new Float64Array(layer.length);
  layer.forEach((v, i) => {
    const ns = fixedNeighbours[v];
    if (ns.length === 0) key[i] = i;
    else {
      let s = 0;
      for (const w of ns) s += pos[w];
      key[i] = s / ns.length;
    }
  });
  const idx = layer.map((_, i) => i).sort((a, b) => key[a] - key[b] || a - b);
  const copy = idx.map((i) => layer[i]);
  copy.forEach((v, i) => {
    layer[i] = v;
    pos[v] = i;
  });
}

/** Orders every layer to reduce crossings; keeps the best order seen. */
export function orderLayers(r: Ranked, maxSweeps: number): number[][] {
  const layers = initialOrder(r);
  const pos = positions(layers, r.count);
  let best = layers.map((l) => [...l]);
  let bestCrossings = countCrossings(layers, pos, r.down);
  for (let s = 0; s < maxSweeps && bestCrossings > 0; s++) {
    if (s % 2 === 0) for (let i = 1; i < layers.length; i++) sweepLayer(layers[i], pos, r.up);
    else for (let i = layers.length - 2; i >= 0; i--) sweepLayer(layers[i], pos, r.down);
    const c = countCrossings(layers, pos, r.down);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
    }
  }
  return best;
}
