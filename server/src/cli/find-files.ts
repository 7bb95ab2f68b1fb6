import { statSync } from 'node:fs';
import { walkYamlFiles } from '../fs/walk-yaml';

const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface FoundFiles {
  readonly files: string[];
  readonly missing: string[];
}

/** Expands files and directories (recursively, *.yaml / *.yml) in a stable order. */
export function findYamlFiles(paths: readonly string[]): FoundFiles {
  const files: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const add = (f: string): boolean => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
    return true;
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walkYamlFiles(p, { skipDirs: SKIP_DIRS }, add, (d) => missing.push(d));
    else add(p);
  }
  return { files, missing };
}
