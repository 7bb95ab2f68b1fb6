import { writeFileSync } from 'node:fs';
import { CLI_MAX_BYTES, readCliFile, type CliIO } from './io';

/**
 * The process's CliIO. When the reader of stdout or stderr goes away (`argo-studio lint . | head -1`)
 * further output to it is dropped quietly: no EPIPE stack trace, and the exit status stays the
 * command's own.
 */
export function nodeIO(): CliIO {
  const closed = { stdout: false, stderr: false };
  const quiet = (name: keyof typeof closed) => (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed[name] = true;
    else throw e;
  };
  process.stdout.on('error', quiet('stdout'));
  process.stderr.on('error', quiet('stderr'));
  return {
    stdout: (s) => void (closed.stdout || process.stdout.write(s)),
    stderr: (s) => void (closed.stderr || process.stderr.write(s)),
    readFile: readCliFile,
    readStdin,
    writeFile: (p, data) => writeFileSync(p, data),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > CLI_MAX_BYTES) throw new Error(`standard input is larger than ${CLI_MAX_BYTES / 1024 / 1024} MiB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
