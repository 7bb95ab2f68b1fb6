// Temp trees with symlink loops, FIFOs and device links, for the walker, reader and CLI tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Skip reason when the platform cannot make these files (no symlinks, no mkfifo, no /dev/zero). */
export function specialFilesSkip(): string | false {
  if (process.platform === 'win32') return 'FIFOs and /dev/zero are POSIX';
  if (!existsSync('/dev/zero')) return 'no /dev/zero';
  try {
    execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no mkfifo command';
  }
  return false;
}

export function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Runs `fn` with a fresh temp directory (its real path), removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'argo-walk-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `files` (path -> text) and `links` (path -> target) under `dir`. */
export function makeTree(dir: string, files: Record<string, string>, links: Record<string, string> = {}): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  for (const [p, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    symlinkSync(target, join(dir, p));
  }
}
