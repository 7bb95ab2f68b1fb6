/** Pod status documents as a kubelet writes them (merge patches of `pods/NAME/status`). */

export interface ContainerSpecJson {
  readonly name: string;
  readonly image?: string;
}

export type ContainerStateJson =
  | { readonly waiting: { readonly reason: string; readonly message?: string } }
  | { readonly running: { readonly startedAt: string } }
  | { readonly terminated: { readonly exitCode: number; readonly reason: string; readonly startedAt: string; readonly finishedAt: string } };

export const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export function containerStatus(uid: string, c: ContainerSpecJson, state: ContainerStateJson): Record<string, unknown> {
  const started = 'waiting' in state ? {} : { containerID: `containerd://${Buffer.from(`${uid}/${c.name}`).toString('hex').slice(0, 64)}` };
  return {
    name: c.name,
    image: c.image ?? 'unknown',
    imageID: 'waiting' in state ? '' : `docker.io/library/${c.image ?? 'unknown'}@sha256:${'0'.repeat(64)}`,
    ready: 'running' in state,
    restartCount: 0,
    started: 'running' in state,
    state,
    ...started,
  };
}

export function conditions(o: { initialized: boolean; ready: boolean }): Record<string, unknown>[] {
  const t = now();
  const c = (type: string, ok: boolean): Record<string, unknown> => ({ type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t });
  return [c('PodReadyToStartContainers', true), c('Initialized', o.initialized), c('Ready', o.ready), c('ContainersReady', o.ready), c('PodScheduled', true)];
}
