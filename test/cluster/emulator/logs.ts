// GET /api/v1/namespaces/NS/pods/P/log: container, follow, timestamps, sinceTime, sinceSeconds, tailLines,
// limitBytes, previous; 400 while the container is waiting; the stream ends with the container or the pod.

import type { ApiContext } from './api-context.js';
import type { RequestContext } from './http-context.js';
import { parseLogOptions, streamLog } from './log-stream.js';
import { ApiError, badRequest, notFound } from './status.js';
import { getPath, isJsonObject, type JsonObject, type KubeObject } from './types.js';
import type { ResourceDef } from './resources.js';

function names(pod: KubeObject, key: 'containers' | 'initContainers'): string[] {
  const list = getPath(pod, `spec.${key}`);
  return Array.isArray(list) ? list.filter(isJsonObject).map((c) => String(c.name)) : [];
}

function containerStatus(pod: KubeObject, container: string): JsonObject | undefined {
  for (const key of ['status.initContainerStatuses', 'status.containerStatuses']) {
    const list = getPath(pod, key);
    if (!Array.isArray(list)) continue;
    const hit = list.filter(isJsonObject).find((c) => c.name === container);
    if (hit) return hit;
  }
  return undefined;
}

function pickContainer(pod: KubeObject, requested: string | null): string {
  const main = names(pod, 'containers');
  const init = names(pod, 'initContainers');
  const podName = pod.metadata.name ?? '';
  if (requested === null || requested === '') {
    if (main.length === 1) return main[0];
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${main.join(' ')}]`;
    if (init.length > 0) msg += ` or one of the init containers: [${init.join(' ')}]`;
    throw badRequest(msg);
  }
  if (!main.includes(requested) && !init.includes(requested)) throw badRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

export function handleLogs(api: ApiContext, ctx: RequestContext, podDef: ResourceDef, ns: string, podName: string): void {
  const pod = api.store.get(podDef, ns, podName);
  if (!pod) throw notFound('pods', '', podName);
  const o = parseLogOptions(ctx.query, api.store.now());
  const container = pickContainer(pod, o.container);
  // The apiserver has no node to ask for the log of a pod not bound yet: 204 No Content, no body.
  if (typeof getPath(pod, 'spec.nodeName') !== 'string' || getPath(pod, 'spec.nodeName') === '') {
    ctx.res.writeHead(204).end();
    return;
  }
  const uid = pod.metadata.uid ?? '';
  // A kubelet that has not admitted the pod yet answers 404, which the apiserver passes on.
  if (!api.logs.admitted(uid)) throw new ApiError(404, `the server could not find the requested resource ( pods/log ${podName})`, 'NotFound');

  const status = containerStatus(pod, container);
  const restartCount = typeof status?.restartCount === 'number' ? status.restartCount : 0;
  let instance = restartCount;
  if (o.previous) {
    if (restartCount === 0) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    instance = restartCount - 1;
  } else {
    const waiting = getPath(status, 'state.waiting.reason');
    if (status === undefined || getPath(status, 'state.waiting') !== undefined) {
      throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${typeof waiting === 'string' ? waiting : 'ContainerCreating'}`);
    }
  }
  streamLog(ctx.res, api.logs, { uid, container, instance }, o, (end) => api.streams.add({ kind: 'log', path: ctx.path, res: ctx.res, end }));
}
