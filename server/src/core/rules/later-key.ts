import type { YAMLMap } from 'yaml';
import type { YamlAccess } from '../model/yaml-access';
import type { Range } from '../types';

/** The range of whichever of the keys is written last in the map (the one that conflicts with the others), if any is present. */
export function laterKey(y: YamlAccess, map: YAMLMap, keys: readonly string[]): Range | undefined {
  let best: Range | undefined;
  for (const k of keys) {
    const r = y.keyRange(map, k);
    if (r && (!best || r.start > best.start)) best = r;
  }
  return best;
}
