import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse } from 'yaml';

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** True when a kustomization in the file's folder (or up to two above) lists it as a patch (patches, patchesStrategicMerge, patchesJson6902). */
export function isKustomizePatch(file: string): boolean {
  let dir = dirname(resolve(file));
  for (let depth = 0; depth < 3; depth++) {
    for (const name of NAMES) {
      const listed = patchesOf(join(dir, name));
      if (listed?.some((p) => resolve(dir, p) === resolve(file) || relative(dir, file).split(sep).join('/') === p)) return true;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return false;
}

function patchesOf(path: string): string[] | undefined {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const k = doc as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const list = k[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item === 'string') out.push(item);
      else if (item && typeof item === 'object' && typeof (item as { path?: unknown }).path === 'string') out.push((item as { path: string }).path);
    }
  }
  return out;
}
