/**
 * The life of one pod on the fake kubelet: bound (after scheduleMs) -> admitted (after admitMs; the
 * kubelet knows it, its logs are served) -> ContainerCreating -> Running (main prints its lines) ->
 * what Argo's wait container does (the WorkflowTaskResult with the outputs, then the label
 * report-outputs-completed=true) -> Succeeded/Failed with the container states. kill(signal) ends it
 * as a signalled container does (exit 128+signal).
 */
import type { LogStore } from '../../cluster/emulator/log-store';
import type { KubeClient } from '../kube-client';
import { conditions, containerStatus, now, type ContainerSpecJson, type ContainerStateJson } from './pod-status';
import type { PodFacts, ResolvedPodScript } from './pod-script';

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly nodeName: string | undefined;
  readonly containers: readonly ContainerSpecJson[];
  readonly initContainers: readonly ContainerSpecJson[];
}

export interface PodLifeDeps {
  readonly admin: KubeClient;
  readonly logs: LogStore;
  readonly nodeName: string;
  readonly podIp: string;
  /** The kubelet now serves this pod's logs. */
  readonly admitted: (pod: PodRef) => void;
}

const TASK_RESULTS = (ns: string): string => `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflowtaskresults`;

export class PodLife {
  private readonly ctl = new AbortController();
  private finished = false;
  private mainStartedAt = now();
  private started = false;

  constructor(
    private readonly pod: PodRef,
    private readonly facts: PodFacts,
    private readonly script: ResolvedPodScript,
    private readonly deps: PodLifeDeps,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ctl.signal.aborted) return reject(new Error('aborted'));
      const t = setTimeout(resolve, ms);
      this.ctl.signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
    });
  }

  private path(sub = ''): string {
    return `/api/v1/namespaces/${this.pod.namespace}/pods/${this.pod.name}${sub}`;
  }

  private async patchStatus(status: Record<string, unknown>): Promise<void> {
    await this.deps.admin.must('PATCH', this.path('/status'), { status }, { patch: 'merge' });
  }

  private statuses(list: readonly ContainerSpecJson[], state: (c: ContainerSpecJson) => ContainerStateJson): Record<string, unknown>[] {
    return list.map((c) => containerStatus(this.pod.uid, c, state(c)));
  }

  /** Runs the whole life; resolves when the pod has ended (or was disposed). */
  async run(): Promise<void> {
    try {
      await this.live();
    } catch (e) {
      if (!this.ctl.signal.aborted) throw e;
    }
  }

  private async live(): Promise<void> {
    const s = this.script;
    if (!this.pod.nodeName) {
      await this.sleep(s.scheduleMs);
      await this.deps.admin.must('POST', this.path('/binding'), {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: this.pod.name, namespace: this.pod.namespace },
        target: { apiVersion: 'v1', kind: 'Node', name: this.deps.nodeName },
      });
    }
    await this.sleep(s.admitMs);
    this.deps.admitted(this.pod);
    const creating = (): ContainerStateJson => ({ waiting: { reason: 'ContainerCreating' } });
    await this.patchStatus({
      phase: 'Pending',
      hostIP: '127.0.0.1',
      hostIPs: [{ ip: '127.0.0.1' }],
      startTime: now(),
      conditions: conditions({ initialized: false, ready: false }),
      initContainerStatuses: this.statuses(this.pod.initContainers, creating),
      containerStatuses: this.statuses(this.pod.containers, creating),
    });
    if (s.stuckReason !== undefined) {
      const stuck = (): ContainerStateJson => ({ waiting: { reason: s.stuckReason ?? '', message: `Back-off pulling image` } });
      await this.patchStatus({
        initContainerStatuses: this.statuses(this.pod.initContainers, stuck),
        containerStatuses: this.statuses(this.pod.containers, stuck),
      });
      return;
    }
    await this.sleep(s.pendingMs);
    const t = now();
    this.mainStartedAt = t;
    for (const c of [...this.pod.initContainers, ...this.pod.containers]) this.deps.logs.markStarted(this.pod.uid, c.name);
    for (const c of this.pod.initContainers) {
      this.deps.logs.append(this.pod.uid, c.name, 0, `time="${t}" level=info msg="Starting Workflow Executor" version=v4.0.5`, Date.now());
      this.deps.logs.end(this.pod.uid, c.name, 0);
    }
    await this.patchStatus({
      phase: 'Running',
      podIP: this.deps.podIp,
      podIPs: [{ ip: this.deps.podIp }],
      conditions: conditions({ initialized: true, ready: true }),
      initContainerStatuses: this.statuses(this.pod.initContainers, () => ({
        terminated: { exitCode: 0, reason: 'Completed', startedAt: t, finishedAt: t },
      })),
      containerStatuses: this.statuses(this.pod.containers, () => ({ running: { startedAt: t } })),
    });
    this.started = true;
    this.deps.logs.append(this.pod.uid, 'wait', 0, `time="${t}" level=info msg="Starting Workflow Executor" version=v4.0.5`, Date.now());
    const begin = Date.now();
    for (const line of s.lines) {
      this.deps.logs.append(this.pod.uid, 'main', 0, line, Date.now());
      await this.sleep(s.intervalMs);
    }
    await this.sleep(Math.max(0, s.durationMs - (Date.now() - begin)));
    await this.finish(s.exitCode);
  }

  /** A signal to the pod's containers (the controller's stop/terminate): main exits 128+signal. */
  async kill(signal: number): Promise<void> {
    if (this.finished) return;
    this.ctl.abort();
    if (!this.started) return;
    await this.finish(128 + signal);
  }

  /** The pod is gone (deleted): stop, end its logs. */
  dispose(): void {
    this.ctl.abort();
    this.finished = true;
    this.deps.logs.dropPod(this.pod.uid);
  }

  /** What Argo's wait container reports: outputs (parameters from files, the result), then completed=true. */
  private async reportOutputs(): Promise<void> {
    const f = this.facts;
    const declared = f.template.outputs?.parameters ?? [];
    const values = new Map(this.script.outputParameters.map((p) => [p.name, p.value]));
    const parameters = declared.map((p) => (values.has(p.name) ? { ...p, value: values.get(p.name) } : p));
    const result = this.script.stdout.replace(/\n$/, '');
    const outputs = {
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(f.includeScriptOutput ? { result } : {}),
    };
    const base = TASK_RESULTS(this.pod.namespace);
    await this.deps.admin.must(
      'POST',
      base,
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'WorkflowTaskResult',
        metadata: {
          name: f.nodeId,
          labels: { 'workflows.argoproj.io/workflow': f.workflowName, 'workflows.argoproj.io/report-outputs-completed': 'false' },
          ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', name: f.workflowName, uid: f.workflowUid }],
        },
        outputs,
      },
      { allow: [409] },
    );
    await this.deps.admin.must('PATCH', `${base}/${f.nodeId}`, { metadata: { labels: { 'workflows.argoproj.io/report-outputs-completed': 'true' } } });
  }

  private async finish(exitCode: number): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const t = now();
    this.deps.logs.end(this.pod.uid, 'main', 0);
    this.deps.logs.append(this.pod.uid, 'wait', 0, `time="${t}" level=info msg="Main container completed" error="<nil>"`, Date.now());
    await this.reportOutputs();
    this.deps.logs.end(this.pod.uid, 'wait', 0);
    const started = this.mainStartedAt;
    await this.patchStatus({
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      conditions: conditions({ initialized: true, ready: false }),
      containerStatuses: this.statuses(this.pod.containers, (c) => {
        const code = c.name === 'main' ? exitCode : 0;
        return { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: started, finishedAt: t } };
      }),
    });
  }
}
