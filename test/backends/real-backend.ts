/** The real cluster (kube-apiserver, etcd, Argo workflow-controller, our fake kubelet) as a Backend. */
import type { Pod, Workflow } from '../../client/src/cluster';
import { startRealCluster } from '../real-cluster/cluster';
import type { KubeletScript } from '../real-cluster/kubelet/pod-script';
import type { Backend, BehaviourSource, PodBehaviour } from './backend';

function toScript(b: PodBehaviour): KubeletScript {
  return {
    ...(b.lines ? { lines: b.lines } : {}),
    ...(b.exitCode !== undefined ? { exitCode: b.exitCode } : {}),
    ...(b.intervalMs !== undefined ? { intervalMs: b.intervalMs } : {}),
    ...(b.durationMs !== undefined ? { durationMs: b.durationMs } : {}),
    scheduleMs: b.scheduleMs ?? 0,
    admitMs: b.admitMs ?? 0,
    pendingMs: 300,
  };
}

export async function startRealBackend(): Promise<Backend> {
  const c = await startRealCluster({ keep: process.env.ARGO_STUDIO_KEEP_CLUSTER === '1' });
  const ns = c.namespace;
  return {
    name: 'real cluster',
    kubeconfigPath: c.kubeconfigPath,
    context: c.contexts.token,
    forbiddenContext: c.contexts.noRbac,
    namespace: ns,
    script: (template: string, b: BehaviourSource) => c.kubelet.script(template, (facts) => toScript(typeof b === 'function' ? b(facts.nodeName) : b)),
    workflow: async (name) => {
      const r = await c.admin.request('GET', `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflows/${name}`);
      return r.status === 200 ? (r.body as Workflow) : undefined;
    },
    workflows: async () => {
      const r = await c.admin.must('GET', `/apis/argoproj.io/v1alpha1/namespaces/${ns}/workflows`);
      return (r.body as { items: Workflow[] }).items;
    },
    pods: async (wf) => {
      const r = await c.admin.must('GET', `/api/v1/namespaces/${ns}/pods?labelSelector=${encodeURIComponent(`workflows.argoproj.io/workflow=${wf}`)}`);
      return (r.body as { items: Pod[] }).items;
    },
    restartApiserver: (downtimeMs) => c.restartApiserver(downtimeMs),
    stop: async () => {
      if (c.kubelet.errors.length > 0) console.error(`fake kubelet errors:\n${c.kubelet.errors.slice(0, 20).join('\n')}`);
      await c.stop();
    },
  };
}
