import type { CallModel, DagTaskModel, ParamsModel, TemplateModel } from '../model/types';
import type { CallTarget, LoopInfo, NodeDetails } from './types';

const MAX_VALUE = 80;

/** What a task or step calls, resolved against the document's templates. */
export function callTarget(call: CallModel, templates: ReadonlyMap<string, TemplateModel>): { target: CallTarget; template: TemplateModel | undefined } {
  if (call.templateRef) {
    const r = call.templateRef;
    return {
      target: { templateRef: { name: r.name?.value ?? '?', template: r.template?.value ?? '?', clusterScope: r.clusterScope } },
      template: undefined,
    };
  }
  if (call.inline) return { target: { inline: true, type: call.inline.type }, template: call.inline };
  return byName(call.template?.value, templates);
}

/** A call by template name (task, step, exit handler, hook). */
export function byName(name: string | undefined, templates: ReadonlyMap<string, TemplateModel>): { target: CallTarget; template: TemplateModel | undefined } {
  if (name === undefined) return { target: {}, template: undefined };
  const t = templates.get(name);
  // Names with expressions ({{...}}) are resolved at run time: not unresolved, just unknown.
  const unresolved = !t && !name.includes('{{');
  return { target: { template: name, type: t?.type, ...(unresolved ? { unresolved: true } : {}) }, template: t };
}

export function loopInfo(call: CallModel): LoopInfo | undefined {
  const loop = call.loop;
  if (!loop) return undefined;
  const kind = loop.kinds[0];
  return {
    kind,
    ...(kind === 'withItems' && loop.itemCount !== undefined ? { count: loop.itemCount } : {}),
    ...(kind === 'withParam' && loop.param ? { param: loop.param.value } : {}),
  };
}

function clip(s: string): string {
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE - 1) + '…' : s;
}

function names(items: readonly { name: { value: string } | undefined }[]): string[] {
  return items.map((i) => i.name?.value).filter((n): n is string => n !== undefined);
}

function argumentsOf(params: ParamsModel): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const p of params.parameters) {
    if (!p.name) continue;
    out.push({ name: p.name.value, value: clip(p.value?.value ?? (p.hasValueFrom ? '(valueFrom)' : '')) });
  }
  for (const a of params.artifacts) {
    if (!a.name) continue;
    out.push({ name: `artifact ${a.name.value}`, value: clip(a.from?.value ?? a.fromExpression?.value ?? '') });
  }
  return out;
}

/** Hover details of a call node. */
export function callDetails(call: CallModel | undefined, template: TemplateModel | undefined): NodeDetails {
  const task = call && (call as Partial<DagTaskModel>).type === 'task' ? (call as DagTaskModel) : undefined;
  const depends = task?.depends?.value ?? (task?.dependencies ? task.dependencies.map((d) => d.value).join(' && ') : undefined);
  return {
    inputs: template ? names(template.inputs.parameters) : [],
    inputArtifacts: template ? names(template.inputs.artifacts) : [],
    outputs: template ? [...names(template.outputs.parameters), ...names(template.outputs.artifacts).map((n) => `artifact ${n}`)] : [],
    arguments: call ? argumentsOf(call.arguments) : [],
    ...(template?.image ? { image: template.image.value } : {}),
    hooks: call ? call.hookNames.map((h) => h.value) : [],
    ...(call?.onExit ? { onExit: call.onExit.value } : {}),
    ...(depends ? { depends: clip(depends) } : {}),
  };
}
