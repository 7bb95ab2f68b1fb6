/**
 * The slice of Kubernetes and Argo object shapes the client reads (JSON names). Everything is
 * optional: objects come from a server we do not control.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface KubeList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: T[];
}

/** metav1.Status, the body of every API error. */
export interface KubeStatus {
  kind?: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; retryAfterSeconds?: number; causes?: { reason?: string; message?: string; field?: string }[] };
}

export type WorkflowPhase = '' | 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';
export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Skipped' | 'Failed' | 'Error' | 'Omitted';
export type NodeType = 'Pod' | 'Container' | 'Steps' | 'StepGroup' | 'DAG' | 'TaskGroup' | 'Retry' | 'Skipped' | 'Suspend' | 'HTTP' | 'Plugin';

export interface Parameter {
  name: string;
  value?: string;
  default?: string;
  enum?: string[];
  description?: string;
  valueFrom?: JsonObject;
}

export interface NodeStatus {
  id: string;
  name: string;
  displayName?: string;
  type?: NodeType | string;
  templateName?: string;
  templateRef?: { name?: string; template?: string; clusterScope?: boolean };
  phase?: NodePhase | string;
  boundaryID?: string;
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  progress?: string;
  children?: string[];
  outboundNodes?: string[];
  podIP?: string;
  hostNodeName?: string;
  inputs?: { parameters?: Parameter[] };
  outputs?: { exitCode?: string; result?: string; parameters?: Parameter[]; artifacts?: Artifact[] };
}

/** Where an artifact is (the keys the logs panel reads to point at archived `main-logs`). */
export interface Artifact {
  name: string;
  s3?: { bucket?: string; key?: string; endpoint?: string };
  gcs?: { bucket?: string; key?: string };
  oss?: { bucket?: string; key?: string };
  azure?: { container?: string; blob?: string };
  hdfs?: { path?: string };
  http?: { url?: string };
  artifactory?: { url?: string };
  git?: { repo?: string };
}

export interface WorkflowSpec {
  entrypoint?: string;
  arguments?: { parameters?: Parameter[]; artifacts?: JsonObject[] };
  templates?: JsonObject[];
  workflowTemplateRef?: { name?: string; clusterScope?: boolean };
  serviceAccountName?: string;
  suspend?: boolean | null;
  shutdown?: string;
  [key: string]: unknown;
}

export interface WorkflowStatus {
  phase?: WorkflowPhase | string;
  startedAt?: string | null;
  finishedAt?: string | null;
  estimatedDuration?: number;
  progress?: string;
  message?: string;
  nodes?: Record<string, NodeStatus>;
  compressedNodes?: string;
  offloadNodeStatusVersion?: string;
  storedWorkflowTemplateSpec?: WorkflowSpec;
  conditions?: { type?: string; status?: string; message?: string }[];
}

export interface Workflow extends KubeObject {
  spec?: WorkflowSpec;
  status?: WorkflowStatus;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}
export interface ContainerStateTerminated {
  exitCode?: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}
export interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: { startedAt?: string };
  terminated?: ContainerStateTerminated;
}
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Pod extends KubeObject {
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[]; nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

/** Argo labels and annotations the client reads or writes. */
export const LABEL_WORKFLOW = 'workflows.argoproj.io/workflow';
export const LABEL_COMPLETED = 'workflows.argoproj.io/completed';
export const LABEL_PHASE = 'workflows.argoproj.io/phase';
export const LABEL_WORKFLOW_TEMPLATE = 'workflows.argoproj.io/workflow-template';
export const LABEL_CLUSTER_WORKFLOW_TEMPLATE = 'workflows.argoproj.io/cluster-workflow-template';
export const LABEL_CRON_WORKFLOW = 'workflows.argoproj.io/cron-workflow';
export const LABEL_RESUBMITTED_FROM = 'workflows.argoproj.io/resubmitted-from-workflow';
export const ANNOTATION_NODE_ID = 'workflows.argoproj.io/node-id';
export const ANNOTATION_NODE_NAME = 'workflows.argoproj.io/node-name';
/** Set by kubectl and Argo on pods with several containers (containerSet): the one to show. */
export const ANNOTATION_DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';
export const ANNOTATION_SCHEDULED_TIME = 'workflows.argoproj.io/scheduled-time';
/** Set by Argo Studio on what it submits: a hash of the workspace, and a hash of the local user. */
export const LABEL_SUBMITTED_FROM = 'argo-studio.io/workspace';
export const LABEL_SUBMITTER = 'argo-studio.io/submitter';

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
