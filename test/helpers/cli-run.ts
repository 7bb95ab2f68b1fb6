import { spawn, spawnSync } from 'node:child_process';
import { DIST_CLI, REPO } from './paths';

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs dist/cli.js in the repository, with `input` on standard input. */
export function cli(args: readonly string[], input = ''): CliRun {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], { cwd: REPO, encoding: 'utf8', input, timeout: 60_000, maxBuffer: 32 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs dist/cli.js with a reader of stdout that goes away after the first chunk, like
 * `argo-studio ... | head -1`.
 */
export function cliReadOnce(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      stdout = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** What a stack trace looks like in stderr. */
export const STACK_FRAME = /^\s+at .+[(:]\d+/m;
