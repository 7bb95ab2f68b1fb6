// Shared fixtures of the client cluster tests: the emulator, a connection through the extension's own
// transport (the generated kubeconfig), polling with bounded timeouts.

import { startEmulator, type Emulator, type EmulatorOptions } from '../../cluster/index.js';
import { resources, type ResourceDef } from '../../cluster/emulator/resources.js';
import type { KubeObject } from '../../cluster/emulator/types.js';
import { KubeTransport } from '../../../client/src/cluster/transport';
import { RunsStore } from '../../../client/src/runs/runs-store';

export interface TestCluster {
  readonly emu: Emulator;
  readonly conn: KubeTransport;
}

export async function startTestCluster(opts: EmulatorOptions = {}): Promise<TestCluster> {
  const emu = await startEmulator(opts);
  try {
    const conn = KubeTransport.open({ files: [emu.kubeconfigPath], origin: 'setting' });
    return { emu, conn };
  } catch (e) {
    await emu.stop();
    throw e;
  }
}

export interface ClusterWithStore extends TestCluster {
  readonly store: RunsStore;
}

/** An emulator and a started, synced runs store on namespace argo (fast backoff for tests). */
export async function startClusterWithStore(): Promise<ClusterWithStore> {
  const c = await startTestCluster();
  const store = new RunsStore(c.conn, 'argo', { listWatch: { backoff: { initialMs: 20, maxMs: 200 } } });
  store.start();
  await store.workflowsLoop.whenSynced(5000);
  return { ...c, store };
}

export async function stopClusterWithStore(c: ClusterWithStore): Promise<void> {
  c.store.dispose();
  await c.emu.stop();
}

export function def(plural: string): ResourceDef {
  const d = resources.find((r) => r.plural === plural);
  if (!d) throw new Error(`no resource ${plural}`);
  return d;
}

/** Objects of a kind in the emulator's store, by namespace/name. */
export function emulatorObjects(emu: Emulator, plural: string, namespace = emu.namespace): Map<string, KubeObject> {
  return new Map(emu.store.list(def(plural), namespace).map((o) => [`${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`, o]));
}

/** Polls `check` until it returns a value other than undefined/false; throws with `what` after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000, everyMs = 10): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function tick(ms = 20): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
