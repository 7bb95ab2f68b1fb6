import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** The chart a file is a template of: its root (with Chart.yaml) and the file's path in it (`templates/x.yaml`). */
export interface ChartFile {
  readonly root: string;
  readonly source: string;
}

/** The chart whose `templates/` holds `file` (at any depth), or undefined. */
export function chartOf(file: string): ChartFile | undefined {
  let dir = dirname(file);
  for (let depth = 0; depth < 12; depth++) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    if (dir.endsWith(`${sep}templates`) && existsSync(join(parent, 'Chart.yaml'))) {
      return { root: parent, source: relative(parent, file).split(sep).join('/') };
    }
    dir = parent;
  }
  return undefined;
}
