/**
 * A long-running child process of the real cluster (etcd, kube-apiserver, workflow-controller): output
 * to a log file in the cluster's dir, stopped with SIGTERM then SIGKILL after a grace period, and
 * killed when the test process exits, so no test leaves one behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export class Daemon {
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    command: string,
    args: readonly string[],
    readonly logPath: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const fd = openSync(logPath, 'a');
    this.child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    live.add(this.child);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        live.delete(this.child);
        this.exitCode = code ?? (signal ? null : 0);
        resolve(this.exitCode);
      });
      this.child.once('error', () => {
        live.delete(this.child);
        this.exitCode = null;
        resolve(null);
      });
    });
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** The last lines of its log, for failure messages. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** SIGTERM, then SIGKILL after graceMs; resolves once it has exited. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  kill(): Promise<number | null> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }
}
