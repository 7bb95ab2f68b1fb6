import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The helm binary to run: the setting's path (when executable), else `helm` on PATH; undefined for "off" or none. */
export function findHelm(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = setting?.trim() ?? '';
  if (wanted === 'off') return undefined;
  if (wanted !== '') {
    const path = isAbsolute(wanted) ? wanted : resolve(wanted);
    return executable(path) ? path : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, 'helm');
    if (executable(path)) return path;
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
