/** The emulator as a Backend: real clock, the controller's requeue at 1 s like the real one's DEFAULT_REQUEUE_TIME. */
import type { Pod, Workflow } from '../../client/src/cluster';
import { startEmulator, type Emulator } from '../cluster/emulator/start.js';
import { resources, type ResourceDef } from '../cluster/emulator/resources.js';
import type { Backend, BehaviourSource, PodBehaviour } from './backend';
import { writeFileSync, readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const def = (plural: string): ResourceDef => resources.find((r) => r.plural === plural) as ResourceDef;

const FORBIDDEN_CONTEXT = 'argo-studio-emulator-forbidden';
const FORBIDDEN_TOKEN = 'forbidden-user-token';

/** Adds a context whose token the emulator knows but denies everything to. */
function addForbiddenContext(path: string, cluster: string): void {
  const k = parse(readFileSync(path, 'utf8')) as { users: object[]; contexts: object[] };
  k.users.push({ name: 'forbidden-user', user: { token: FORBIDDEN_TOKEN } });
  k.contexts.push({ name: FORBIDDEN_CONTEXT, context: { cluster, user: 'forbidden-user', namespace: 'argo' } });
  writeFileSync(path, stringify(k), { mode: 0o600 });
}

function toScript(b: PodBehaviour): Record<string, unknown> {
  return {
    ...(b.lines ? { lines: [...b.lines] } : {}),
    ...(b.exitCode !== undefined ? { exitCode: b.exitCode } : {}),
    ...(b.intervalMs !== undefined ? { intervalMs: b.intervalMs } : {}),
    ...(b.durationMs !== undefined ? { durationMs: b.durationMs } : {}),
    scheduleMs: b.scheduleMs ?? 0,
    admitMs: b.admitMs ?? 0,
    pendingMs: 200,
    initMs: 100,
  };
}

export async function startEmulatorBackend(): Promise<Backend> {
  const emu = await startEmulator({ clock: 'real', requeueMs: 1000 });
  emu.auth.addUserWithoutAccess(FORBIDDEN_TOKEN);
  addForbiddenContext(emu.kubeconfigPath, emu.contextName);
  return emulatorBackend(emu);
}

/** An emulator (real clock) as a Backend; stop() stops it. Its forbidden context exists when startEmulatorBackend made it. */
export function emulatorBackend(emu: Emulator): Backend {
  return {
    name: 'emulator',
    kubeconfigPath: emu.kubeconfigPath,
    context: emu.contextName,
    forbiddenContext: FORBIDDEN_CONTEXT,
    namespace: 'argo',
    script: (template: string, b: BehaviourSource) => emu.controller.script(template, (ctx) => toScript(typeof b === 'function' ? b(ctx.nodeName) : b)),
    workflow: async (name) => emu.store.get(def('workflows'), 'argo', name) as Workflow | undefined,
    workflows: async () => emu.store.list(def('workflows'), 'argo') as Workflow[],
    pods: async (wf) => emu.store.list(def('pods'), 'argo').filter((p) => p.metadata.labels?.['workflows.argoproj.io/workflow'] === wf) as Pod[],
    restartApiserver: (downtimeMs) => emu.restart({ downtimeMs }),
    stop: () => emu.stop(),
  };
}
