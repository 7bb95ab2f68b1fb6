import type { TemplateModel } from '../model/types';
import { resolveVariable, type VarScope } from '../variables/resolve';

export interface VariableCandidate {
  readonly name: string;
  readonly detail: string;
  /** Using it needs a new dependency (the quick fix adds it). */
  readonly needsDependency: boolean;
}

const POD_TYPES = new Set(['container', 'containerSet', 'script', 'resource', 'data']);

/** Every variable that resolves at a place (or only lacks a dependency), for completion after `{{`. */
export function variableCandidates(scope: VarScope): VariableCandidate[] {
  const raw: { name: string; detail: string }[] = [];
  const add = (name: string, detail: string): void => {
    raw.push({ name, detail });
  };
  const g = scope.globals;
  for (const n of ['name', 'namespace', 'uid', 'serviceAccountName', 'mainEntrypoint', 'status', 'creationTimestamp', 'duration'])
    add(`workflow.${n}`, 'workflow');
  if (g.hasPriority) add('workflow.priority', 'workflow');
  if (g.hasExitHandler) add('workflow.failures', 'JSON list of failed nodes (exit handlers)');
  for (const p of g.parameters ?? []) add(`workflow.parameters.${p}`, 'workflow parameter');
  for (const k of g.labels) add(`workflow.labels.${k}`, 'workflow label');
  for (const k of g.annotations) add(`workflow.annotations.${k}`, 'workflow annotation');
  for (const p of g.globalOutputs.parameters) add(`workflow.outputs.parameters.${p}`, 'global output parameter');
  for (const a of g.globalOutputs.artifacts) add(`workflow.outputs.artifacts.${a}`, 'global output artifact');
  const t: TemplateModel = scope.template;
  for (const p of t.inputs.parameters)
    if (p.name) add(`inputs.parameters.${p.name.value}`, `input parameter${p.default ? ` (default ${p.default.value})` : ''}`);
  for (const a of t.inputs.artifacts) if (a.name) add(`inputs.artifacts.${a.name.value}.path`, 'input artifact path');
  if (t.type && POD_TYPES.has(t.type)) add('pod.name', 'name of the pod');
  if (t.hasRetryStrategy) add('retries', 'retry number (0 first)');
  if (scope.call?.loop) {
    add('item', 'the current loop item');
    const items = scope.call.loop.node as { items?: { items?: { key?: { value?: unknown } }[] }[] };
    const keys = new Set<string>();
    for (const it of items.items ?? []) for (const p of it.items ?? []) if (p.key?.value !== undefined) keys.add(String(p.key.value));
    for (const k of keys) add(`item.${k}`, 'key of the loop item');
  }
  for (const [name, sib] of scope.siblings ?? []) {
    if (sib.call === scope.call) continue;
    const kind = scope.template.dag ? 'tasks' : 'steps';
    const base = `${kind}.${name}`;
    const target = sib.target;
    add(`${base}.status`, `${kind === 'tasks' ? 'task' : 'step'} phase`);
    add(`${base}.id`, 'node id');
    add(`${base}.startedAt`, 'start time');
    add(`${base}.finishedAt`, 'finish time');
    add(`${base}.outputs.result`, `standard output of ${target?.name ?? 'the template'}`);
    add(`${base}.exitCode`, 'exit code');
    for (const p of target?.outputParameters ?? []) add(`${base}.outputs.parameters.${p}`, `output parameter of ${target?.name ?? ''}`);
    for (const a of target?.outputArtifacts ?? []) add(`${base}.outputs.artifacts.${a}`, `output artifact of ${target?.name ?? ''}`);
    if (sib.call.loop) add(`${base}.outputs.parameters`, 'all output parameters of the loop (JSON)');
    if (target?.daemon) add(`${base}.ip`, 'IP of the daemon');
  }
  const out: VariableCandidate[] = [];
  const seen = new Set<string>();
  for (const c of raw) {
    if (seen.has(c.name)) continue;
    seen.add(c.name);
    const r = resolveVariable(c.name, scope);
    if (r.ok) out.push({ ...c, needsDependency: false });
    else if (r.code === 'missing-dependency' && r.dependency) out.push({ ...c, needsDependency: true });
  }
  return out;
}
