// The Pod the controller creates for a Pod node (workflow/controller/workflowpod.go): v2 name, labels,
// annotations, owner reference, `init` + `wait` + `main` containers (the legacy, default layout).

import type { KubeObject, OwnerReference } from '../emulator/types.js';
import { rfc3339 } from './nodes.js';
import type { ContainerSpec, Template } from './wf-types.js';

export const executorImage = 'quay.io/argoproj/argoexec:v4.1.2';
export const emulatorNodeName = 'argo-studio-emulator-node';

export interface PodSpecInput {
  wf: KubeObject;
  podName: string;
  nodeName: string;
  nodeId: string;
  tmpl: Template;
  onExit: boolean;
  now: number;
}

function executorArgs(cmd: string): string[] {
  return ['argoexec', cmd, '--loglevel', 'info', '--log-format', 'text'];
}

export function waitingStatus(name: string, image: string, reason: string, message?: string): Record<string, unknown> {
  return {
    name,
    image,
    imageID: '',
    ready: false,
    restartCount: 0,
    started: false,
    state: { waiting: message ? { reason, message } : { reason } },
    lastState: {},
  };
}

export function buildPod(p: PodSpecInput): KubeObject {
  const wfName = p.wf.metadata.name ?? '';
  const spec = (p.wf.spec ?? {}) as { serviceAccountName?: string; podMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  const c: ContainerSpec = p.tmpl.container ?? p.tmpl.script ?? { image: 'argoproj/argosay:v2' };
  const image = typeof c.image === 'string' ? c.image : 'argoproj/argosay:v2';
  const owner: OwnerReference = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    name: wfName,
    uid: p.wf.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
  const labels: Record<string, string> = {
    ...(spec.podMetadata?.labels ?? {}),
    ...(p.tmpl.metadata?.labels ?? {}),
    'workflows.argoproj.io/workflow': wfName,
    'workflows.argoproj.io/completed': 'false',
  };
  if (p.onExit) labels['workflows.argoproj.io/on-exit'] = 'true';
  const annotations: Record<string, string> = {
    ...(spec.podMetadata?.annotations ?? {}),
    ...(p.tmpl.metadata?.annotations ?? {}),
    'workflows.argoproj.io/node-name': p.nodeName,
    'workflows.argoproj.io/node-id': p.nodeId,
    'kubectl.kubernetes.io/default-container': 'main',
  };
  const userCommand = [...(c.command ?? []), ...(p.tmpl.script ? ['/argo/staging/script'] : [])];
  const mainCtr: Record<string, unknown> = {
    name: 'main',
    image,
    command: ['/var/run/argo/argoexec', 'emissary', '--loglevel', 'info', '--log-format', 'text', '--', ...userCommand],
    env: [{ name: 'ARGO_CONTAINER_NAME', value: 'main' }],
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
  if (c.args) mainCtr.args = c.args;
  const sidecar = (name: string, cmd: string): Record<string, unknown> => ({
    name,
    image: executorImage,
    command: executorArgs(cmd),
    env: [{ name: 'ARGO_CONTAINER_NAME', value: name }],
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  });
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: p.podName, namespace: p.wf.metadata.namespace, labels, annotations, ownerReferences: [owner] },
    spec: {
      restartPolicy: 'Never',
      serviceAccountName: spec.serviceAccountName ?? 'default',
      nodeName: emulatorNodeName,
      enableServiceLinks: false,
      initContainers: [sidecar('init', 'init')],
      containers: [sidecar('wait', 'wait'), mainCtr],
      volumes: [{ name: 'var-run-argo', emptyDir: {} }],
    },
    status: {
      phase: 'Pending',
      qosClass: 'BestEffort',
      hostIP: '10.89.0.2',
      startTime: rfc3339(p.now),
      conditions: [
        { type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(p.now) },
        {
          type: 'Initialized',
          status: 'False',
          reason: 'ContainersNotInitialized',
          message: 'containers with incomplete status: [init]',
          lastTransitionTime: rfc3339(p.now),
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status: [wait main]',
          lastTransitionTime: rfc3339(p.now),
        },
      ],
      initContainerStatuses: [waitingStatus('init', executorImage, 'ContainerCreating')],
      containerStatuses: [waitingStatus('wait', executorImage, 'ContainerCreating'), waitingStatus('main', image, 'ContainerCreating')],
    },
  };
  return JSON.parse(JSON.stringify(pod)) as KubeObject;
}

/** The pod before a scheduler bound it: no node, no container statuses, Pending. */
export function unscheduled(pod: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(pod)) as KubeObject & { spec: { nodeName?: string } };
  delete copy.spec.nodeName;
  copy.status = { phase: 'Pending', qosClass: 'BestEffort' };
  return copy;
}
