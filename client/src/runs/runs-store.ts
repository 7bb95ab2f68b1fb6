/**
 * The runs store: the workflows of one namespace and their pods, kept live by two list+watch loops
 * (pods by the label `workflows.argoproj.io/workflow`). One source of truth for the runs tree, the
 * graph overlay, notifications and the logs panel header. No `vscode` import.
 */
import {
  Emitter,
  ListWatch,
  PodIndex,
  resourcePath,
  WORKFLOWS,
  type ClusterConnection,
  type ClusterError,
  type ListWatchOptions,
  type ListWatchState,
  type Pod,
  type WatchEvent,
  type Workflow,
} from '../cluster';

export type StoreState = { readonly kind: 'connecting' } | { readonly kind: 'ready' } | { readonly kind: 'error'; readonly error: ClusterError };

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
  /** The pods of the namespace by workflow (the logs panel subscribes to it too). */
  readonly pods: PodIndex;
  private readonly changed = new Emitter<RunsChange>();
  private readonly stateChanged = new Emitter<StoreState>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeState = this.stateChanged.event;
  private stateValue: StoreState = { kind: 'connecting' };
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
    this.pods = new PodIndex(connection, namespace, { listWatch: common });
    this.workflowsLoop.onEvent((e) => this.onWorkflow(e));
    this.pods.onDidChangePod(({ workflow }) => this.touch(workflow));
    this.workflowsLoop.onState((s) => this.onLoopState(s));
    this.workflowsLoop.onSynced(() => this.setState({ kind: 'ready' }));
  }

  get podsLoop(): ListWatch<Pod> {
    return this.pods.loop;
  }

  get state(): StoreState {
    return this.stateValue;
  }

  start(): void {
    this.workflowsLoop.start();
    this.pods.start();
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
    this.pods.dispose();
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
    return this.pods.podsOf(workflowName);
  }

  /** The pod of a node: by the `workflows.argoproj.io/node-id` annotation, else by name. */
  podForNode(workflowName: string, nodeId: string, podName?: string): Pod | undefined {
    return this.pods.podForNode(workflowName, nodeId, podName);
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
    else if (s.state === 'retrying' && (SERIOUS.has(s.error.kind) || s.failures >= 3 || !this.workflowsLoop.isSynced))
      this.setState({ kind: 'error', error: s.error });
  }

  private setState(s: StoreState): void {
    const prev = this.stateValue;
    if (prev.kind === s.kind && (prev.kind !== 'error' || (s.kind === 'error' && prev.error.message === s.error.message))) return;
    this.stateValue = s;
    this.stateChanged.fire(s);
  }
}
