import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions } from '../core/analyze';
import type { IndexedWorkflowTemplate } from '../core/workspace/template-summary';
import type { AnalysisJob, AnalysisOutcome } from './analysis-protocol';
import { WORKER_ROLE } from './analysis-protocol';

export interface RunnerOptions {
  /** Script of the worker (the server bundle itself). */
  readonly script: string;
  /** A job running longer than this is abandoned and the worker restarted. */
  readonly timeoutMs: number;
  readonly log: (message: string) => void;
  /** The workspace's templates and their version (sent to the worker when the version changes). */
  readonly workspace?: () => { readonly version: number; readonly entries: () => readonly IndexedWorkflowTemplate[] };
}

interface Pending {
  readonly job: AnalysisJob;
  readonly resolve: (o: AnalysisOutcome | undefined) => void;
}

/**
 * Runs analyses in one worker thread, one at a time. For each document only the newest request
 * waits: an older queued one resolves `undefined` (superseded). A job over the time limit gets
 * an error outcome and the worker is replaced, so a pathological input never wedges the server.
 */
export class AnalysisRunner {
  private worker: Worker | undefined;
  private running: (Pending & { timer: NodeJS.Timeout }) | undefined;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private disposed = false;
  private sentWorkspace = -1;

  constructor(private readonly options: RunnerOptions) {}

  analyze(uri: string, version: number, text: string, options: Omit<AnalyzeOptions, 'workspace'>): Promise<AnalysisOutcome | undefined> {
    return new Promise((resolve) => {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if (this.queue[i].job.uri === uri) {
          this.queue[i].resolve(undefined);
          this.queue.splice(i, 1);
        }
      }
      this.queue.push({ job: { id: this.nextId++, uri, version, text, options }, resolve });
      this.pump();
    });
  }

  /** Starts the worker ahead of the first document, so opening a file does not pay for it. */
  warm(): void {
    if (!this.disposed) void this.analyze('warmup:', 0, warmupText(), {});
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.queue.splice(0)) p.resolve(undefined);
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.resolve(undefined);
      this.running = undefined;
    }
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A small young generation keeps the worker's peak memory down (parsing makes much short-lived garbage).
    const w = new Worker(this.options.script, { workerData: { role: WORKER_ROLE }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.sentWorkspace = -1;
    w.on('message', (o: AnalysisOutcome) => this.finish(o));
    w.on('error', (e) => {
      this.options.log(`argo-studio: analysis worker failed: ${e.message}`);
      this.replaceWorker(`analysis failed: ${e.message}`);
    });
    w.on('exit', () => {
      if (this.worker === w) this.replaceWorker('analysis worker exited');
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.queue.shift();
    if (!next) return;
    const timer = setTimeout(() => {
      this.options.log(`argo-studio: analysis of ${next.job.uri} took over ${this.options.timeoutMs} ms; abandoned`);
      this.replaceWorker(`analysis took longer than ${Math.round(this.options.timeoutMs / 1000)} s and was stopped`);
    }, this.options.timeoutMs);
    this.running = { ...next, timer };
    const worker = this.ensureWorker();
    const ws = this.options.workspace?.();
    let job = next.job;
    if (ws && ws.version !== this.sentWorkspace) {
      job = { ...job, workspace: { version: ws.version, entries: ws.entries() } };
      this.sentWorkspace = ws.version;
    }
    worker.postMessage(job);
  }

  private finish(o: AnalysisOutcome): void {
    const r = this.running;
    if (!r || r.job.id !== o.id) return;
    clearTimeout(r.timer);
    this.running = undefined;
    r.resolve(o);
    this.pump();
  }

  private replaceWorker(reason: string): void {
    const r = this.running;
    const w = this.worker;
    this.worker = undefined;
    this.running = undefined;
    if (w) void w.terminate();
    if (r) {
      clearTimeout(r.timer);
      r.resolve({ id: r.job.id, uri: r.job.uri, version: r.job.version, findings: [], hasArgo: false, elapsedMs: this.options.timeoutMs, error: reason });
    }
    this.pump();
  }
}

/** A small but complete workflow: analysing it once compiles the hot paths before the first real file. */
function warmupText(): string {
  const tasks: string[] = [];
  for (let i = 0; i < 40; i++) {
    tasks.push(`          - name: t${i}
            template: work
            ${i > 0 ? `dependencies: [t${i - 1}]` : ''}
            arguments:
              parameters: [{name: m, value: "{{workflow.parameters.p}} ${i > 0 ? `{{tasks.t${i - 1}.outputs.result}}` : ''}"}]`);
  }
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: warmup-
spec:
  entrypoint: main
  arguments:
    parameters: [{name: p, value: x}]
  templates:
    - name: main
      dag:
        tasks:
${tasks.join('\n')}
    - name: work
      inputs: {parameters: [{name: m}]}
      container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
`;
}
