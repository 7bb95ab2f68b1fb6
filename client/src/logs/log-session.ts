/**
 * The multiplexer behind the logs panel: follows the pods of a workflow (a subscription to the
 * cluster's PodIndex, normally the runs store's: the pods are not watched a second time), runs one
 * ContainerStream per step in scope (bounded concurrency), interleaves their lines by timestamp in a
 * bounded LineStore, writes notices (waiting, pod gone, 401/403, non-zero exit), and hands batched
 * updates to the panel (UpdateBatcher). No `vscode`.
 */
import { ContainerStream, type StreamEnd, type StreamLine, type StreamTuning } from './container-stream';
import { LineStore } from './line-store';
import { LABEL_COMPLETED, type ClusterError, type Disposable, type Pod, type PodIndex } from '../cluster';
import type { LogSource } from './log-source';
import type { LogLine, LogRange, LogTarget, NoticeLevel, SessionInfo, StepStatus, StepView } from './log-types';
import { StepTable, type StepState } from './step-table';
import { UpdateBatcher, type UpdateSink } from './update-batcher';

export type { LogRange, LogTarget, SessionInfo } from './log-types';
export type { SessionUpdate } from './update-batcher';
export { PALETTE_SIZE } from './step-table';

export const DEFAULT_MAX_LINES = 100_000;

export interface LogSessionOptions {
  readonly source: LogSource;
  /** The live pods of the target's namespace (the runs store's, or one opened for another namespace). */
  readonly pods: PodIndex;
  /** The session opened `pods` for itself (another namespace): it disposes them. */
  readonly ownsPods?: boolean;
  readonly target: LogTarget;
  readonly container?: string;
  readonly range?: LogRange;
  readonly maxLines?: number;
  readonly maxConcurrentStreams?: number;
  readonly flushMs?: number;
  /** Receives batched updates; a returned promise holds back the next update until it settles. */
  readonly onUpdate?: UpdateSink;
  readonly tuning?: StreamTuning;
}

interface Step extends StepState {
  stream: ContainerStream | undefined;
}

export interface StreamStats {
  readonly podName: string;
  readonly resumes: number;
  readonly received: number;
  readonly deduplicated: number;
}

const FINISHED = ['Succeeded', 'Failed', 'Error'];

export class LogSession {
  private readonly lineStore: LineStore;
  /** Lines received but not yet merged into the store (merged in one pass per update). */
  private unstored: LogLine[] = [];
  private readonly steps: StepTable<Step>;
  private readonly queue: Step[] = [];
  private readonly stats = new Map<string, ContainerStream>();
  private readonly batcher: UpdateBatcher;
  private watcher: Disposable | undefined;
  private watchProblem = false;
  private active = 0;
  private gen = 0;
  private seq = 0;
  private container: string;
  private range: LogRange;
  private all: boolean;
  private banner: string | undefined;
  private done = false;
  private disposed = false;
  private containers: string[] = [];
  private settledWaiters: (() => void)[] = [];
  private listedOnce = false;
  private checkingDone = false;
  private focusTarget: LogTarget;

  constructor(private readonly o: LogSessionOptions) {
    this.focusTarget = o.target;
    this.lineStore = new LineStore(o.maxLines ?? DEFAULT_MAX_LINES);
    this.container = o.container ?? 'main';
    this.range = o.range ?? {};
    this.all = o.target.podName === undefined && o.target.nodeId === undefined;
    this.steps = new StepTable<Step>(o.target.workflowName, (base) => ({ ...base, stream: undefined }));
    this.batcher = new UpdateBatcher(
      {
        commit: () => this.commit(),
        allLines: () => this.lineStore.toArray(),
        steps: () => this.stepViews(),
        info: () => this.info,
        maxLines: () => this.lineStore.max,
      },
      o.onUpdate,
      o.flushMs ?? 50,
    );
  }

  /** The bounded, time-ordered lines (what the view mirrors). */
  get store(): LineStore {
    this.commit();
    return this.lineStore;
  }

  /** Merges the lines received since the last merge: one sort and one merge per batch, not per chunk. */
  private commit(): void {
    if (this.unstored.length === 0) return;
    const lines = this.unstored;
    this.unstored = [];
    this.lineStore.add(lines);
  }

  get target(): LogTarget {
    return this.focusTarget;
  }

  get info(): SessionInfo {
    const focus = this.steps.list.find((s) => this.isFocus(s));
    return {
      target: this.focusTarget,
      contextName: this.o.source.contextName,
      container: this.container,
      containers: this.containers,
      range: this.range,
      streamAll: this.all,
      ...(focus ? { focusPod: focus.podName } : {}),
      ...(this.banner !== undefined ? { banner: this.banner } : {}),
      done: this.done,
      maxLines: this.lineStore.max,
    };
  }

  stepViews(): StepView[] {
    return this.steps.views();
  }

  streamStats(): StreamStats[] {
    return [...this.stats].map(([podName, s]) => ({ podName, resumes: s.resumes, received: s.received, deduplicated: s.deduplicated }));
  }

  start(): void {
    if (this.watcher || this.disposed) return;
    this.banner = `Looking for the pods of ${this.o.target.workflowName}…`;
    if (this.o.ownsPods) this.o.pods.start();
    this.watcher = this.o.pods.subscribe(this.o.target.workflowName, {
      onPod: (p) => this.onPod(p),
      onDeleted: (name) => this.onPodDeleted(name),
      onProblem: (error, failures) => this.onWatchProblem(error, failures),
      onListed: (n) => void this.onListed(n),
    });
    this.batcher.markInfo();
  }

  private stopWatching(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    if (this.o.ownsPods) {
      if (this.disposed) this.o.pods.dispose();
      else this.o.pods.loop.stop(); // finished: a restart (other container, range) watches again
    }
  }

  /** Shows another container of every step (the lines start again). */
  setContainer(container: string): void {
    if (container === this.container) return;
    this.container = container;
    this.restart();
  }

  /** Changes since/tail (the lines start again). */
  setRange(range: LogRange): void {
    this.range = range;
    this.restart();
  }

  /** Streams every step (after a session opened on one step). */
  streamAll(): void {
    if (this.all) return;
    this.all = true;
    this.considerAll();
  }

  /** Focuses another step of the same workflow (streams it if it was not). */
  focus(target: LogTarget): void {
    if (target.namespace !== this.o.target.namespace || target.workflowName !== this.o.target.workflowName)
      throw new Error('focus: another workflow needs another session');
    this.focusTarget = target;
    this.considerAll();
  }

  setMaxLines(max: number): void {
    this.commit();
    this.lineStore.setMax(max);
    this.batcher.markReset();
    this.batcher.markInfo();
  }

  /** Everything a freshly loaded view needs. */
  snapshot(): { lines: LogLine[]; steps: StepView[]; info: SessionInfo } {
    return { lines: this.store.toArray(), steps: this.stepViews(), info: this.info };
  }

  /** Sends what changed now (tests and the bench drain with it). */
  flush(): void {
    this.batcher.flush();
  }

  /** Resolves once the workflow is finished and every stream has ended (or the session is disposed). */
  whenSettled(): Promise<void> {
    if (this.done || this.disposed) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.gen++;
    this.stopWatching();
    for (const s of this.steps.list) s.stream?.stop();
    this.batcher.dispose();
    for (const w of this.settledWaiters.splice(0)) w();
  }

  // --- pods -> steps -------------------------------------------------------------------------------

  private isFocus(s: Step): boolean {
    const t = this.focusTarget;
    return (t.podName !== undefined && s.podName === t.podName) || (t.nodeId !== undefined && s.nodeId === t.nodeId);
  }

  private onPod(p: Pod): void {
    if (this.disposed) return;
    const { step: s, created } = this.steps.upsert(p);
    if (created) {
      this.banner = undefined;
      this.batcher.markInfo();
    }
    const known = new Set(this.containers);
    if (s.containers.some((c) => !known.has(c))) {
      this.containers = [...this.containers, ...s.containers.filter((c) => !known.has(c))];
      this.batcher.markInfo();
    }
    if (s.stream && !s.ended) s.stream.wake();
    this.consider(s);
    if (this.active === 0 && this.queue.length === 0) void this.checkDone();
    this.batcher.markSteps();
  }

  private onPodDeleted(name: string): void {
    const s = this.steps.get(name);
    if (!s) return;
    s.podPhase = 'Deleted';
    s.stream?.wake();
    this.batcher.markSteps();
  }

  /** The pod watch fails (it retries on its own): 401/403 at once as a notice, others after 3 in a row. */
  private onWatchProblem(error: ClusterError, failures: number): void {
    if (this.disposed || this.done) return;
    if (error.kind === 'unauthorized' || error.kind === 'forbidden') {
      if (!this.watchProblem) this.notice(-1, 'error', error.detail);
      this.watchProblem = true;
    } else if (failures >= 3) this.banner = `Still trying to watch the pods of the workflow: ${error.message}`;
    this.batcher.markInfo();
  }

  private async onListed(count: number): Promise<void> {
    if (this.listedOnce || this.disposed) return;
    this.listedOnce = true;
    if (count > 0) return this.resolveFocus();
    try {
      const wf = await this.o.source.getWorkflow(this.o.target.namespace, this.o.target.workflowName, { signal: AbortSignal.timeout(30_000) });
      if (!wf.ok && wf.error.status === 404 && this.steps.list.length === 0) {
        this.notice(
          -1,
          'error',
          `Workflow ${this.o.target.workflowName} was not found in namespace ${this.o.target.namespace} (context ${this.o.source.contextName}).`,
        );
        this.banner = undefined;
      } else if (this.steps.list.length === 0) this.banner = `Waiting for the first pod of ${this.o.target.workflowName}…`;
      this.batcher.markInfo();
    } catch {
      // keep waiting for pods
    }
  }

  /**
   * A focus on a node that has no pod of its own: a retry node shows its latest attempt; a DAG,
   * steps or group node shows every step. (A Pod node without a pod yet is waited for.)
   */
  private async resolveFocus(): Promise<void> {
    const nodeId = this.focusTarget.nodeId;
    if (nodeId === undefined || this.focusTarget.podName !== undefined || this.steps.list.some((s) => this.isFocus(s))) return;
    try {
      const wf = await this.o.source.getWorkflow(this.o.target.namespace, this.o.target.workflowName, { signal: AbortSignal.timeout(30_000) });
      const node = wf.ok ? wf.value.status?.nodes?.[nodeId] : undefined;
      if (!node || node.type === 'Pod' || this.disposed || this.focusTarget.nodeId !== nodeId) return;
      const last = node.children?.[node.children.length - 1];
      if (node.type === 'Retry' && last) {
        this.focus({ ...this.focusTarget, nodeId: last });
        return;
      }
      this.banner = `${node.displayName ?? node.name ?? nodeId} is a ${node.type ?? 'group'} node with no pod of its own: showing all steps.`;
      this.streamAll();
    } catch {
      // keep the focus as it is
    }
  }

  private considerAll(): void {
    for (const s of this.steps.list) this.consider(s);
    if (this.active > 0 || this.queue.length > 0) this.done = false;
    this.batcher.markInfo();
  }

  /** The selected container, or for "main" on a pod without one (containerSet), its default container. */
  private containerOf(s: Step): string | undefined {
    if (s.containers.includes(this.container)) return this.container;
    return this.container === 'main' ? s.fallback : undefined;
  }

  private consider(s: Step): void {
    if (this.disposed || s.stream || s.queued || s.ended) return;
    if (!this.all && !this.isFocus(s)) return;
    if (this.containerOf(s) === undefined) {
      if (s.containers.length > 0) {
        s.status = { kind: 'ended', reason: 'no-container', message: `Pod ${s.podName} has no container ${this.container}` };
        s.ended = true;
        this.batcher.markSteps();
      }
      return;
    }
    s.queued = true;
    this.queue.push(s);
    this.pump();
  }

  private pump(): void {
    const max = this.o.maxConcurrentStreams ?? 24;
    while (this.active < max && this.queue.length > 0) {
      const s = this.queue.shift() as Step;
      s.queued = false;
      this.startStream(s);
    }
  }

  private startStream(s: Step): void {
    const gen = this.gen;
    const stream = new ContainerStream({
      ...(this.o.tuning ?? {}),
      source: this.o.source,
      namespace: this.o.target.namespace,
      pod: s.podName,
      container: this.containerOf(s) ?? this.container,
      nodeId: s.nodeId,
      workflowName: this.o.target.workflowName,
      initial: this.range,
      onLines: (lines) => {
        if (gen === this.gen) this.addLines(s, lines);
      },
      onStatus: (st) => {
        if (gen === this.gen) this.setStatus(s, st);
      },
    });
    s.stream = stream;
    this.stats.set(s.podName, stream);
    this.active++;
    void stream.start().then((end) => {
      if (gen !== this.gen) return;
      this.active--;
      s.ended = true;
      this.onStreamEnd(s, end);
      this.pump();
      void this.checkDone();
    });
  }

  // --- lines, notices, statuses ------------------------------------------------------------------

  private noticeKey(): string {
    this.commit();
    return this.lineStore.last()?.key ?? '';
  }

  private addLines(s: Step, lines: StreamLine[]): void {
    const out: LogLine[] = new Array<LogLine>(lines.length);
    const fallback = this.noticeKey();
    for (let i = 0; i < lines.length; i++) out[i] = { seq: ++this.seq, step: s.index, key: lines[i].key || fallback, text: lines[i].text };
    for (const l of out) this.unstored.push(l);
    if (this.unstored.length > 2 * this.lineStore.max) this.commit();
    s.lines += out.length;
    this.batcher.lines(out);
    this.batcher.markSteps();
  }

  private notice(step: number, level: NoticeLevel, text: string): void {
    const line: LogLine = { seq: ++this.seq, step, key: this.noticeKey(), text, notice: level };
    this.lineStore.add([line]);
    this.batcher.lines([line]);
  }

  private setStatus(s: Step, st: StepStatus): void {
    s.status = st;
    if (st.kind === 'scheduling' && !s.scheduleNoticed) {
      s.scheduleNoticed = true;
      this.notice(s.index, 'info', `Waiting for step ${s.label} to be scheduled…`);
    }
    if (st.kind === 'waiting' && !s.waitNoticed) {
      s.waitNoticed = true;
      this.notice(s.index, 'info', `Waiting for container ${this.container} to start (${st.reason})…`);
    }
    this.batcher.markSteps();
  }

  private onStreamEnd(s: Step, end: StreamEnd): void {
    if (end.reason === 'completed') {
      if (end.exitCode !== undefined && end.exitCode !== 0) this.notice(s.index, 'warning', `${end.message}.`);
    } else if (end.reason !== 'stopped') {
      this.notice(s.index, end.reason === 'pod-deleted' || end.reason === 'never-started' ? 'warning' : 'error', end.message);
    }
  }

  /** When nothing streams any more: is the workflow finished? Then stop watching its pods. */
  private async checkDone(): Promise<void> {
    if (this.checkingDone || this.disposed || this.done) return;
    if (this.active > 0 || this.queue.length > 0) return;
    this.checkingDone = true;
    try {
      const wf = await this.o.source.getWorkflow(this.o.target.namespace, this.o.target.workflowName, { signal: AbortSignal.timeout(30_000) });
      const finished = wf.ok
        ? wf.value.metadata?.labels?.[LABEL_COMPLETED] === 'true' || FINISHED.includes(wf.value.status?.phase ?? '')
        : wf.error.status === 404;
      const podsDone = this.steps.list.every(
        (s) => s.ended || s.podPhase === 'Succeeded' || s.podPhase === 'Failed' || s.podPhase === 'Deleted' || (!this.all && !this.isFocus(s)),
      );
      if (finished && podsDone && this.active === 0 && this.queue.length === 0 && !this.disposed) {
        this.done = true;
        this.stopWatching();
        this.batcher.markInfo();
        for (const w of this.settledWaiters.splice(0)) w();
      }
    } catch {
      // try again when the next stream ends
    } finally {
      this.checkingDone = false;
    }
  }

  private restart(): void {
    this.gen++;
    for (const s of this.steps.list) {
      s.stream?.stop();
      s.stream = undefined;
      s.queued = false;
      s.ended = false;
      s.waitNoticed = false;
      s.scheduleNoticed = false;
      s.lines = 0;
      s.status = { kind: 'pending' };
    }
    this.queue.length = 0;
    this.active = 0;
    this.done = false;
    this.stats.clear();
    this.lineStore.clear();
    this.unstored = [];
    this.batcher.markReset();
    this.batcher.markInfo();
    if (!this.watcher && !this.disposed) this.start();
    this.considerAll();
  }
}
