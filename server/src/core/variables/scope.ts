import { parseDepends } from '../expr/depends-parser';
import type { ArgoDocumentModel, CallModel, DagTaskModel, SpecModel, StepModel, TemplateModel } from '../model/types';
import { callsOf } from '../model/walk';
import type { YamlAccess } from '../model/yaml-access';
import { resolveCall } from '../workspace/resolve-call';
import type { WorkspaceIndex } from '../workspace/template-summary';
import { workflowGlobals, type WorkflowGlobals } from './globals';
import type { SiblingCall, VarScope } from './resolve';

/** Tasks or steps of a template, by name, with what they call. */
export function siblingsOf(t: TemplateModel, spec: SpecModel, index: WorkspaceIndex): Map<string, SiblingCall> {
  const siblings = new Map<string, SiblingCall>();
  for (const call of callsOf(t)) {
    if (!call.name || siblings.has(call.name.value)) continue;
    const target = resolveCall(call, spec, index);
    siblings.set(call.name.value, {
      call,
      group: call.type === 'step' ? call.groupIndex : 0,
      index: call.type === 'step' ? call.index : 0,
      target: target?.summary,
      resolved: target !== undefined,
    });
  }
  return siblings;
}

export function dependencyMap(tasks: readonly DagTaskModel[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const t of tasks) {
    if (!t.name) continue;
    const deps = (t.dependencies ?? []).map((d) => d.value);
    if (t.depends) for (const op of parseDepends(t.depends.value).operands) deps.push(op.task);
    m.set(t.name.value, deps);
  }
  return m;
}

/** Breadth-first from `task` through its dependencies: direct dependencies are found first. */
export function isAncestor(deps: ReadonlyMap<string, string[]>, task: string, candidate: string): boolean {
  const seen = new Set<string>([task]);
  let frontier = deps.get(task) ?? [];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const d of frontier) {
      if (d === candidate) return true;
      if (seen.has(d)) continue;
      seen.add(d);
      next.push(...(deps.get(d) ?? []));
    }
    frontier = next;
  }
  return false;
}

/** The scope of a string in template `t` (and in `call`, when inside a task or step). */
export function scopeFor(
  globals: WorkflowGlobals,
  t: TemplateModel,
  call: DagTaskModel | StepModel | undefined,
  siblings: Map<string, SiblingCall> | undefined,
  deps: ReadonlyMap<string, string[]> | undefined,
): VarScope {
  return {
    globals,
    template: t,
    call,
    siblings: t.dag || t.steps ? siblings : undefined,
    isAncestor: deps && call?.name ? (x: string): boolean => isAncestor(deps, call.name?.value ?? '', x) : undefined,
    stepPosition: call?.type === 'step' ? { group: call.groupIndex, index: call.index } : undefined,
  };
}

/** The innermost template and call holding an offset, with the scope there. */
export function scopeAtOffset(
  model: ArgoDocumentModel,
  y: YamlAccess,
  index: WorkspaceIndex,
  offset: number,
): { scope: VarScope; template: TemplateModel; call: CallModel | undefined } | undefined {
  const spec = model.spec;
  if (!spec) return undefined;
  const within = (r: { start: number; end: number }): boolean => r.start <= offset && offset <= r.end;
  const top = spec.templates.find((x) => within(x.range));
  if (!top) return undefined;
  let t: TemplateModel = top;
  let call: DagTaskModel | StepModel | undefined;
  for (let depth = 0; depth < 8; depth++) {
    const c: DagTaskModel | StepModel | undefined = callsOf(t).find((x) => within(x.range));
    if (!c) break;
    if (c.inline && within(c.inline.range)) {
      t = c.inline;
      call = undefined;
      continue;
    }
    call = c;
    break;
  }
  const globals = workflowGlobals(model, index, y);
  const siblings = siblingsOf(t, spec, index);
  const deps = t.dag ? dependencyMap(t.dag.tasks) : undefined;
  return { scope: scopeFor(globals, t, call, siblings, deps), template: t, call };
}
