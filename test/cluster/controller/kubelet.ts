// A simulated kubelet: moves a pod through ContainerCreating → init → Running → Succeeded/Failed on the
// controller's clock, writes the container logs, and offers log/restart hooks for fault tests.

import type { LogStore } from '../emulator/log-store.js';
import { resources, type ResourceDef } from '../emulator/resources.js';
import type { ObjectStore } from '../emulator/store.js';
import { getPath, isJsonObject, type JsonObject, type KubeObject } from '../emulator/types.js';
import type { Clock } from './clock.js';
import { rfc3339 } from './nodes.js';
import type { ResolvedScript } from './scripts.js';

export interface PodOutputs {
  exitCode: number;
  result?: string;
  parameters?: Record<string, string>;
}

const podDef = resources.find((r) => r.plural === 'pods') as ResourceDef;

function statuses(pod: KubeObject, key: 'initContainerStatuses' | 'containerStatuses'): JsonObject[] {
  const v = getPath(pod, `status.${key}`);
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

function containerId(uid: string, name: string, instance: number): string {
  return `containerd://${Buffer.from(`${uid}/${name}/${instance}`).toString('hex').slice(0, 64).padEnd(64, '0')}`;
}

export class Kubelet {
  private readonly timers = new Map<string, (() => void)[]>();
  private readonly outputs = new Map<string, PodOutputs>();
  private readonly scripts = new Map<string, ResolvedScript>();
  private podIpSeq = 10;

  constructor(
    private readonly store: ObjectStore,
    private readonly logs: LogStore,
    private readonly clock: Clock,
  ) {
    store.subscribe((ev) => {
      if (ev.def !== podDef || ev.type !== 'DELETED') return;
      const uid = ev.object.metadata.uid ?? '';
      for (const cancel of this.timers.get(uid) ?? []) cancel();
      this.timers.delete(uid);
      logs.dropPod(uid);
    });
  }

  outputsOf(uid: string): PodOutputs | undefined {
    return this.outputs.get(uid);
  }

  private at(uid: string, delay: number, fn: () => void): void {
    const list = this.timers.get(uid) ?? [];
    list.push(this.clock.setTimer(delay, fn));
    this.timers.set(uid, list);
  }

  private update(pod: KubeObject, fn: (p: KubeObject) => void): void {
    this.store.mutate(podDef, pod.metadata.namespace, pod.metadata.name ?? '', fn);
  }

  private setState(p: KubeObject, key: 'initContainerStatuses' | 'containerStatuses', name: string, state: JsonObject, ready: boolean): void {
    for (const c of statuses(p, key)) {
      if (c.name !== name) continue;
      c.state = state;
      c.ready = ready;
      c.started = state.running !== undefined;
      if (state.waiting === undefined) {
        c.imageID = `docker.io/library/${String(c.image)}@sha256:${'0'.repeat(64)}`;
        c.containerID = containerId(String(p.metadata.uid), name, typeof c.restartCount === 'number' ? c.restartCount : 0);
      }
    }
  }

  private condition(p: KubeObject, type: string, status: 'True' | 'False'): void {
    const conds = getPath(p, 'status.conditions');
    if (!Array.isArray(conds)) return;
    for (const c of conds.filter(isJsonObject)) {
      if (c.type !== type) continue;
      c.status = status;
      c.lastTransitionTime = rfc3339(this.clock.now());
      if (status === 'True') {
        delete c.reason;
        delete c.message;
      }
    }
  }

  /**
   * Starts the pod's life. Times are relative to now, on the controller's clock. A pod created unbound
   * (no spec.nodeName) is bound after `scheduleMs` (`bound` is the pod as it then is); the kubelet
   * admits it `admitMs` later.
   */
  run(pod: KubeObject, script: ResolvedScript, bound?: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    this.scripts.set(uid, script);
    const t0 = script.scheduleMs + script.admitMs;
    if (bound) {
      this.at(uid, script.scheduleMs, () =>
        this.update(pod, (p) => {
          p.spec = { ...(p.spec as JsonObject), nodeName: getPath(bound, 'spec.nodeName') as string };
          p.status = JSON.parse(JSON.stringify(bound.status)) as JsonObject;
        }),
      );
    }
    if (t0 > 0) {
      this.logs.hold(uid);
      this.at(uid, t0, () => this.logs.admit(uid));
    }
    const t1 = t0 + script.pendingMs;
    const t2 = t1 + script.initMs;
    const t3 = t2 + script.durationMs;
    const status = (p: KubeObject): JsonObject => p.status as JsonObject;
    if (script.stuckReason !== undefined) {
      const reason = script.stuckReason;
      this.at(uid, t1, () =>
        this.update(pod, (p) => {
          this.setState(p, 'initContainerStatuses', 'init', { waiting: { reason, message: `Back-off pulling image` } }, false);
        }),
      );
      return;
    }
    this.at(uid, t1, () => {
      this.update(pod, (p) => {
        this.setState(p, 'initContainerStatuses', 'init', { running: { startedAt: rfc3339(this.clock.now()) } }, false);
        for (const c of ['wait', 'main']) this.setState(p, 'containerStatuses', c, { waiting: { reason: 'PodInitializing' } }, false);
      });
      this.logs.append(uid, 'init', 0, `time="${rfc3339(this.clock.now())}" level=info msg="Starting Workflow Executor" version=v4.1.2`, this.clock.now());
    });
    this.at(uid, t2, () => {
      const now = rfc3339(this.clock.now());
      this.logs.append(uid, 'init', 0, `time="${now}" level=info msg="Alloc=7340 TotalAlloc=11230 Sys=23109 NumGC=3 Goroutines=4"`, this.clock.now());
      this.logs.end(uid, 'init', 0);
      this.update(pod, (p) => {
        const started = statuses(p, 'initContainerStatuses').find((c) => c.name === 'init');
        const initStart = String(getPath(started, 'state.running.startedAt') ?? now);
        this.setState(p, 'initContainerStatuses', 'init', { terminated: { exitCode: 0, reason: 'Completed', startedAt: initStart, finishedAt: now } }, false);
        for (const c of ['wait', 'main']) this.setState(p, 'containerStatuses', c, { running: { startedAt: now } }, true);
        const s = status(p);
        s.phase = 'Running';
        s.podIP = `10.244.0.${this.podIpSeq}`;
        s.podIPs = [{ ip: `10.244.0.${this.podIpSeq++}` }];
        this.condition(p, 'Initialized', 'True');
        this.condition(p, 'Ready', 'True');
      });
      this.logs.append(uid, 'wait', 0, `time="${now}" level=info msg="Starting Workflow Executor" version=v4.1.2`, this.clock.now());
    });
    script.lines.forEach((line, i) => {
      const when = t2 + i * script.intervalMs;
      if (when <= t3) this.at(uid, when, () => this.logs.append(uid, 'main', 0, line, this.clock.now()));
    });
    this.at(uid, t3, () => this.end(pod, script, script.exitCode));
  }

  /** main exits with exitCode (wait with 0): outputs kept, logs ended, pod Succeeded/Failed. */
  private end(pod: KubeObject, script: ResolvedScript, exitCode: number): void {
    const uid = pod.metadata.uid ?? '';
    const now = rfc3339(this.clock.now());
    this.outputs.set(uid, {
      exitCode,
      result: script.result ?? script.lines.join('\n'),
      ...(script.outputParameters !== undefined ? { parameters: script.outputParameters } : {}),
    });
    this.logs.append(uid, 'wait', 0, `time="${now}" level=info msg="Main container completed" error="<nil>"`, this.clock.now());
    this.logs.end(uid, 'main', 0);
    this.logs.end(uid, 'wait', 0);
    this.update(pod, (p) => {
      for (const name of ['wait', 'main']) {
        const c = statuses(p, 'containerStatuses').find((x) => x.name === name);
        const startedAt = String(getPath(c, 'state.running.startedAt') ?? now);
        const code = name === 'main' ? exitCode : 0;
        this.setState(
          p,
          'containerStatuses',
          name,
          { terminated: { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt, finishedAt: now } },
          false,
        );
      }
      (p.status as JsonObject).phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      this.condition(p, 'Ready', 'False');
    });
    for (const cancel of this.timers.get(uid) ?? []) cancel();
    this.timers.delete(uid);
  }

  /**
   * The controller's stop/terminate (it execs `kill -15 1` into the running containers): main exits
   * 143. A pod that has not started yet is deleted, as the controller does with pending pods.
   */
  terminate(pod: KubeObject): void {
    const uid = pod.metadata.uid ?? '';
    const script = this.scripts.get(uid);
    if (!this.timers.has(uid) || !script) return;
    const phase = getPath(pod, 'status.phase');
    if (phase === 'Running') this.end(pod, script, 143);
    else this.store.delete(podDef, pod.metadata.namespace, pod.metadata.name ?? '');
  }

  /** Appends lines to a running container's log (bursts share one timestamp when sameTime is set). */
  appendLog(namespace: string, podName: string, container: string, lines: string[], opts: { spacingMs?: number } = {}): void {
    const pod = this.store.mustGet(podDef, namespace, podName);
    const uid = pod.metadata.uid ?? '';
    const restart = statuses(pod, 'containerStatuses').find((c) => c.name === container)?.restartCount;
    const instance = typeof restart === 'number' ? restart : 0;
    lines.forEach((line, i) => this.logs.append(uid, container, instance, line, this.clock.now() + i * (opts.spacingMs ?? 0)));
  }

  /** Restarts a container (restartCount+1): its old log becomes the `previous=true` log. */
  restartContainer(namespace: string, podName: string, container: string): void {
    const pod = this.store.mustGet(podDef, namespace, podName);
    const uid = pod.metadata.uid ?? '';
    const cur = statuses(pod, 'containerStatuses').find((c) => c.name === container);
    const instance = typeof cur?.restartCount === 'number' ? cur.restartCount : 0;
    this.logs.end(uid, container, instance);
    const now = rfc3339(this.clock.now());
    this.update(pod, (p) => {
      const c = statuses(p, 'containerStatuses').find((x) => x.name === container);
      if (!c) return;
      c.lastState = { terminated: { exitCode: 137, reason: 'Error', startedAt: String(getPath(c, 'state.running.startedAt') ?? now), finishedAt: now } };
      c.restartCount = instance + 1;
      c.state = { running: { startedAt: now } };
      c.containerID = containerId(uid, container, instance + 1);
    });
  }

  stop(): void {
    for (const list of this.timers.values()) for (const cancel of list) cancel();
    this.timers.clear();
  }
}
