/**
 * One suite, two backends: the client tests that make sense against a real cluster run against the
 * API emulator (npm test) and against a real kube-apiserver + etcd + Argo controller with the fake
 * kubelet (npm run test:real-cluster), with the same assertions. A Backend is what those tests need
 * from either: a kubeconfig, how pods of a template behave, the server's own view for assertions,
 * and the faults both can do (apiserver restart, a user without permissions).
 */
import type { Pod, Workflow } from '../../client/src/cluster';
import type { KubeletScript } from '../real-cluster/kubelet/pod-script';

/** What the pods of one template do (both backends; unset fields come from the container's command). */
export type PodBehaviour = Pick<KubeletScript, 'lines' | 'exitCode' | 'intervalMs' | 'durationMs' | 'scheduleMs' | 'admitMs'>;

export type BehaviourSource = PodBehaviour | ((nodeName: string) => PodBehaviour);

export interface Backend {
  readonly name: 'emulator' | 'real cluster';
  readonly kubeconfigPath: string;
  /** The admin context (namespace `namespace`). */
  readonly context: string;
  /** A context whose user may not read workflows (403). */
  readonly forbiddenContext: string;
  readonly namespace: string;
  script(templateName: string, behaviour: BehaviourSource): void;
  /** The server's copy (undefined when gone). */
  workflow(name: string): Promise<Workflow | undefined>;
  /** Every Workflow of the namespace (the server's copies). */
  workflows(): Promise<Workflow[]>;
  pods(workflowName: string): Promise<Pod[]>;
  /** Stops the apiserver (connections refused for downtimeMs) and starts it again; the state is kept. */
  restartApiserver(downtimeMs: number): Promise<void>;
  stop(): Promise<void>;
}
