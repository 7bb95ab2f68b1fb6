// startEmulator(): the in-process Kubernetes API emulator with the Argo controller simulator, a
// generated kubeconfig, fault injection, restart and stop. See test/cluster/README.md.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ManualClock, RealClock, type Clock } from '../controller/clock.js';
import { ControllerSimulator } from '../controller/simulator.js';
import type { ApiContext, RequestRecord } from './api-context.js';
import { Auth } from './auth.js';
import { generateCertificate, type Certificate } from './certs.js';
import { Faults } from './faults.js';
import { startGarbageCollector } from './garbage-collector.js';
import { HttpServer } from './http-server.js';
import { contextName, otherContextName, renderKubeconfig } from './kubeconfig.js';
import { LogStore } from './log-store.js';
import { resourceByKind, resources, type ResourceDef } from './resources.js';
import { ObjectStore } from './store.js';
import { StreamRegistry } from './streams.js';
import { isJsonObject, type KubeObject } from './types.js';

export interface EmulatorOptions {
  /** HTTPS with a fresh self-signed certificate (default true); false = plain http + insecure-skip-tls-verify. */
  tls?: boolean;
  port?: number;
  /** Minor version served at /version: the kubectl dispatcher runs that client (default '32'). */
  kubectlMinor?: string;
  /** 'manual' (default, tests drive it) or 'real' (wall clock, for the standalone server). */
  clock?: 'manual' | 'real';
  /** Start of the manual clock (ms since epoch; default 2025-01-01T00:00:00Z). */
  startTime?: number;
  /** Namespace of the default context (default 'argo'); the second context uses otherNamespace ('other'). */
  namespace?: string;
  otherNamespace?: string;
  /** Where to write the kubeconfig (default: in the emulator's temp dir). */
  kubeconfigPath?: string;
  bookmarkIntervalMs?: number;
  historyLimit?: number;
  /** The controller reconciles this long after a pod changes (default 0: at once; a real one waits for its requeue). */
  requeueMs?: number;
}

export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  readonly kubeconfigPath: string;
  readonly contextName: string;
  readonly otherContextName: string;
  readonly namespace: string;
  /** PEM of the server certificate (undefined for http). */
  readonly caPem: string | undefined;
  readonly tempDir: string;
  readonly clock: Clock;
  /** The manual clock (throws if the emulator runs on the real clock). */
  readonly manualClock: ManualClock;
  readonly store: ObjectStore;
  readonly logs: LogStore;
  readonly controller: ControllerSimulator;
  readonly faults: Faults;
  readonly auth: Auth;
  readonly requests: RequestRecord[];
  /** Creates objects from YAML/JSON text or objects (namespace defaults to the emulator's). */
  apply(input: string | KubeObject, namespace?: string): KubeObject[];
  /** Rotates the token: old clients get 401; rewrites the kubeconfig. */
  rotateToken(): string;
  /** Stops the listener (connections reset/refused), optionally waits, optionally starts a new resourceVersion epoch, listens again on the same port. */
  restart(opts?: { newEpoch?: boolean; downtimeMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const tempDir = mkdtempSync(join(tmpdir(), 'argo-emulator-'));
  const tls = opts.tls ?? true;
  const namespace = opts.namespace ?? 'argo';
  const otherNamespace = opts.otherNamespace ?? 'other';
  const manual = (opts.clock ?? 'manual') === 'manual';
  const clock: Clock = manual ? new ManualClock(opts.startTime) : new RealClock();
  const store = new ObjectStore({ now: () => clock.now(), historyLimit: opts.historyLimit });
  const logs = new LogStore();
  const streams = new StreamRegistry();
  const auth = new Auth();
  const faults = new Faults(store, streams);
  const requests: RequestRecord[] = [];
  let cert: Certificate | undefined;
  let server: HttpServer | undefined;
  try {
    cert = tls ? generateCertificate(tempDir) : undefined;
    const api: ApiContext = {
      store,
      logs,
      streams,
      faults,
      auth,
      requests,
      kubeMinor: opts.kubectlMinor ?? '32',
      bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 1000,
      address: () => `127.0.0.1:${server?.port ?? 0}`,
    };
    const nsDef = resources.find((r) => r.plural === 'namespaces') as ResourceDef;
    for (const ns of [...new Set(['default', 'kube-system', namespace, otherNamespace])]) {
      store.create(nsDef, undefined, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
    }
    startGarbageCollector(store);
    const controller = new ControllerSimulator(store, logs, clock, namespace);
    controller.requeueMs = opts.requeueMs ?? 0;
    server = new HttpServer(api, '127.0.0.1', cert);
    const port = await server.listen(opts.port ?? 0);
    const url = `${server.scheme}://127.0.0.1:${port}`;
    const kubeconfigPath = opts.kubeconfigPath ?? join(tempDir, 'kubeconfig.yaml');
    const writeKubeconfig = (): void =>
      writeFileSync(kubeconfigPath, renderKubeconfig({ server: url, token: auth.token, caPem: cert?.certPem, insecure: !tls, namespace, otherNamespace }), {
        mode: 0o600,
      });
    writeKubeconfig();
    const srv = server;
    let stopped = false;
    const emu: Emulator = {
      url,
      port,
      kubeconfigPath,
      contextName,
      otherContextName,
      namespace,
      tempDir,
      clock,
      store,
      logs,
      controller,
      faults,
      auth,
      requests,
      caPem: cert?.certPem,
      get token(): string {
        return auth.token;
      },
      get manualClock(): ManualClock {
        if (!(clock instanceof ManualClock)) throw new Error('the emulator runs on the real clock');
        return clock;
      },
      apply(input, ns) {
        const docs: unknown[] = typeof input === 'string' ? parseAllDocuments(input).map((d) => d.toJSON() as unknown) : [input];
        return docs.filter(isJsonObject).map((raw) => {
          const obj = raw as KubeObject;
          const d = resourceByKind(String(obj.kind));
          if (!d) throw new Error(`unsupported kind ${String(obj.kind)}`);
          return store.create(d, d.namespaced ? (ns ?? obj.metadata?.namespace ?? namespace) : undefined, obj);
        });
      },
      rotateToken() {
        const t = auth.rotateToken();
        writeKubeconfig();
        return t;
      },
      async restart(r = {}) {
        await srv.close();
        streams.destroyAll();
        if (r.downtimeMs) await new Promise((res) => setTimeout(res, r.downtimeMs));
        if (r.newEpoch) store.newEpoch();
        await srv.listen(port);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        controller.stop();
        if (clock instanceof RealClock) clock.dispose();
        streams.destroyAll();
        await srv.close();
        rmSync(tempDir, { recursive: true, force: true });
      },
    };
    return emu;
  } catch (e) {
    await server?.close();
    rmSync(tempDir, { recursive: true, force: true });
    throw e;
  }
}
