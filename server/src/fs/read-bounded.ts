import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { errorMessage, identity, notRegularReason } from './file-kind';

/** The text of a file, or why it was not read. */
export type BoundedText = string | { readonly error: string };

/** O_NONBLOCK: opening a FIFO never waits for a writer; O_NOCTTY: a terminal never becomes ours. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

function tooLarge(size: number, maxBytes: number): string {
  return `file too large (${size} bytes; the limit is ${maxBytes})`;
}

/** Why a file with these stats is not read, or undefined when it may be. */
function refusal(st: Stats, maxBytes: number, before?: Stats): string | undefined {
  if (!st.isFile()) return notRegularReason(st);
  if (before && identity(before) !== identity(st)) return 'file changed while opened';
  if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
  return undefined;
}

/** Bytes to ask for next: the whole (reported) file at once, then chunks; never past maxBytes + 1. */
function nextSize(st: Stats, total: number, maxBytes: number): number {
  return Math.min(total === 0 ? Math.max(CHUNK, st.size + 1) : CHUNK, maxBytes + 1 - total);
}

const grew = (maxBytes: number): string => `file too large (more than ${maxBytes} bytes read)`;

/**
 * Reads a regular file as UTF-8 text, reading at most maxBytes. FIFOs, devices, sockets and
 * directories are refused before a byte is read (the opened descriptor is fstat()ed; opening never
 * blocks), and so is a file that grows past maxBytes while read or reports size 0 but is endless.
 * Synchronous: its callers (the CLI, the analysis workers) read one file at a time off any UI thread.
 */
export function readTextFileBoundedSync(path: string, maxBytes: number): BoundedText {
  let before: Stats;
  try {
    before = statSync(path);
  } catch (e) {
    return { error: errorMessage(e) };
  }
  const early = refusal(before, maxBytes);
  if (early) return { error: early };
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { error: errorMessage(e) };
  }
  try {
    const st = fstatSync(fd);
    const refused = refusal(st, maxBytes, before);
    if (refused) return { error: refused };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = nextSize(st, total, maxBytes);
      const buf = Buffer.allocUnsafe(want);
      const bytesRead = readSync(fd, buf, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return { error: grew(maxBytes) };
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    return { error: errorMessage(e) };
  } finally {
    closeSync(fd);
  }
}
