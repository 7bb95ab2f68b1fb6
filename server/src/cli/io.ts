import { readTextFileBoundedSync } from '../fs/read-bounded';

/** What a CLI command may touch: injected so commands are testable without a process. */
export interface CliIO {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (p: string) => string;
  readonly writeFile: (p: string, data: string) => void;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

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
