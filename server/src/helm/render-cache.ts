import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { HelmRender } from '../core/helm';
import { renderTemplate, type RenderRequest } from './render-template';

const MAX_ENTRIES = 64;
const cache = new Map<string, HelmRender>();

/** `renderTemplate`, remembered by everything it reads: the text, the chart's files (by size and time), the values files and helm. */
export function renderCached(req: RenderRequest): HelmRender {
  const key = keyOf(req);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = renderTemplate(req);
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

function keyOf(req: RenderRequest): string {
  const h = createHash('sha256');
  h.update(`${req.helm}\0${req.chart.root}\0${req.chart.source}\0${req.text}\0`);
  for (const v of req.valuesFiles) h.update(`${stamp(resolve(req.chart.root, v))}\0`);
  for (const f of chartFiles(req.chart.root)) h.update(`${f}\0`);
  return h.digest('hex');
}

function stamp(path: string): string {
  try {
    const st = statSync(path);
    return `${path}:${st.size}:${st.mtimeMs}`;
  } catch {
    return `${path}:missing`;
  }
}

/** The stamps of the chart's files two levels deep (Chart.yaml, values.yaml, templates/, charts/). */
function chartFiles(root: string, depth = 0): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(root, n);
    const s = stamp(p);
    if (depth < 2 && !n.startsWith('.') && isDir(p)) return [s, ...chartFiles(p, depth + 1)];
    return [s];
  });
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
