import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const YAML_RE = /\.ya?ml$/i;
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
  const add = (f: string): void => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      missing.push(dir);
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full);
      } else if (YAML_RE.test(name)) add(full);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else add(p);
  }
  return { files, missing };
}
