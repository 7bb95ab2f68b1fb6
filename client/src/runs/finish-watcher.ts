/** Tells when a tracked run (one submitted from here) finishes, with its failed nodes. No `vscode` import. */
import { Emitter, type Disposable } from '../cluster';
import { workflowNodes } from '../cluster';
import { isFinished } from './format';
import type { RunsStore } from './runs-store';

export interface FinishedRun {
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly message?: string;
  /** Pod-level nodes that failed or errored (first ones first). */
  readonly failedNodes: readonly { readonly id: string; readonly name: string; readonly message?: string }[];
}

export class FinishWatcher implements Disposable {
  /** Tracked run -> whether the store has shown it yet. */
  private readonly tracked = new Map<string, boolean>();
  private readonly finished = new Emitter<FinishedRun>();
  readonly onDidFinish = this.finished.event;
  private readonly sub: Disposable;

  constructor(private readonly store: RunsStore) {
    this.sub = store.onDidChange((c) => {
      for (const name of c.names) if (this.tracked.has(name)) this.check(name);
    });
  }

  track(name: string): void {
    if (!this.tracked.has(name)) this.tracked.set(name, false);
    this.check(name);
  }

  isTracked(name: string): boolean {
    return this.tracked.has(name);
  }

  private check(name: string): void {
    const wf = this.store.get(name);
    if (!wf) {
      if (this.tracked.get(name)) this.tracked.delete(name); // deleted before it finished
      return;
    }
    this.tracked.set(name, true);
    if (!isFinished(wf)) return;
    this.tracked.delete(name);
    const failed = Object.values(workflowNodes(wf).nodes)
      .filter((n) => (n.phase === 'Failed' || n.phase === 'Error') && (n.type === 'Pod' || n.type === 'Container'))
      .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''))
      .map((n) => ({ id: n.id, name: n.displayName ?? n.name, ...(n.message ? { message: n.message } : {}) }));
    this.finished.fire({
      name,
      namespace: this.store.namespace,
      phase: wf.status?.phase ?? '',
      ...(wf.status?.message ? { message: wf.status.message } : {}),
      failedNodes: failed,
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.finished.dispose();
    this.tracked.clear();
  }
}
