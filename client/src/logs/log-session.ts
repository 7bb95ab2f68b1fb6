/**
 * The multiplexer behind the logs panel: follows the pods of a workflow (PodWatcher), runs one
 * ContainerStream per step in scope (bounded concurrency), interleaves their lines by timestamp in a
 * bounded LineStore, writes notices (waiting, pod gone, 401/403, non-zero exit), and hands batched
 * updates to the panel at most every `flushMs` with at most one update in flight. No `vscode`.
 */
import { ContainerStream, type StreamEnd, type StreamLine, type StreamTuning } from './container-stream';
import { LineStore, newestOf } from './line-store';
import type { LogSource, PodJson } from './log-source';
import type { LogLine, LogRange, LogTarget, NoticeLevel, SessionInfo, StepStatus, StepView } from './log-types';

export type { LogRange, LogTarget, SessionInfo } from './log-types';
import { containerNames, defaultContainer, longStepLabel, podNodeId, podNodeName, shortStepLabel, WORKFLOW_LABEL } from './pod-info';
import { PodWatcher } from './pod-watcher';

export const DEFAULT_MAX_LINES = 100_000;
export const PALETTE_SIZE = 8;

export interface SessionUpdate {
  /** The lines were cleared (container or range changed): the view starts again from `lines`. */
  readonly reset: boolean;
  /** Lines added since the last update (at most maxLines, the newest). */
  readonly lines: readonly LogLine[];
  readonly steps?: readonly StepView[];
  readonly info?: SessionInfo;
}

export interface LogSessionOptions {
  readonly source: LogSource;
  readonly target: LogTarget;
  readonly container?: string;
  readonly range?: LogRange;
  readonly maxLines?: number;
  readonly maxConcurrentStreams?: number;
  readonly flushMs?: number;
  /** Receives batched updates; a returned promise holds back the next update until it settles. */
  readonly onUpdate?: (u: SessionUpdate) => void | PromiseLike<unknown>;
  readonly tuning?: StreamTuning & { readonly watchRetryDelayMs?: (attempt: number) => number };
}

interface Step {
  readonly index: number;
  readonly podName: string;
  nodeId: string;
  nodeName: string;
  label: string;
  containers: string[];
  /** For pods without `main` (containerSet): what "main" means for this step. */
  fallback: string | undefined;
  podPhase: string;
  status: StepStatus;
  lines: number;
  stream: ContainerStream | undefined;
  queued: boolean;
  ended: boolean;
  waitNoticed: boolean;
}

export interface StreamStats {
  readonly podName: string;
  readonly resumes: number;
  readonly received: number;
  readonly deduplicated: number;
}

export class LogSession {
  private readonly lineStore: LineStore;
  /** Lines received but not yet merged into the store (merged in one pass per update). */
  private unstored: LogLine[] = [];
  private readonly steps: Step[] = [];
  private readonly byPod = new Map<string, Step>();
  private readonly queue: Step[] = [];
  private readonly stats = new Map<string, ContainerStream>();
  private watcher: PodWatcher | undefined;
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
  private pending: LogLine[] = [];
  private resetPending = false;
  private stepsDirty = true;
  private infoDirty = true;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
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
    const focus = this.steps.find((s) => this.isFocus(s));
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
    return this.steps.map((s) => ({
      index: s.index,
      podName: s.podName,
      nodeId: s.nodeId,
      label: s.label,
      nodeName: s.nodeName,
      containers: s.containers,
      podPhase: s.podPhase,
      color: s.index % PALETTE_SIZE,
      status: s.status,
      lines: s.lines,
    }));
  }

  streamStats(): StreamStats[] {
    return [...this.stats].map(([podName, s]) => ({ podName, resumes: s.resumes, received: s.received, deduplicated: s.deduplicated }));
  }

  start(): void {
    if (this.watcher || this.disposed) return;
    this.banner = `Looking for the pods of ${this.o.target.workflowName}…`;
    this.watcher = new PodWatcher({
      source: this.o.source,
      namespace: this.o.target.namespace,
      labelSelector: `${WORKFLOW_LABEL}=${this.o.target.workflowName}`,
      onPod: (p) => this.onPod(p),
      onDeleted: (name) => this.onPodDeleted(name),
      onProblem: (message, fatal) => this.onWatchProblem(message, fatal),
      onListed: (n) => void this.onListed(n),
      ...(this.o.tuning?.sleep ? { sleep: this.o.tuning.sleep } : {}),
      ...(this.o.tuning?.watchRetryDelayMs ? { retryDelayMs: this.o.tuning.watchRetryDelayMs } : {}),
    });
    void this.watcher.start();
    this.scheduleFlush();
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
    this.infoDirty = true;
    for (const s of this.steps) this.consider(s);
    if (this.active > 0 || this.queue.length > 0) this.done = false;
    this.scheduleFlush();
  }

  /** Focuses another step of the same workflow (streams it if it was not). */
  focus(target: LogTarget): void {
    if (target.namespace !== this.o.target.namespace || target.workflowName !== this.o.target.workflowName) throw new Error('focus: another workflow needs another session');
    this.focusTarget = target;
    this.infoDirty = true;
    for (const s of this.steps) this.consider(s);
    if (this.active > 0 || this.queue.length > 0) this.done = false;
    this.scheduleFlush();
  }

  setMaxLines(max: number): void {
    this.commit();
    this.lineStore.setMax(max);
    this.resetPending = true;
    this.infoDirty = true;
    this.scheduleFlush();
  }

  /** Everything a freshly loaded view needs. */
  snapshot(): { lines: LogLine[]; steps: StepView[]; info: SessionInfo } {
    return { lines: this.store.toArray(), steps: this.stepViews(), info: this.info };
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
    this.watcher?.stop();
    for (const s of this.steps) s.stream?.stop();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const w of this.settledWaiters.splice(0)) w();
  }

  // --- pods -> steps -------------------------------------------------------------------------------

  private isFocus(s: Step): boolean {
    const t = this.focusTarget;
    return (t.podName !== undefined && s.podName === t.podName) || (t.nodeId !== undefined && s.nodeId === t.nodeId);
  }

  private onPod(p: PodJson): void {
    if (this.disposed) return;
    const name = p.metadata.name ?? '';
    let s = this.byPod.get(name);
    if (!s) {
      const nodeName = podNodeName(p);
      s = {
        index: this.steps.length, podName: name, nodeId: podNodeId(p), nodeName, label: shortStepLabel(nodeName),
        containers: [], fallback: undefined, podPhase: '', status: { kind: 'pending' }, lines: 0, stream: undefined, queued: false, ended: false, waitNoticed: false,
      };
      this.steps.push(s);
      this.byPod.set(name, s);
      this.relabel();
      this.banner = undefined;
      this.infoDirty = true;
    }
    s.podPhase = p.status?.phase ?? '';
    s.containers = containerNames(p);
    s.fallback = defaultContainer(p);
    const known = new Set(this.containers);
    if (s.containers.some((c) => !known.has(c))) {
      this.containers = [...this.containers, ...s.containers.filter((c) => !known.has(c))];
      this.infoDirty = true;
    }
    this.stepsDirty = true;
    if (s.stream && !s.ended) s.stream.wake();
    this.consider(s);
    if (this.active === 0 && this.queue.length === 0) void this.checkDone();
    this.scheduleFlush();
  }

  private onPodDeleted(name: string): void {
    const s = this.byPod.get(name);
    if (!s) return;
    s.podPhase = 'Deleted';
    this.stepsDirty = true;
    s.stream?.wake();
    this.scheduleFlush();
  }

  private onWatchProblem(message: string, fatal: boolean): void {
    if (fatal) this.notice(-1, 'error', message);
    else this.banner = message;
    this.infoDirty = true;
    this.scheduleFlush();
  }

  private async onListed(count: number): Promise<void> {
    if (this.listedOnce || this.disposed) return;
    this.listedOnce = true;
    if (count > 0) return;
    try {
      const wf = await this.o.source.getWorkflow(this.o.target.namespace, this.o.target.workflowName, { signal: AbortSignal.timeout(30_000) });
      if (!wf.ok && wf.status === 404 && this.steps.length === 0) {
        this.notice(-1, 'error', `Workflow ${this.o.target.workflowName} was not found in namespace ${this.o.target.namespace} (context ${this.o.source.contextName}).`);
        this.banner = undefined;
      } else if (this.steps.length === 0) this.banner = `Waiting for the first pod of ${this.o.target.workflowName}…`;
      this.infoDirty = true;
      this.scheduleFlush();
    } catch {
      // keep waiting for pods
    }
  }

  /** Short labels, or the node path for steps whose short labels collide. */
  private relabel(): void {
    const count = new Map<string, number>();
    for (const s of this.steps) count.set(shortStepLabel(s.nodeName), (count.get(shortStepLabel(s.nodeName)) ?? 0) + 1);
    for (const s of this.steps) {
      const short = shortStepLabel(s.nodeName);
      s.label = (count.get(short) ?? 0) > 1 ? longStepLabel(s.nodeName, this.o.target.workflowName) : short;
    }
  }

  private consider(s: Step): void {
    if (this.disposed || s.stream || s.queued || s.ended) return;
    if (!this.all && !this.isFocus(s)) return;
    if (this.containerOf(s) === undefined) {
      if (s.containers.length > 0) {
        s.status = { kind: 'ended', reason: 'no-container', message: `Pod ${s.podName} has no container ${this.container}` };
        s.ended = true;
        this.stepsDirty = true;
      }
      return;
    }
    s.queued = true;
    this.queue.push(s);
    this.pump();
  }

  /** The selected container, or for "main" on a pod without one (containerSet), its default container. */
  private containerOf(s: Step): string | undefined {
    if (s.containers.includes(this.container)) return this.container;
    return this.container === 'main' ? s.fallback : undefined;
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
    for (const l of out) {
      this.unstored.push(l);
      this.pending.push(l);
    }
    const max = this.lineStore.max;
    if (this.unstored.length > 2 * max) this.commit();
    if (this.pending.length > 2 * max) this.pending = [...newestOf(this.pending, max)];
    s.lines += out.length;
    this.stepsDirty = true;
    this.scheduleFlush();
  }

  private notice(step: number, level: NoticeLevel, text: string): void {
    const line: LogLine = { seq: ++this.seq, step, key: this.noticeKey(), text, notice: level };
    this.lineStore.add([line]);
    this.pending.push(line);
    this.scheduleFlush();
  }

  private setStatus(s: Step, st: StepStatus): void {
    s.status = st;
    this.stepsDirty = true;
    if (st.kind === 'waiting' && !s.waitNoticed) {
      s.waitNoticed = true;
      this.notice(s.index, 'info', `Waiting for container ${this.container} to start (${st.reason})…`);
    }
    this.scheduleFlush();
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
        ? wf.value.metadata.labels?.['workflows.argoproj.io/completed'] === 'true' || ['Succeeded', 'Failed', 'Error'].includes(wf.value.status?.phase ?? '')
        : wf.status === 404;
      const podsDone = this.steps.every((s) => s.ended || s.podPhase === 'Succeeded' || s.podPhase === 'Failed' || s.podPhase === 'Deleted' || (!this.all && !this.isFocus(s)));
      if (finished && podsDone && this.active === 0 && this.queue.length === 0 && !this.disposed) {
        this.done = true;
        this.watcher?.stop();
        this.infoDirty = true;
        this.scheduleFlush();
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
    for (const s of this.steps) {
      s.stream?.stop();
      s.stream = undefined;
      s.queued = false;
      s.ended = false;
      s.waitNoticed = false;
      s.lines = 0;
      s.status = { kind: 'pending' };
    }
    this.queue.length = 0;
    this.active = 0;
    this.done = false;
    this.stats.clear();
    this.lineStore.clear();
    this.unstored = [];
    this.pending = [];
    this.resetPending = true;
    this.stepsDirty = true;
    this.infoDirty = true;
    if (this.watcher?.stopped && !this.disposed) {
      this.watcher = undefined;
      this.start();
    }
    for (const s of this.steps) this.consider(s);
    this.scheduleFlush();
  }

  // --- batching ------------------------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.timer || this.inFlight || this.disposed || !this.o.onUpdate) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.o.flushMs ?? 50);
  }

  /** Sends what changed now (also used by tests and the bench to drain). */
  flush(): void {
    if (this.disposed || !this.o.onUpdate) return;
    if (this.pending.length === 0 && !this.resetPending && !this.stepsDirty && !this.infoDirty) return;
    this.commit();
    const update: SessionUpdate = {
      reset: this.resetPending,
      lines: this.resetPending ? this.lineStore.toArray() : newestOf(this.pending, this.lineStore.max),
      ...(this.stepsDirty || this.resetPending ? { steps: this.stepViews() } : {}),
      ...(this.infoDirty || this.resetPending ? { info: this.info } : {}),
    };
    this.pending = [];
    this.resetPending = false;
    this.stepsDirty = false;
    this.infoDirty = false;
    const r = this.o.onUpdate(update);
    if (r && typeof r.then === 'function') {
      this.inFlight = true;
      const next = (): void => {
        this.inFlight = false;
        this.scheduleFlush();
      };
      r.then(next, next);
    }
  }
}
