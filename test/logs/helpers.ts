/**
 * Shared helpers of the logs tests: an emulator with the cluster stack over its kubeconfig (a
 * KubeTransport, the pods of namespace argo in a PodIndex as the runs store keeps them, a LogSource
 * over the transport), waits, pods.
 */
import { kubeconfigSource, KubeTransport, PodIndex } from '../../client/src/cluster';
import { connectionLogSource, type LogSource } from '../../client/src/logs/log-source';
import { sessionPods, type SourceChoice } from '../../client/src/logs/source-provider';
import { startEmulator, type Emulator } from '../cluster/emulator/start.js';
import { resources, type ResourceDef } from '../cluster/emulator/resources.js';
import type { KubeObject } from '../cluster/emulator/types.js';

export const podDef = resources.find((r) => r.plural === 'pods') as ResourceDef;
export const wfDef = resources.find((r) => r.plural === 'workflows') as ResourceDef;

export interface LogEmulator {
  readonly emu: Emulator;
  readonly conn: KubeTransport;
  readonly source: LogSource;
  /** The pods of namespace argo (one list+watch, as the runs store's), started. */
  readonly pods: PodIndex;
  /** What the logs view resolves: this source and these pods. */
  readonly choice: SourceChoice;
  stop(): Promise<void>;
}

export async function startLogEmulator(opts: { tls?: boolean } = {}): Promise<LogEmulator> {
  const emu = await startEmulator({ tls: opts.tls ?? true });
  const conn = KubeTransport.open(kubeconfigSource(emu.kubeconfigPath, {}, undefined), undefined, 'argo', 5000);
  const source = connectionLogSource(conn, { bodyMs: 5000 });
  const pods = new PodIndex(conn, 'argo', { listWatch: { backoff: { initialMs: 20, maxMs: 200 } } });
  pods.start();
  const choice: SourceChoice = { source, namespace: 'argo', pods: (namespace, workflowName) => sessionPods(pods, conn, namespace, workflowName) };
  return {
    emu,
    conn,
    source,
    pods,
    choice,
    stop: async () => {
      pods.dispose();
      await emu.stop();
    },
  };
}

/** Real but short sleeps (retries in tests do not wait seconds). */
export const shortSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, Math.min(ms, 5));
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls until cond() holds (bounded). */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await tick(5);
  }
}

export function podsOf(emu: Emulator, workflow: string): KubeObject[] {
  return emu.store.list(podDef, 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === workflow);
}

/** A deterministic PRNG (mulberry32), so a failing random run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
