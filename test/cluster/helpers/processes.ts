// Child processes for fidelity tests: async only (the emulator runs in this process, so a blocking
// spawnSync would deadlock it), bounded by timeouts, and all killed by killAll() in an after() hook.

import { spawn, type ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches, rejects on timeout or exit without a match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<RunResult>;
  kill(): void;
}

export function start(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Running {
  const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  live.add(child);
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    out += c;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (err += c));
  if (opts.input !== undefined) child.stdin?.end(opts.input);
  else child.stdin?.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
  const exited = new Promise<RunResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      live.delete(child);
      for (const w of waiters.splice(0)) w();
      resolve({ code, signal, stdout: out, stderr: err });
    });
    child.on('error', (e) => {
      err += String(e);
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    kill: () => child.kill('SIGKILL'),
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timeout waiting for ${String(pattern)} from ${cmd} ${args.join(' ')}\nstdout: ${out}\nstderr: ${err}`)),
          timeoutMs,
        );
        const check = (): void => {
          const m = pattern.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          } else if (done) {
            clearTimeout(timer);
            reject(new Error(`${cmd} exited without printing ${String(pattern)}\nstdout: ${out}\nstderr: ${err}`));
          } else waiters.push(check);
        };
        check();
      }),
  };
}

export function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  return start(cmd, args, opts).exited;
}

export function killAll(): void {
  for (const c of live) c.kill('SIGKILL');
  live.clear();
}
