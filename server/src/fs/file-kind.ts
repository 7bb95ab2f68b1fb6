import { sep } from 'node:path';

/** The part of fs.Stats / fs.Dirent that tells what a path is. */
export interface KindOf {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSymbolicLink(): boolean;
}

/** "a FIFO (named pipe)", "a character device", ... for messages about what is not a regular file. */
export function describeKind(st: KindOf): string {
  if (st.isFile()) return 'a regular file';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a file';
}

/** The reason given for every path that is not read because it is no regular file. */
export function notRegularReason(st: KindOf): string {
  return `not a regular file: ${describeKind(st)}`;
}

/** True when the real path `real` is `realRoot` or below it (both from realpath). */
export function isInside(realRoot: string, real: string): boolean {
  if (real === realRoot) return true;
  const prefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  return real.startsWith(prefix);
}

/** (dev, ino): one key per file or directory, whichever name or link reaches it. */
export function identity(st: { dev: number; ino: number }): string {
  return `${st.dev}:${st.ino}`;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
