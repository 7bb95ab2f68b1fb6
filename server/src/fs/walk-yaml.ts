import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { identity, isInside } from './file-kind';
import { YAML_FILE } from './yaml-name';

export { YAML_FILE } from './yaml-name';
export { findYamlFilesUnder, type YamlSkipKind, type YamlWalkOptions, type YamlWalkResult, type YamlWalkSkip } from './find-yaml-files-under';
export { readTextFileBoundedSync, type BoundedText } from './read-bounded';

export interface WalkOptions {
  /** Directory names not entered. */
  readonly skipDirs: ReadonlySet<string>;
  /** Also skip names starting with a dot. */
  readonly skipHidden?: boolean;
  readonly maxDepth?: number;
  /** Files larger than this are passed over. */
  readonly maxBytes?: number;
}

interface SyncWalk {
  readonly opts: WalkOptions;
  readonly onFile: (path: string) => boolean;
  readonly onUnreadableDir: ((dir: string) => void) | undefined;
  readonly realRoot: string;
  readonly dirsSeen: Set<string>;
}

/**
 * Calls `onFile` for every regular *.yaml / *.yml below `dir`, in name order; `onFile` returns false
 * to stop. Unreadable entries are skipped; `onUnreadableDir` hears of a directory that cannot be listed.
 * Each directory is entered once; symlinks leading outside `dir` are not followed; FIFOs and devices
 * are passed over.
 * Synchronous (it blocks the thread it runs on): the language server should use findYamlFilesUnder.
 */
export function walkYamlFiles(dir: string, opts: WalkOptions, onFile: (path: string) => boolean, onUnreadableDir?: (dir: string) => void, depth = 0): boolean {
  let st: Stats;
  let realRoot: string;
  try {
    st = statSync(dir);
    realRoot = realpathSync(dir);
  } catch {
    onUnreadableDir?.(dir);
    return true;
  }
  if (!st.isDirectory()) return true;
  return walkDir({ opts, onFile, onUnreadableDir, realRoot, dirsSeen: new Set([identity(st)]) }, dir, depth);
}

function walkDir(w: SyncWalk, dir: string, depth: number): boolean {
  if (depth > (w.opts.maxDepth ?? Infinity)) return true;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    w.onUnreadableDir?.(dir);
    return true;
  }
  for (const ent of entries) {
    const name = ent.name;
    if (w.opts.skipDirs.has(name) || (w.opts.skipHidden && name.startsWith('.'))) continue;
    if (!ent.isDirectory() && !ent.isSymbolicLink() && !(ent.isFile() && YAML_FILE.test(name))) continue;
    const full = join(dir, name);
    let st: Stats;
    try {
      st = statSync(full);
      if (ent.isSymbolicLink() && !isInside(w.realRoot, realpathSync(full))) continue;
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (w.dirsSeen.has(identity(st))) continue;
      w.dirsSeen.add(identity(st));
      if (!walkDir(w, full, depth + 1)) return false;
    } else if (st.isFile() && YAML_FILE.test(name) && st.size <= (w.opts.maxBytes ?? Infinity)) {
      if (!w.onFile(full)) return false;
    }
  }
  return true;
}
