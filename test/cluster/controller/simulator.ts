// The Argo controller simulator: watches the store for Workflows and their Pods, reconciles on the
// controller clock, and lets tests script pods and run workflows to completion.

import type { LogStore } from '../emulator/log-store.js';
import { resources, type ResourceDef } from '../emulator/resources.js';
import type { ObjectStore } from '../emulator/store.js';
import type { KubeObject } from '../emulator/types.js';
import { ManualClock, type Clock } from './clock.js';
import { Kubelet } from './kubelet.js';
import { isFinished, reconcile } from './reconcile.js';
import type { PodScriptSource } from './scripts.js';

const def = (plural: string): ResourceDef => resources.find((r) => r.plural === plural) as ResourceDef;

export interface RunOptions {
  namespace?: string;
  /** Upper bound of simulated time to spend (default 1 hour). */
  maxSimulatedMs?: number;
}

export class ControllerSimulator {
  readonly kubelet: Kubelet;
  private readonly scripts = new Map<string, PodScriptSource>();
  private readonly pending = new Map<string, { due: number; cancel: () => void }>();
  /**
   * Delay between a pod change and the reconcile it causes. 0 reacts at once; a real controller moves
   * on at its requeue (DEFAULT_REQUEUE_TIME: 10 s by default, 1 s in Argo's e2e set-up), one DAG level
   * per requeue.
   */
  requeueMs = 0;
  private writing = false;
  private readonly unsubscribe: () => void;
  private paused = false;

  constructor(
    private readonly store: ObjectStore,
    logs: LogStore,
    readonly clock: Clock,
    private readonly defaultNamespace: string,
  ) {
    this.kubelet = new Kubelet(store, logs, clock);
    const wfDef = def('workflows');
    const podDef = def('pods');
    this.unsubscribe = store.subscribe((ev) => {
      if (this.writing) return;
      if (ev.def === wfDef && ev.type !== 'DELETED') {
        if (ev.type === 'ADDED' || ev.object.metadata.generation !== ev.previous?.metadata.generation)
          this.schedule(ev.object.metadata.namespace ?? '', ev.object.metadata.name ?? '', 0);
      } else if (ev.def === podDef) {
        const wf = ev.object.metadata.labels?.['workflows.argoproj.io/workflow'];
        if (wf) this.schedule(ev.object.metadata.namespace ?? '', wf, this.requeueMs);
      }
    });
  }

  /** Scripts every pod of that template (by template name): log lines, pace, exit code, timing. */
  script(templateName: string, script: PodScriptSource): void {
    this.scripts.set(templateName, script);
  }

  /** Stop reconciling (pods still run); resume() picks up again. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const wf of this.store.list(def('workflows'))) if (!isFinished(wf)) this.schedule(wf.metadata.namespace ?? '', wf.metadata.name ?? '', 0);
  }

  /** One reconcile per workflow at the earliest time asked for (every reconcile asks again for what it waits on). */
  private schedule(namespace: string, name: string, delayMs: number): void {
    const key = `${namespace}/${name}`;
    const due = this.clock.now() + delayMs;
    const current = this.pending.get(key);
    if (current && current.due <= due) return;
    current?.cancel();
    const cancel = this.clock.setTimer(delayMs, () => {
      this.pending.delete(key);
      this.reconcileNow(namespace, name);
    });
    this.pending.set(key, { due, cancel });
  }

  /** Runs one reconcile of a workflow right away. */
  reconcileNow(namespace: string, name: string): void {
    if (this.paused) return;
    this.writing = true;
    try {
      reconcile(
        {
          store: this.store,
          clock: this.clock,
          kubelet: this.kubelet,
          scriptFor: (t) => this.scripts.get(t),
          requeue: (ms) => this.schedule(namespace, name, ms),
        },
        name,
        namespace,
      );
    } finally {
      this.writing = false;
    }
  }

  /** Advances the (manual) clock until the workflow has finished; returns it. */
  runToCompletion(name: string, opts: RunOptions = {}): KubeObject {
    const ns = opts.namespace ?? this.defaultNamespace;
    const clock = this.clock;
    if (!(clock instanceof ManualClock)) throw new Error('runToCompletion needs the manual clock; use waitForCompletion with a real clock');
    const deadline = clock.now() + (opts.maxSimulatedMs ?? 3_600_000);
    for (let i = 0; i < 100_000; i++) {
      const wf = this.store.get(def('workflows'), ns, name);
      if (!wf) throw new Error(`workflow ${ns}/${name} not found`);
      if (isFinished(wf)) return wf;
      if (clock.now() > deadline || !clock.step()) break;
    }
    throw new Error(
      `workflow ${ns}/${name} did not finish (phase ${JSON.stringify((this.store.get(def('workflows'), ns, name)?.status as { phase?: string } | undefined)?.phase)})`,
    );
  }

  /** Real-clock variant: polls until finished or timeoutMs passes. */
  async waitForCompletion(name: string, opts: { namespace?: string; timeoutMs?: number } = {}): Promise<KubeObject> {
    const ns = opts.namespace ?? this.defaultNamespace;
    const until = Date.now() + (opts.timeoutMs ?? 30_000);
    while (Date.now() < until) {
      const wf = this.store.get(def('workflows'), ns, name);
      if (wf && isFinished(wf)) return wf;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`workflow ${ns}/${name} did not finish within ${opts.timeoutMs ?? 30_000} ms`);
  }

  stop(): void {
    this.unsubscribe();
    this.kubelet.stop();
    for (const p of this.pending.values()) p.cancel();
    this.pending.clear();
  }
}
