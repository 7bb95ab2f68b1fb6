import { stat } from 'node:fs/promises';
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

/**
 * Expands files and directories (recursively, regular *.yaml / *.yml; symlinks followed inside the
 * directory given, each directory and each file once) in a stable order. A path given directly that is
 * no regular file (a FIFO, a device, a socket) is reported in `skipped`, never opened.
 */
export async function findYamlFiles(paths: readonly string[]): Promise<FoundFiles> {
  const files: string[] = [];
  const missing: string[] = [];
  const skipped: SkippedPath[] = [];
  const seen = new Set<string>();
  const add = (path: string, id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    files.push(path);
  };
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR') missing.push(p);
      else skipped.push({ path: p, reason: `cannot read: ${errorMessage(e)}`, severity: 'error' });
      continue;
    }
    if (st.isFile()) add(p, identity(st));
    else if (!st.isDirectory()) skipped.push({ path: p, reason: notRegularReason(st), severity: 'error' });
    else {
      const found = await findYamlFilesUnder(p, { skipDirs: SKIP_DIRS, maxBytes: CLI_MAX_BYTES });
      for (const s of found.skipped) {
        if (s.kind !== 'duplicate') skipped.push({ path: s.path, reason: s.reason, severity: s.kind === 'outside-root' ? 'warning' : 'error' });
      }
      for (const f of found.files) {
        // Identity again, so a file reached from two command-line paths is linted once.
        const id = await stat(f).then(identity, () => `path:${f}`);
        add(f, id);
      }
    }
  }
  return { files, missing, skipped };
}
