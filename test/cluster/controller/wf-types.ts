// The slice of Argo's Workflow types (pkg/apis/workflow/v1alpha1) that the simulator reads and writes.

import type { JsonObject, JsonValue } from '../emulator/types.js';

export interface Parameter {
  name: string;
  value?: string;
  default?: string;
  enum?: string[];
}

export interface Arguments {
  parameters?: Parameter[];
  artifacts?: JsonObject[];
}

export interface TemplateRef {
  name: string;
  template: string;
  clusterScope?: boolean;
}

export interface WorkflowStep {
  name: string;
  template?: string;
  templateRef?: TemplateRef;
  arguments?: Arguments;
  when?: string;
  withItems?: JsonValue[];
  withParam?: string;
  withSequence?: { count?: string | number; start?: string | number; end?: string | number; format?: string };
  continueOn?: { failed?: boolean; error?: boolean };
}

export interface DagTask extends WorkflowStep {
  dependencies?: string[];
  depends?: string;
}

export interface ContainerSpec {
  name?: string;
  image?: string;
  command?: string[];
  args?: string[];
  source?: string;
  [key: string]: JsonValue | undefined;
}

export interface Template {
  name: string;
  inputs?: { parameters?: Parameter[]; artifacts?: JsonObject[] };
  outputs?: { parameters?: (Parameter & { valueFrom?: JsonObject })[]; artifacts?: JsonObject[] };
  container?: ContainerSpec;
  script?: ContainerSpec;
  containerSet?: JsonObject;
  resource?: JsonObject;
  suspend?: { duration?: string };
  steps?: WorkflowStep[][];
  dag?: { tasks: DagTask[]; target?: string; failFast?: boolean };
  http?: JsonObject;
  data?: JsonObject;
  retryStrategy?: { limit?: string | number; retryPolicy?: string };
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface WorkflowSpec {
  entrypoint?: string;
  onExit?: string;
  /** Stop or Terminate (set by `argo stop` / `argo terminate`). */
  shutdown?: string;
  arguments?: Arguments;
  templates?: Template[];
  workflowTemplateRef?: { name: string; clusterScope?: boolean };
  serviceAccountName?: string;
  podMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export type NodePhase = 'Pending' | 'Running' | 'Succeeded' | 'Skipped' | 'Failed' | 'Error' | 'Omitted';
export type NodeType = 'Pod' | 'Container' | 'Steps' | 'StepGroup' | 'DAG' | 'TaskGroup' | 'Retry' | 'Skipped' | 'Suspend' | 'HTTP' | 'Plugin';

export interface NodeStatus {
  id: string;
  name: string;
  displayName: string;
  type: NodeType;
  templateName?: string;
  templateRef?: TemplateRef;
  templateScope?: string;
  phase: NodePhase;
  boundaryID?: string;
  message?: string;
  startedAt: string;
  finishedAt?: string | null;
  progress?: string;
  resourcesDuration?: Record<string, number>;
  inputs?: { parameters?: Parameter[] };
  outputs?: { exitCode?: string; result?: string; parameters?: Parameter[] };
  children?: string[];
  outboundNodes?: string[];
  hostNodeName?: string;
  nodeFlag?: { hooked?: boolean; retried?: boolean };
}

export type WorkflowPhase = '' | 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Error';

export function isFulfilled(p: NodePhase): boolean {
  return p === 'Succeeded' || p === 'Failed' || p === 'Error' || p === 'Skipped' || p === 'Omitted';
}

export function isCompleted(p: NodePhase): boolean {
  return p === 'Succeeded' || p === 'Failed' || p === 'Error';
}

export function failedOrError(p: NodePhase): boolean {
  return p === 'Failed' || p === 'Error';
}
