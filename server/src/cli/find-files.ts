import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { errorMessage, identity, notRegularReason } from '../fs/file-kind';
import { findYamlFilesUnder } from '../fs/find-yaml-files-under';
import { CLI_MAX_BYTES } from './io';

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** A path that was not linted, and why; reported as a located `read-error` line. */
export interface SkippedPath {
  readonly path: string;
  readonly reason: string;
  /** error: content was not linted (exit 1); warning: a symlink out of the directory given, not followed. */
  readonly severity: 'error' | 'warning';
}

export interface FoundFiles {
  readonly files: string[];
  /** Paths given on the command line that do not exist (a usage error). */
  readonly missing: string[];
  readonly skipped: SkippedPath[];
}

function errnoCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** One key per file, whichever path reaches it: (dev, ino), else the real path of its name. */
async function keyOf(path: string): Promise<string> {
  try {
    return identity(await stat(path));
  } catch {
    return realpath(dirname(path)).then(
      (d) => join(d, basename(path)),
      () => resolve(path),
    );
  }
}

/**
 * Expands files and directories (recursively, regular *.yaml / *.yml; symlinks followed inside the
 * directory given, each directory and each file once) in a stable order. A path given directly that is
 * no regular file (a FIFO, a device, a socket) is reported in `skipped`, never opened.
 */
export async function findYamlFiles(paths: readonly string[]): Promise<FoundFiles> {
  const files: string[] = [];
  const missing: string[] = [];
  const skipped: SkippedPath[] = [];
  const linted = new Set<string>();
  const reported = new Set<string>();
  const once = async (seen: Set<string>, path: string, key?: string): Promise<boolean> => {
    const k = key ?? (await keyOf(path));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const skip = async (path: string, reason: string, severity: SkippedPath['severity'], key?: string): Promise<void> => {
    if (await once(reported, path, key)) skipped.push({ path, reason, severity });
  };
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(p);
      else await skip(p, `cannot read: ${errorMessage(e)}`, 'error');
      continue;
    }
    if (st.isFile()) {
      if (await once(linted, p, identity(st))) files.push(p);
    } else if (!st.isDirectory()) await skip(p, notRegularReason(st), 'error', identity(st));
    else {
      const found = await findYamlFilesUnder(p, { skipDirs: SKIP_DIRS, maxBytes: CLI_MAX_BYTES });
      // Keyed again, so that what two command-line paths reach is linted or reported once.
      for (const s of found.skipped) {
        if (s.kind !== 'duplicate') await skip(s.path, s.reason, s.kind === 'outside-root' ? 'warning' : 'error');
      }
      for (const f of found.files) if (await once(linted, f)) files.push(f);
    }
  }
  return { files, missing, skipped };
}
