/**
 * The runs store: the workflows of one namespace and their pods, kept live by two list+watch loops
 * (pods by the label `workflows.argoproj.io/workflow`). One source of truth for the runs tree, the
 * graph overlay, notifications and the logs panel header. No `vscode` import.
 */
import { PODS, resourcePath, WORKFLOWS } from '../cluster/api-paths';
import type { ClusterConnection } from '../cluster/connection';
import type { ClusterError } from '../cluster/errors';
import { Emitter } from '../cluster/events';
import { ListWatch, type ListWatchOptions, type ListWatchState, type WatchEvent } from '../cluster/list-watch';
import { ANNOTATION_NODE_ID, LABEL_WORKFLOW, type Pod, type Workflow } from '../cluster/types';

export type StoreState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'error'; readonly error: ClusterError };

export interface RunsChange {
  /** Names of workflows whose object or pods changed (deleted ones included). */
  readonly names: ReadonlySet<string>;
}

export interface RunsStoreOptions {
  /** Overrides for both loops (timeouts, backoff); for tests. */
  readonly listWatch?: Partial<Omit<ListWatchOptions, 'path' | 'labelSelector'>>;
}

/** Errors the user must act on: shown at once rather than after retries. */
const SERIOUS = new Set(['unauthorized', 'forbidden', 'crd-missing', 'tls', 'auth-plugin', 'bad-kubeconfig', 'no-kubeconfig', 'no-context']);

export class RunsStore {
  readonly workflowsLoop: ListWatch<Workflow>;
  readonly podsLoop: ListWatch<Pod>;
  private readonly changed = new Emitter<RunsChange>();
  private readonly stateChanged = new Emitter<StoreState>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeState = this.stateChanged.event;
  private stateValue: StoreState = { kind: 'connecting' };
  /** Workflow name -> pod name -> pod. */
  private readonly podsByWorkflow = new Map<string, Map<string, Pod>>();
  /** First-seen order, to break ties between equal creation timestamps. */
  private readonly seen = new Map<string, number>();
  private seq = 0;
  private pending = new Set<string>();
  private flushScheduled = false;

  constructor(
    readonly connection: ClusterConnection,
    readonly namespace: string = connection.namespace,
    opts: RunsStoreOptions = {},
  ) {
    const common = opts.listWatch ?? {};
    this.workflowsLoop = new ListWatch<Workflow>(connection, { ...common, path: resourcePath(WORKFLOWS, namespace) });
    this.podsLoop = new ListWatch<Pod>(connection, { ...common, path: resourcePath(PODS, namespace), labelSelector: LABEL_WORKFLOW });
    this.workflowsLoop.onEvent((e) => this.onWorkflow(e));
    this.podsLoop.onEvent((e) => this.onPod(e));
    this.workflowsLoop.onState((s) => this.onLoopState(s));
    this.workflowsLoop.onSynced(() => this.setState({ kind: 'ready' }));
  }

  get state(): StoreState {
    return this.stateValue;
  }

  start(): void {
    this.workflowsLoop.start();
    this.podsLoop.start();
  }

  stop(): void {
    this.workflowsLoop.stop();
    this.podsLoop.stop();
  }

  reconnect(): void {
    this.workflowsLoop.reconnect();
    this.podsLoop.reconnect();
  }

  dispose(): void {
    this.workflowsLoop.dispose();
    this.podsLoop.dispose();
    this.changed.dispose();
    this.stateChanged.dispose();
  }

  /** Whether both loops have listed at least once. */
  get isSynced(): boolean {
    return this.workflowsLoop.isSynced && this.podsLoop.isSynced;
  }

  /** All runs, newest first. */
  runs(): Workflow[] {
    const created = (w: Workflow): string => w.metadata?.creationTimestamp ?? '';
    return [...this.workflowsLoop.cache.values()].sort((a, b) => {
      const c = created(b).localeCompare(created(a));
      return c !== 0 ? c : (this.seen.get(b.metadata?.name ?? '') ?? 0) - (this.seen.get(a.metadata?.name ?? '') ?? 0);
    });
  }

  get(name: string): Workflow | undefined {
    return this.workflowsLoop.cache.get(`${this.namespace}/${name}`);
  }

  podsOf(workflowName: string): Pod[] {
    return [...(this.podsByWorkflow.get(workflowName)?.values() ?? [])];
  }

  /** The pod of a node: by the `workflows.argoproj.io/node-id` annotation, else by name. */
  podForNode(workflowName: string, nodeId: string, podName?: string): Pod | undefined {
    const pods = this.podsByWorkflow.get(workflowName);
    if (!pods) return undefined;
    for (const p of pods.values()) if (p.metadata?.annotations?.[ANNOTATION_NODE_ID] === nodeId) return p;
    return podName ? pods.get(podName) : undefined;
  }

  /** Resolves with the first truthy value of `check`, evaluated now and after every change. */
  waitFor<T>(check: () => T | undefined | false, timeoutMs: number): Promise<T> {
    const now = check();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const sub = this.onDidChange(() => {
        const v = check();
        if (!v) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      });
    });
  }

  private onWorkflow(e: WatchEvent<Workflow>): void {
    const name = e.object.metadata?.name ?? '';
    if (e.type === 'DELETED') this.seen.delete(name);
    else if (!this.seen.has(name)) this.seen.set(name, ++this.seq);
    this.touch(name);
  }

  private onPod(e: WatchEvent<Pod>): void {
    const wf = e.object.metadata?.labels?.[LABEL_WORKFLOW];
    const pod = e.object.metadata?.name;
    if (!wf || !pod) return;
    let pods = this.podsByWorkflow.get(wf);
    if (e.type === 'DELETED') {
      pods?.delete(pod);
      if (pods?.size === 0) this.podsByWorkflow.delete(wf);
    } else {
      if (!pods) this.podsByWorkflow.set(wf, (pods = new Map()));
      pods.set(pod, e.object);
    }
    this.touch(wf);
  }

  /** Changes are batched per event-loop turn (a re-list can bring hundreds). */
  private touch(name: string): void {
    this.pending.add(name);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const names = this.pending;
      this.pending = new Set();
      this.changed.fire({ names });
    });
  }

  private onLoopState(s: ListWatchState): void {
    if (s.state === 'watching') this.setState({ kind: 'ready' });
    else if (s.state === 'retrying' && (SERIOUS.has(s.error.kind) || s.failures >= 3 || !this.workflowsLoop.isSynced)) this.setState({ kind: 'error', error: s.error });
  }

  private setState(s: StoreState): void {
    const prev = this.stateValue;
    if (prev.kind === s.kind && (prev.kind !== 'error' || (s.kind === 'error' && prev.error.message === s.error.message))) return;
    this.stateValue = s;
    this.stateChanged.fire(s);
  }
}
