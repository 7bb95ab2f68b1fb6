import { readTextFileBoundedSync } from '../fs/read-bounded';

/** What a CLI command may touch: injected so commands are testable without a process. */
export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (p: string) => string;
  /** The whole of standard input (the path `-`). */
  readonly readStdin: () => Promise<string>;
  readonly writeFile: (p: string, data: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/** The path that means standard input, and the name it is reported under. */
export const STDIN_PATH = '-';
export const STDIN_NAME = '<stdin>';

/** The CLI reads no file larger than this (a bigger one is reported, not read). */
export const CLI_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads a regular file for the CLI: FIFOs, devices, sockets and directories are refused without
 * blocking or reading, and so is anything over CLI_MAX_BYTES. Throws an Error saying why.
 */
export function readCliFile(path: string): string {
  const text = readTextFileBoundedSync(path, CLI_MAX_BYTES);
  if (typeof text !== 'string') throw new Error(text.error);
  return text;
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  ELOOP: 'too many symbolic links',
};

/** A one-line reason for a failed file operation, without a stack trace. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return (code !== undefined ? FS_REASONS[code] : undefined) ?? e.message;
}
