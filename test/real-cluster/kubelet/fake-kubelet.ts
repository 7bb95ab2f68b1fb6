/**
 * Our own kubelet for the real cluster (there is no container runtime): registers a Node, binds the
 * pods (there is no scheduler), runs each pod's PodLife (scripted per template by the test, else from
 * its command), serves `/containerLogs` over HTTPS (the apiserver proxies `pods/log` here: an unknown
 * pod gets 404), answers the controller's `kill` execs (stop/terminate) by ending the pod, completes
 * graceful deletions, and deletes pods whose Workflow is gone (there is no garbage collector).
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { LogStore } from '../../cluster/emulator/log-store';
import { parseLogOptions, streamLog } from '../../cluster/emulator/log-stream';
import { ApiError } from '../../cluster/emulator/status';
import type { KubeClient } from '../kube-client';
import { PodLife, type PodRef } from './pod-life';
import { podFacts, resolvePodScript, type KubeletScript, type PodFacts } from './pod-script';
import type { ContainerSpecJson } from './pod-status';

export interface FakeKubeletOptions {
  readonly admin: KubeClient;
  readonly namespaces: readonly string[];
  readonly certPem: string;
  readonly keyPem: string;
  readonly nodeName?: string;
  /** How often the pods and workflows are listed (default 100 ms). */
  readonly pollMs?: number;
}

interface PodJson {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind: string; name: string; uid: string }[];
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec: { nodeName?: string; containers?: ContainerSpecJson[]; initContainers?: ContainerSpecJson[] };
  status?: { phase?: string };
}

export interface ExecRecord {
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  readonly command: readonly string[];
}

type ScriptSource = KubeletScript | ((facts: PodFacts) => KubeletScript);

/** The signal of a kill command (`kill -15 1`, `argoexec kill 15 1`), or undefined. */
export function killSignal(command: readonly string[]): number | undefined {
  const text = command.join(' ');
  const m = /\bkill\s+-?(\d+)\b/.exec(text) ?? /\bkill\s+-(?:SIG)?(TERM|KILL)\b/.exec(text);
  if (!m) return undefined;
  return m[1] === 'TERM' ? 15 : m[1] === 'KILL' ? 9 : Number(m[1]);
}

export class FakeKubelet {
  readonly nodeName: string;
  readonly logs = new LogStore();
  readonly execs: ExecRecord[] = [];
  private readonly lives = new Map<string, PodLife>();
  private readonly admittedPods = new Map<string, string>();
  private readonly deleting = new Set<string>();
  private readonly scripts = new Map<string, ScriptSource>();
  private server: Server | undefined;
  private port = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private ipSeq = 10;
  /** Errors of pod lives (a failed PATCH...), for test diagnostics. */
  readonly errors: string[] = [];

  constructor(private readonly o: FakeKubeletOptions) {
    this.nodeName = o.nodeName ?? 'fake-node';
  }

  /** What pods of this template do (replaces the behaviour read from their command). */
  script(templateName: string, s: ScriptSource): void {
    this.scripts.set(templateName, s);
  }

  clearScripts(): void {
    this.scripts.clear();
  }

  async start(): Promise<void> {
    this.server = createServer({ cert: this.o.certPem, key: this.o.keyPem }, (req, res) => this.handle(req, res));
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex) => this.exec(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const a = this.server.address();
    this.port = typeof a === 'object' && a ? a.port : 0;
    await this.register();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const l of this.lives.values()) l.dispose();
    this.lives.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async register(): Promise<void> {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: this.nodeName, labels: { 'kubernetes.io/hostname': this.nodeName } },
    };
    await this.o.admin.must('POST', '/api/v1/nodes', node, { allow: [409] });
    const t = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await this.o.admin.must('PATCH', `/api/v1/nodes/${this.nodeName}/status`, {
      status: {
        addresses: [
          { type: 'InternalIP', address: '127.0.0.1' },
          { type: 'Hostname', address: this.nodeName },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: this.port } },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'fake kubelet', lastHeartbeatTime: t, lastTransitionTime: t }],
        capacity: { cpu: '8', memory: '16Gi', pods: '110' },
        allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.35.4', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64' },
      },
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick()
        .catch((e: unknown) => this.errors.push(String(e)))
        .finally(() => this.schedule());
    }, this.o.pollMs ?? 100);
  }

  private async tick(): Promise<void> {
    for (const ns of this.o.namespaces) {
      const r = await this.o.admin.request('GET', `/api/v1/namespaces/${ns}/pods`).catch(() => undefined);
      const w = await this.o.admin.request('GET', `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflows`).catch(() => undefined);
      if (r?.status !== 200 || w?.status !== 200 || this.stopped) continue;
      const pods = (r.body as { items: PodJson[] }).items;
      const workflows = new Set((w.body as { items: { metadata: { uid: string } }[] }).items.map((x) => x.metadata.uid));
      const seen = new Set<string>();
      for (const p of pods) {
        seen.add(p.metadata.uid);
        const owner = p.metadata.ownerReferences?.find((o) => o.kind === 'Workflow');
        if (p.metadata.deletionTimestamp !== undefined) void this.forceDelete(p);
        else if (owner && !workflows.has(owner.uid)) void this.deletePod(p, undefined);
        else if (!this.lives.has(p.metadata.uid)) this.begin(p);
      }
      for (const [uid, life] of this.lives) {
        if (!seen.has(uid) && this.lifeNamespace.get(uid) === ns) {
          life.dispose();
          this.lives.delete(uid);
          this.admittedPods.forEach((v, k) => v === uid && this.admittedPods.delete(k));
        }
      }
    }
  }

  private readonly lifeNamespace = new Map<string, string>();

  private begin(p: PodJson): void {
    const facts = podFacts(p);
    const src = this.scripts.get(facts.templateName);
    const given = typeof src === 'function' ? src(facts) : src;
    const ref: PodRef = {
      namespace: p.metadata.namespace,
      name: p.metadata.name,
      uid: p.metadata.uid,
      nodeName: p.spec.nodeName,
      containers: p.spec.containers ?? [],
      initContainers: p.spec.initContainers ?? [],
    };
    const life = new PodLife(ref, facts, resolvePodScript(facts, given), {
      admin: this.o.admin,
      logs: this.logs,
      nodeName: this.nodeName,
      podIp: `10.244.0.${this.ipSeq++ % 250}`,
      admitted: (pod) => this.admittedPods.set(`${pod.namespace}/${pod.name}`, pod.uid),
    });
    this.lives.set(p.metadata.uid, life);
    this.lifeNamespace.set(p.metadata.uid, p.metadata.namespace);
    void life.run().catch((e: unknown) => this.errors.push(`${p.metadata.name}: ${String(e)}`));
  }

  private async deletePod(p: PodJson, gracePeriodSeconds: number | undefined): Promise<void> {
    const key = `${p.metadata.uid}/${gracePeriodSeconds ?? 'default'}`;
    if (this.deleting.has(key)) return;
    this.deleting.add(key);
    await this.o.admin
      .request('DELETE', `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`, {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
        preconditions: { uid: p.metadata.uid },
      })
      .catch(() => undefined);
  }

  /** A graceful deletion waits for the kubelet: end the containers, then delete for good. */
  private async forceDelete(p: PodJson): Promise<void> {
    const life = this.lives.get(p.metadata.uid);
    if (life && !life.done) await life.kill(15).catch(() => undefined);
    await this.deletePod(p, 0);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const text = (code: number, body: string): void => {
      res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
    };
    if (!m) {
      if (url.pathname.startsWith('/exec/')) this.recordExec(url);
      return text(404, '404 page not found');
    }
    const [ns, pod, container] = m.slice(1).map(decodeURIComponent);
    const uid = this.admittedPods.get(`${ns}/${pod}`);
    if (uid === undefined) return text(404, `pod "${pod}" not found`);
    try {
      const o = parseLogOptions(url.searchParams, Date.now());
      if (!this.logs.started(uid, container)) return text(400, `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating`);
      if (o.previous) return text(400, `previous terminated container "${container}" in pod "${pod}" not found`);
      streamLog(res, this.logs, { uid, container, instance: 0 }, o);
    } catch (e) {
      text(e instanceof ApiError ? e.code : 500, e instanceof Error ? e.message : String(e));
    }
  }

  private recordExec(url: URL): ExecRecord | undefined {
    const m = /^\/exec\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!m) return undefined;
    const [namespace, pod, container] = m.slice(1).map(decodeURIComponent);
    const rec: ExecRecord = { namespace, pod, container, command: url.searchParams.getAll('command') };
    this.execs.push(rec);
    const sig = killSignal(rec.command);
    const uid = this.admittedPods.get(`${namespace}/${pod}`);
    const life = uid === undefined ? undefined : this.lives.get(uid);
    if (sig !== undefined && life) void life.kill(sig).catch((e: unknown) => this.errors.push(String(e)));
    return rec;
  }

  /** `exec` arrives as an upgrade (SPDY/WebSocket): do what the command would, then refuse the stream. */
  private exec(req: IncomingMessage, socket: Duplex): void {
    this.recordExec(new URL(req.url ?? '/', 'https://127.0.0.1'));
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nexec is not supported by the fake kubelet');
  }
}
