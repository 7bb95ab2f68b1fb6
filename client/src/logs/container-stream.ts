/**
 * The log streamer of one container of one pod: follows `GET .../log?follow=true&timestamps=true`
 * and, when the stream drops or ends early, resumes with `sinceTime` and drops what was already shown
 * (ResumeFilter), so nothing is lost and nothing shows twice. Waits (with a status) while the container
 * is being created, and while the pod is not on a node yet: the apiserver answers `204 No Content` for a
 * pod not bound to a node, and `404` while its kubelet has not admitted it (the pod is then checked: only
 * a pod that is really gone ends the stream). Ends with a clear reason when the pod is gone (and says where archived logs are),
 * says what 401/403 mean (the cluster's wording), retries other failures with the cluster's backoff. No `vscode`.
 */
import type { IncomingMessage } from 'node:http';
import { backoffDelay, sleep as realSleep, type ClusterError, type Pod, type Sleep } from '../cluster';
import { archivedLogs, explainPodGone } from './explain';
import { LineSplitter } from './line-splitter';
import type { LogQuery, LogSource } from './log-source';
import type { EndReason, StepStatus } from './log-types';
import { containerState } from './pod-info';
import { ResumeFilter } from './resume-filter';
import { sinceTimeOf, splitTimestamp } from './timestamp';

export interface StreamLine {
  readonly key: string;
  readonly text: string;
}

export interface InitialRange {
  readonly sinceSeconds?: number;
  readonly sinceTime?: string;
  readonly tailLines?: number;
}

/** Knobs with production defaults; tests shorten them. */
export interface StreamTuning {
  readonly sleep?: Sleep;
  /** Delay before retry number `attempt` of a failed or dropped stream. */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Delay before asking again for a container that is waiting to start. */
  readonly waitDelayMs?: (attempt: number) => number;
  /** Consecutive failures (without a line received) before giving up. */
  readonly maxFailures?: number;
  /** A stream silent this long makes us check the container; if it has ended, the stream is reopened. */
  readonly idleCheckMs?: number;
  readonly maxLineChars?: number;
}

export interface ContainerStreamOptions extends StreamTuning {
  readonly source: LogSource;
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The Argo node of the pod and its workflow: used to find archived logs when the pod is gone. */
  readonly nodeId?: string;
  readonly workflowName?: string;
  readonly initial?: InitialRange;
  readonly onLines: (lines: StreamLine[]) => void;
  readonly onStatus: (status: StepStatus) => void;
}

export interface StreamEnd {
  readonly reason: EndReason;
  readonly message: string;
  /** Exit code of the container when it completed. */
  readonly exitCode?: number;
}

type PodCheck = { readonly kind: 'gone' } | { readonly kind: 'pod'; readonly pod: Pod } | { readonly kind: 'unknown'; readonly failure?: ClusterError };

/** Retry `attempt` of a dropped or failed stream: at once (a drop resumes immediately), then the cluster's backoff from 250 ms up to 10 s. */
export function retryDelayMs(attempt: number, random?: () => number): number {
  return attempt <= 1 ? 0 : backoffDelay(attempt - 2, { initialMs: 250, maxMs: 10_000 }, random);
}

/** Asking again for a container that is waiting to start: 500 ms, 1 s, 2 s, then every 5 s (no jitter). */
export function waitDelayMs(attempt: number): number {
  return backoffDelay(Math.max(0, attempt - 1), { initialMs: 500, maxMs: 5_000 }, () => 1);
}

const WAITING = /is waiting to start: ?(.*)$/;
/** A stream open this long counts as healthy even without lines. */
const HEALTHY_STREAM_MS = 10_000;

export class ContainerStream {
  private readonly filter = new ResumeFilter();
  private readonly ctl = new AbortController();
  private wakeCtl = new AbortController();
  private current: IncomingMessage | undefined;
  private opened = 0;
  private lineCount = 0;
  private result: Promise<StreamEnd> | undefined;
  private readonly sleep: Sleep;

  constructor(private readonly o: ContainerStreamOptions) {
    this.sleep = o.sleep ?? realSleep;
  }

  /** Streams opened after the first one (resumes after a drop or an early end). */
  get resumes(): number {
    return Math.max(0, this.opened - 1);
  }

  /** Lines delivered (after de-duplication). */
  get received(): number {
    return this.lineCount;
  }

  /** Lines dropped as already shown. */
  get deduplicated(): number {
    return this.filter.droppedCount;
  }

  /** Starts (once); resolves when the stream has ended for good. */
  start(): Promise<StreamEnd> {
    this.result ??= this.run().then((end) => {
      this.o.onStatus({ kind: 'ended', reason: end.reason, message: end.message });
      return end;
    });
    return this.result;
  }

  stop(): void {
    this.ctl.abort(new Error('stopped'));
    this.current?.destroy();
  }

  /** Cuts a retry wait short (the pod changed: its container may have started). */
  wake(): void {
    this.wakeCtl.abort();
    this.wakeCtl = new AbortController();
  }

  private get stopped(): boolean {
    return this.ctl.signal.aborted;
  }

  private async pause(ms: number): Promise<void> {
    if (ms <= 0) return;
    await this.sleep(ms, AbortSignal.any([this.ctl.signal, this.wakeCtl.signal]));
  }

  private query(): LogQuery {
    const base = { container: this.o.container, follow: true };
    if (this.filter.started) {
      this.filter.beginResume();
      return { ...base, sinceTime: sinceTimeOf(this.filter.lastTimestampKey as string) };
    }
    const i = this.o.initial ?? {};
    return {
      ...base,
      ...(i.sinceTime !== undefined ? { sinceTime: i.sinceTime } : i.sinceSeconds !== undefined ? { sinceSeconds: i.sinceSeconds } : {}),
      ...(i.tailLines !== undefined ? { tailLines: i.tailLines } : {}),
    };
  }

  private async checkPod(): Promise<PodCheck> {
    try {
      const r = await this.o.source.getPod(this.o.namespace, this.o.pod, { signal: this.ctl.signal });
      if (r.ok) return { kind: 'pod', pod: r.value };
      return r.error.status === 404 ? { kind: 'gone' } : { kind: 'unknown', failure: r.error };
    } catch {
      return { kind: 'unknown' };
    }
  }

  private async gone(): Promise<StreamEnd> {
    let archive: string | undefined;
    if (this.o.workflowName && this.o.nodeId) {
      try {
        const wf = await this.o.source.getWorkflow(this.o.namespace, this.o.workflowName, { signal: this.ctl.signal });
        if (wf.ok) archive = archivedLogs(wf.value, this.o.nodeId);
      } catch {
        // no archive information
      }
    }
    return { reason: 'pod-deleted', message: explainPodGone(this.o.pod, this.o.container, this.lineCount > 0, archive) };
  }

  /**
   * The pod is not on a node yet (204), or its node does not know it yet (404): end if the pod is gone
   * or finished without running this container; otherwise say so and wait (a pod change wakes us).
   */
  private async awaitScheduling(attempt: number, why: string): Promise<StreamEnd | undefined> {
    const check = await this.checkPod();
    if (this.stopped) return undefined;
    if (check.kind === 'gone') return this.gone();
    if (check.kind === 'pod' && (check.pod.status?.phase === 'Succeeded' || check.pod.status?.phase === 'Failed')) {
      const st = containerState(check.pod, this.o.container);
      if (st.kind !== 'running' && st.kind !== 'terminated')
        return {
          reason: 'never-started',
          message: `Container ${this.o.container} of pod ${this.o.pod} never started; the pod is ${check.pod.status.phase}${check.pod.status.message ? `: ${check.pod.status.message}` : ''}.`,
        };
      if (attempt > (this.o.maxFailures ?? 30)) return { reason: 'error', message: `The logs of pod ${this.o.pod} are not available: ${why}.` };
    }
    this.o.onStatus({ kind: 'scheduling', attempt, detail: why });
    await this.pause((this.o.waitDelayMs ?? waitDelayMs)(attempt));
    return undefined;
  }

  private async run(): Promise<StreamEnd> {
    let failures = 0;
    let unauthorized = 0;
    let waiting = 0;
    let scheduling = 0;
    let lastError = '';
    const maxFailures = this.o.maxFailures ?? 30;
    const retry = this.o.retryDelayMs ?? retryDelayMs;
    const fail = async (error: string, retryAfterSeconds?: number): Promise<StreamEnd | undefined> => {
      failures++;
      lastError = error;
      if (failures > maxFailures) return { reason: 'error', message: `Gave up after ${maxFailures} failed attempts to read the logs: ${error}` };
      this.o.onStatus({ kind: 'reconnecting', attempt: failures, error });
      await this.pause(retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : retry(failures));
      return undefined;
    };
    while (!this.stopped) {
      if (this.opened === 0 && waiting === 0 && failures === 0 && scheduling === 0) this.o.onStatus({ kind: 'connecting' });
      let opened: Awaited<ReturnType<LogSource['openLogStream']>>;
      try {
        opened = await this.o.source.openLogStream(this.o.namespace, this.o.pod, this.query(), { signal: this.ctl.signal });
      } catch (e) {
        if (this.stopped) break;
        const end = await fail(e instanceof Error ? e.message : String(e));
        if (end) return end;
        continue;
      }
      if (this.stopped) {
        if (opened.ok) opened.value.destroy();
        break;
      }
      if (!opened.ok) {
        const f = opened.error;
        const code = f.status ?? 0;
        const wait = code === 400 ? WAITING.exec(f.apiMessage ?? '') : null;
        if (wait) {
          waiting++;
          const reason = wait[1] || 'ContainerCreating';
          this.o.onStatus({ kind: 'waiting', reason, attempt: waiting });
          const check = await this.checkPod();
          if (check.kind === 'gone') return this.gone();
          if (check.kind === 'pod' && (check.pod.status?.phase === 'Succeeded' || check.pod.status?.phase === 'Failed')) {
            const st = containerState(check.pod, this.o.container);
            if (st.kind !== 'running' && st.kind !== 'terminated') {
              return {
                reason: 'never-started',
                message: `Container ${this.o.container} of pod ${this.o.pod} never started (${reason}); the pod is ${check.pod.status.phase}${check.pod.status.message ? `: ${check.pod.status.message}` : ''}.`,
              };
            }
          }
          await this.pause((this.o.waitDelayMs ?? waitDelayMs)(waiting));
          continue;
        }
        if (code === 404) {
          // A kubelet that has not admitted the pod yet answers 404 through the apiserver: is the pod gone?
          const end = await this.awaitScheduling(++scheduling, `the node of pod ${this.o.pod} does not know it yet (404)`);
          if (end) return end;
          continue;
        }
        if (code === 401) {
          unauthorized++;
          if (unauthorized <= 1) {
            // Credentials are applied again on the next request (an expired exec-plugin token is refreshed).
            await this.pause(retry(2));
            continue;
          }
          return { reason: 'unauthorized', message: f.detail };
        }
        if (code === 403) return { reason: 'forbidden', message: f.detail };
        if (code === 429 || code >= 500) {
          const end = await fail(f.message, f.retryAfterSeconds);
          if (end) return end;
          continue;
        }
        return { reason: 'error', message: `The cluster refused the log request: ${f.detail}` };
      }
      const res = opened.value;
      if (res.statusCode === 204) {
        // 204 No Content: the pod is not bound to a node yet, there is no log to follow.
        res.resume();
        const end = await this.awaitScheduling(++scheduling, `pod ${this.o.pod} is not scheduled to a node yet (204 No Content)`);
        if (end) return end;
        continue;
      }
      unauthorized = 0;
      waiting = 0;
      scheduling = 0;
      this.opened++;
      this.o.onStatus({ kind: 'streaming', resumes: this.resumes });
      const before = this.lineCount;
      const openedAt = Date.now();
      const out = await this.consume(res);
      if (this.stopped) break;
      // Progress, or a stream that lived a while (a quiet container, an apiserver timeout), is no failure streak.
      if (this.lineCount > before || Date.now() - openedAt >= HEALTHY_STREAM_MS) failures = 0;
      if (!out.clean) {
        const end = await fail(out.error ?? 'the log stream was interrupted');
        if (end) return end;
        continue;
      }
      // A clean end: the container has ended, or the pod is gone, or the server closed early.
      const check = await this.checkPod();
      if (this.stopped) break;
      if (check.kind === 'gone') return this.gone();
      if (check.kind === 'pod') {
        const st = containerState(check.pod, this.o.container);
        if (st.kind === 'terminated') {
          const how = st.exitCode === 0 ? 'completed' : `exited with code ${st.exitCode}${st.reason ? ` (${st.reason})` : ''}`;
          return { reason: 'completed', message: `${this.o.container} ${how}`, exitCode: st.exitCode };
        }
      }
      const end = await fail(check.kind === 'unknown' && check.failure ? check.failure.message : 'the log stream ended while the container still runs');
      if (end) return end;
    }
    return { reason: 'stopped', message: lastError ? `Stopped (${lastError})` : 'Stopped' };
  }

  private deliver(raw: string[]): void {
    const out: StreamLine[] = [];
    for (const line of raw) {
      const { key, text } = splitTimestamp(line);
      const k = this.filter.accept(key, text);
      if (k !== undefined) out.push({ key: k, text });
    }
    if (out.length === 0) return;
    this.lineCount += out.length;
    this.o.onLines(out);
  }

  /** Reads one stream to its end; `clean` when the server ended it (not a reset or an abort). */
  private consume(res: IncomingMessage): Promise<{ clean: boolean; error?: string }> {
    this.current = res;
    const splitter = new LineSplitter(this.o.maxLineChars);
    const idleMs = this.o.idleCheckMs ?? 30_000;
    let last = Date.now();
    let checking = false;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (clean: boolean, error?: string): void => {
        if (settled) return;
        settled = true;
        clearInterval(idle);
        this.current = undefined;
        if (clean) {
          const tail = splitter.finish();
          if (tail !== undefined) this.deliver([tail]);
        }
        resolve(error === undefined ? { clean } : { clean, error });
      };
      // A silent stream whose container has ended (or whose pod is gone) is a dead connection: reopen.
      const idle = setInterval(
        () => {
          if (checking || Date.now() - last < idleMs) return;
          checking = true;
          void this.checkPod().then((c) => {
            checking = false;
            last = Date.now();
            const ended = c.kind === 'gone' || (c.kind === 'pod' && containerState(c.pod, this.o.container).kind !== 'running');
            if (ended && !settled) res.destroy(new Error('the log stream went silent after the container ended'));
          });
        },
        Math.max(10, Math.min(idleMs, 5_000)),
      );
      res.on('data', (chunk: Buffer) => {
        last = Date.now();
        const lines = splitter.push(chunk);
        if (lines.length > 0) this.deliver(lines);
      });
      res.on('end', () => finish(true));
      res.on('error', (e) => finish(false, e.message));
      res.on('close', () => finish(res.complete, res.complete ? undefined : 'the log stream was interrupted'));
    });
  }
}
