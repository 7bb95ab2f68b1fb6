/**
 * Live graph glue: which graph (document URI) shows which run. On every store change of a linked run
 * the run's phase map is pushed to the sink (the graph panels' `setPhases`), throttled; a sink
 * that answers false (no graph open for that URI) drops the link. No `vscode` import.
 */
import type { PhaseInfo } from '../../../server/src/core/graph';
import type { Disposable } from '../cluster';
import { workflowNodes } from '../cluster';
import { runPhaseMap } from './run-overlay';
import type { RunsStore } from './runs-store';

export type PhaseSink = (uri: string, phases: Readonly<Record<string, PhaseInfo>> | undefined) => boolean;

export class OverlayLinks implements Disposable {
  private readonly links = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly sub: Disposable;

  constructor(
    private readonly store: RunsStore,
    private readonly sink: PhaseSink,
    private readonly throttleMs = 250,
  ) {
    this.sub = store.onDidChange((c) => {
      for (const [uri, run] of this.links) if (c.names.has(run)) this.dirty.add(uri);
      if (this.dirty.size > 0) this.schedule();
    });
  }

  /** Shows `runName` on the graph of `uri` from now on; returns whether a graph took it. */
  link(uri: string, runName: string): boolean {
    this.links.set(uri, runName);
    return this.push(uri);
  }

  unlink(uri: string): void {
    if (this.links.delete(uri)) this.sink(uri, undefined);
  }

  runFor(uri: string): string | undefined {
    return this.links.get(uri);
  }

  /** The phase map of a run now (empty when the store does not have it). */
  phasesOf(runName: string): Record<string, PhaseInfo> {
    const wf = this.store.get(runName);
    if (!wf) return {};
    return runPhaseMap(wf, workflowNodes(wf).nodes, (n) => this.store.podForNode(runName, n.id));
  }

  private push(uri: string): boolean {
    const run = this.links.get(uri);
    if (run === undefined) return false;
    const shown = this.sink(uri, this.phasesOf(run));
    if (!shown) this.links.delete(uri);
    return shown;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const uris = [...this.dirty];
      this.dirty.clear();
      for (const uri of uris) this.push(uri);
    }, this.throttleMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.links.clear();
  }
}
