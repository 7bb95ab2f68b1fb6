// operator.go operate(): first-seen setup (workflowTemplateRef, validation → `invalid spec: ...`),
// the entrypoint, the exit handler (`<wf>.onExit`), the workflow phase/labels/conditions, and persisting.

import { resources, type ResourceDef } from '../emulator/resources.js';
import type { KubeObject } from '../emulator/types.js';
import { rfc3339 } from './nodes.js';
import { Operation, type OperatorDeps, type TemplateContext } from './operation.js';
import type { Scope } from './substitute.js';
import { validateWorkflow } from './validate.js';
import { failedOrError, isFulfilled, type NodeStatus, type Parameter, type WorkflowPhase, type WorkflowSpec } from './wf-types.js';

const def = (plural: string): ResourceDef => resources.find((r) => r.plural === plural) as ResourceDef;

interface WorkflowStatus {
  phase?: WorkflowPhase;
  startedAt?: string | null;
  finishedAt?: string | null;
  progress?: string;
  message?: string;
  nodes?: Record<string, NodeStatus>;
  storedWorkflowTemplateSpec?: WorkflowSpec;
  conditions?: { type: string; status: string }[];
  resourcesDuration?: Record<string, number>;
  [key: string]: unknown;
}

export function isFinished(wf: KubeObject): boolean {
  const phase = (wf.status as WorkflowStatus | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
}

/** Joins a WorkflowTemplate's spec under the workflow's own (the workflow wins; parameters merge by name). */
function joinSpec(own: WorkflowSpec, tmpl: WorkflowSpec): WorkflowSpec {
  const { workflowTemplateRef: _ref, ...rest } = own;
  const params: Parameter[] = [...(tmpl.arguments?.parameters ?? [])];
  for (const p of own.arguments?.parameters ?? []) {
    const i = params.findIndex((x) => x.name === p.name);
    if (i >= 0) params[i] = { ...params[i], ...p };
    else params.push(p);
  }
  return { ...tmpl, ...rest, arguments: { ...(tmpl.arguments ?? {}), ...(own.arguments ?? {}), parameters: params } };
}

function globalScope(wf: KubeObject, spec: WorkflowSpec): Scope {
  const scope: Scope = {
    'workflow.name': wf.metadata.name ?? '',
    'workflow.namespace': wf.metadata.namespace ?? '',
    'workflow.uid': wf.metadata.uid ?? '',
    'workflow.serviceAccountName': spec.serviceAccountName ?? 'default',
    'workflow.creationTimestamp': wf.metadata.creationTimestamp ?? '',
    'workflow.mainEntrypoint': spec.entrypoint ?? '',
  };
  for (const p of spec.arguments?.parameters ?? []) scope[`workflow.parameters.${p.name}`] = p.value ?? p.default ?? '';
  for (const [k, v] of Object.entries(wf.metadata.labels ?? {})) scope[`workflow.labels.${k}`] = v;
  for (const [k, v] of Object.entries(wf.metadata.annotations ?? {})) scope[`workflow.annotations.${k}`] = v;
  return scope;
}

function finish(wf: KubeObject, status: WorkflowStatus, phase: WorkflowPhase, message: string | undefined, now: number): void {
  status.phase = phase;
  status.finishedAt = rfc3339(now);
  if (message) status.message = message;
  status.conditions = [
    { type: 'PodRunning', status: 'False' },
    { type: 'Completed', status: 'True' },
  ];
  wf.metadata.labels = { ...(wf.metadata.labels ?? {}), 'workflows.argoproj.io/phase': phase, 'workflows.argoproj.io/completed': 'true' };
}

/** One reconcile of one workflow; writes the new status to the store. */
export function reconcile(deps: OperatorDeps, name: string, namespace: string): void {
  const wfDef = def('workflows');
  const wf = deps.store.get(wfDef, namespace, name);
  if (!wf || isFinished(wf)) return;
  const now = deps.clock.now();
  const status: WorkflowStatus = { ...((wf.status as WorkflowStatus | undefined) ?? {}) };
  let spec = (wf.spec ?? {}) as WorkflowSpec;
  if (spec.workflowTemplateRef) {
    const ref = spec.workflowTemplateRef;
    const d = def(ref.clusterScope ? 'clusterworkflowtemplates' : 'workflowtemplates');
    const stored =
      status.storedWorkflowTemplateSpec ??
      ((deps.store.get(d, ref.clusterScope ? undefined : namespace, ref.name)?.spec ?? undefined) as WorkflowSpec | undefined);
    if (!stored) {
      status.startedAt = status.startedAt ?? rfc3339(now);
      finish(wf, status, 'Error', `${d.plural}.argoproj.io "${ref.name}" not found`, now);
      wf.status = status as KubeObject['status'];
      deps.store.update(wfDef, namespace, name, wf);
      return;
    }
    status.storedWorkflowTemplateSpec = stored;
    spec = joinSpec(spec, stored);
  }
  if (!status.phase) {
    status.startedAt = rfc3339(now);
    status.finishedAt = null;
    const invalid = validateWorkflow(spec);
    if (invalid) {
      status.progress = '0/0';
      finish(wf, status, 'Failed', `invalid spec: ${invalid}`, now);
      wf.status = status as KubeObject['status'];
      deps.store.update(wfDef, namespace, name, wf);
      return;
    }
    status.phase = 'Running';
    status.nodes = {};
    wf.metadata.labels = { ...(wf.metadata.labels ?? {}), 'workflows.argoproj.io/phase': 'Running', 'workflows.argoproj.io/completed': 'false' };
  }
  const nodes = JSON.parse(JSON.stringify(status.nodes ?? {})) as Record<string, NodeStatus>;
  const op = new Operation(deps, wf, nodes, globalScope(wf, spec));
  op.shutdown = spec.shutdown === 'Stop' || spec.shutdown === 'Terminate' ? spec.shutdown : undefined;
  const local: TemplateContext = { templates: spec.templates ?? [], scope: `local/${name}` };
  const root = op.executeTemplate(name, { template: spec.entrypoint }, local, spec.arguments, {});
  let done = false;
  if (isFulfilled(root.phase)) {
    let phase: WorkflowPhase = root.phase === 'Failed' ? 'Failed' : root.phase === 'Error' ? 'Error' : 'Succeeded';
    let message = failedOrError(root.phase) ? (op.shutdown ? `Stopped with strategy '${op.shutdown}'` : root.message) : undefined;
    let exitDone = true;
    if (spec.onExit && op.shutdown !== 'Terminate') {
      op.globals['workflow.status'] = phase;
      op.globals['workflow.duration'] = String((now - Date.parse(status.startedAt ?? rfc3339(now))) / 1000);
      const failures = Object.values(nodes)
        .filter((n) => failedOrError(n.phase) && n.type === 'Pod')
        .map((n) => ({
          displayName: n.displayName,
          message: n.message ?? '',
          templateName: n.templateName ?? '',
          phase: n.phase,
          podName: n.id,
          finishedAt: n.finishedAt ?? '',
        }));
      op.globals['workflow.failures'] = JSON.stringify(failures);
      const exit = op.executeTemplate(`${name}.onExit`, { template: spec.onExit }, local, spec.arguments, { onExit: true, nodeFlag: { hooked: true } });
      exitDone = isFulfilled(exit.phase);
      if (exitDone && failedOrError(exit.phase) && phase === 'Succeeded') {
        phase = exit.phase === 'Error' ? 'Error' : 'Failed';
        message = exit.message;
      }
    }
    if (exitDone) {
      done = true;
      status.progress = op.tree.updateProgress();
      finish(wf, status, phase, message, now);
    }
  }
  status.nodes = nodes;
  status.progress = op.tree.updateProgress();
  const podNodes = Object.values(nodes).filter((n) => n.type === 'Pod');
  status.resourcesDuration = podNodes.reduce<Record<string, number>>((acc, n) => {
    for (const [k, v] of Object.entries(n.resourcesDuration ?? {})) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {});
  if (!done) status.conditions = [{ type: 'PodRunning', status: podNodes.some((n) => n.phase === 'Running') ? 'True' : 'False' }];
  status.artifactRepositoryRef = { default: true, artifactRepository: {} };
  status.artifactGCStatus = { notSpecified: true };
  status.taskResultsCompletionStatus = Object.fromEntries(podNodes.filter((n) => isFulfilled(n.phase)).map((n) => [n.id, true]));
  wf.status = JSON.parse(JSON.stringify(status)) as KubeObject['status'];
  deps.store.update(wfDef, namespace, name, wf);
}
