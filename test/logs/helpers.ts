/** Shared helpers of the logs tests: an emulator with a LogSource over its kubeconfig, waits, pods. */
import { KubeConfig } from '@kubernetes/client-node';
import { kubeConfigLogSource } from '../../client/src/logs/kubeconfig-source';
import type { LogSource } from '../../client/src/logs/log-source';
import { startEmulator, type Emulator } from '../cluster/emulator/start.js';
import { resources, type ResourceDef } from '../cluster/emulator/resources.js';
import type { KubeObject } from '../cluster/emulator/types.js';

export const podDef = resources.find((r) => r.plural === 'pods') as ResourceDef;
export const wfDef = resources.find((r) => r.plural === 'workflows') as ResourceDef;

export interface LogEmulator {
  readonly emu: Emulator;
  readonly source: LogSource;
  readonly kc: KubeConfig;
}

export async function startLogEmulator(opts: { tls?: boolean } = {}): Promise<LogEmulator> {
  const emu = await startEmulator({ tls: opts.tls ?? true });
  const kc = new KubeConfig();
  kc.loadFromFile(emu.kubeconfigPath);
  return { emu, kc, source: kubeConfigLogSource(kc, { headersMs: 5000, bodyMs: 5000 }) };
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
