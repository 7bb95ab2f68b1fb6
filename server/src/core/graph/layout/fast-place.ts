/** Coordinates for the fast layout: x by repeated least-squares alignment with neighbours, y by layer. */
import type { Ranked } from './fast-rank';

export const NODE_SEP = 28;
export const DUMMY_SEP = 10;
export const RANK_SEP = 44;

/**
 * Weighted isotonic regression (pool adjacent violators): the non-decreasing sequence closest to
 * `target` in weighted least squares.
 */
export function isotonic(target: Float64Array, weight: Float64Array): Float64Array {
  const n = target.length;
  const sum = new Float64Array(n);
  const w = new Float64Array(n);
  const len = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    top++;
    sum[top] = target[i] * weight[i];
    w[top] = weight[i];
    len[top] = 1;
    while (top > 0 && sum[top - 1] / w[top - 1] > sum[top] / w[top]) {
      sum[top - 1] += sum[top];
      w[top - 1] += w[top];
      len[top - 1] += len[top];
      top--;
    }
  }
  const out = new Float64Array(n);
  let k = 0;
  for (let b = 0; b <= top; b++) {
    const v = sum[b] / w[b];
    for (let j = 0; j < len[b]; j++) out[k++] = v;
  }
  return out;
}

/**
 * Places one layer as close as possible to the desired centres while keeping the order and the
 * minimum separation: with offsets c_i of packed centres, y_i = x_i - c_i must be non-decreasing.
 */
function placeLayer(layer: number[], desired: Float64Array, weight: Float64Array, r: Ranked, x: Float64Array): void {
  const n = layer.length;
  if (n === 0) return;
  const c = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const a = layer[i - 1];
    const b = layer[i];
    const sep = r.dummy[a] || r.dummy[b] ? DUMMY_SEP : NODE_SEP;
    c[i] = c[i - 1] + (r.width[a] + r.width[b]) / 2 + sep;
  }
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = desired[i] - c[i];
  const y = isotonic(t, weight);
  for (let i = 0; i < n; i++) x[layer[i]] = y[i] + c[i];
}

function alignTo(layers: number[][], r: Ranked, x: Float64Array, neighbours: (v: number) => number[], order: number[]): void {
  for (const li of order) {
    const layer = layers[li];
    const desired = new Float64Array(layer.length);
    const weight = new Float64Array(layer.length);
    layer.forEach((v, i) => {
      const ns = neighbours(v);
      if (ns.length === 0) {
        desired[i] = x[v];
        weight[i] = 0.25;
        return;
      }
      let s = 0;
      for (const w of ns) s += x[w];
      desired[i] = s / ns.length;
      weight[i] = r.dummy[v] ? 4 : 1 + 0.1 * ns.length;
    });
    placeLayer(layer, desired, weight, r, x);
  }
}

/** Centre x of every node (real and dummy). */
export function placeX(r: Ranked, layers: number[][], rounds: number): Float64Array {
  const x = new Float64Array(r.count);
  for (const layer of layers) {
    let at = 0;
    layer.forEach((v, i) => {
      if (i > 0) {
        const a = layer[i - 1];
        at += (r.width[a] + r.width[v]) / 2 + (r.dummy[a] || r.dummy[v] ? DUMMY_SEP : NODE_SEP);
      }
      x[v] = at;
    });
    const shift = at / 2;
    for (const v of layer) x[v] -= shift;
  }
  const downOrder = layers.map((_, i) => i).slice(1);
  const upOrder = layers
    .map((_, i) => i)
    .reverse()
    .slice(1);
  for (let k = 0; k < rounds; k++) {
    alignTo(layers, r, x, (v) => r.up[v], downOrder);
    alignTo(layers, r, x, (v) => r.down[v], upOrder);
  }
  alignTo(
    layers,
    r,
    x,
    (v) => [...r.up[v], ...r.down[v]],
    layers.map((_, i) => i),
  );
  return x;
}

/** Top y and height of every layer; `extraGap[i]` is added below layer i (room for edge labels). */
export function placeY(r: Ranked, layers: number[][], extraGap: number[]): { top: number[]; height: number[] } {
  const top: number[] = [];
  const height: number[] = [];
  let y = 0;
  layers.forEach((layer, i) => {
    let h = 0;
    for (const v of layer) h = Math.max(h, r.height[v]);
    top.push(y);
    height.push(h);
    y += h + RANK_SEP + (extraGap[i] ?? 0);
  });
  return { top, height };
}
