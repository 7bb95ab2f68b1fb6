import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const YAML_FILE = /\.ya?ml$/i;

export interface WalkOptions {
  /** Directory names not entered. */
  readonly skipDirs: ReadonlySet<string>;
  /** Also skip names starting with a dot. */
  readonly skipHidden?: boolean;
  readonly maxDepth?: number;
  /** Files larger than this are passed over. */
  readonly maxBytes?: number;
}

/**
 * Calls `onFile` for every *.yaml / *.yml below `dir`, in name order; `onFile` returns false to stop.
 * Unreadable entries are skipped; `onUnreadableDir` hears of a directory that cannot be listed.
 */
export function walkYamlFiles(dir: string, opts: WalkOptions, onFile: (path: string) => boolean, onUnreadableDir?: (dir: string) => void, depth = 0): boolean {
  if (depth > (opts.maxDepth ?? Infinity)) return true;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    onUnreadableDir?.(dir);
    return true;
  }
  for (const name of names) {
    if (opts.skipDirs.has(name) || (opts.skipHidden && name.startsWith('.'))) continue;
    const full = join(dir, name);
    let st;
    try {
      st = statSync(full);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (!walkYamlFiles(full, opts, onFile, onUnreadableDir, depth + 1)) return false;
    } else if (YAML_FILE.test(name) && st.size <= (opts.maxBytes ?? Infinity)) {
      if (!onFile(full)) return false;
    }
  }
  return true;
}
