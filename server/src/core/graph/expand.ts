import { buildTemplateRef } from '../model/build-template';
import type { CallModel, TemplateModel } from '../model/types';
import { callsOf } from '../model/walk';
import type { YamlAccess } from '../model/yaml-access';
import type { Range } from '../types';
import { addArtifactFlow } from './artifact-flow';
import { byName, callDetails, callTarget, loopInfo } from './call-info';
import { addDagEdges, type PlacedTask } from './dag-edges';
import type { GraphParts } from './graph-parts';
import { labelledWidth } from './node-labels';
import { NODE_METRICS } from './node-size';
import type { CallTarget, GraphNode, GroupInfo, NodeKind } from './types';

export interface ExpandContext {
  readonly parts: GraphParts;
  readonly text: string;
  readonly y: YamlAccess;
  readonly templates: ReadonlyMap<string, TemplateModel>;
  readonly collapsed: ReadonlySet<string>;
  readonly collapseAll: boolean;
  readonly showArtifacts: boolean;
  readonly maxDepth: number;
  /** Nodes that groups may still add before they are left collapsed. */
  budget: number;
  truncated: boolean;
}

/** A template being drawn: at the top level (groupId undefined) or inside a group node. */
export interface Frame {
  readonly template: TemplateModel;
  readonly groupId: string | undefined;
  readonly prefix: string;
  readonly depth: number;
  /** Templates being expanded on the way here (to stop recursion), with their group ids ('' = root). */
  readonly ancestors: readonly { readonly template: string; readonly id: string }[];
}

interface NodeSpec {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly range: Range;
  readonly call: CallModel | undefined;
  readonly target: CallTarget;
  readonly template: TemplateModel | undefined;
  readonly stepGroup?: number;
  readonly when?: string;
}

/** Expands templates breadth-first from the root, so the top levels stay expanded when the budget runs out. */
export function expandFrom(ctx: ExpandContext, root: Frame): void {
  const queue: Frame[] = [root];
  for (let i = 0; i < queue.length; i++) queue.push(...expandFrame(ctx, queue[i]));
}

function expandFrame(ctx: ExpandContext, f: Frame): Frame[] {
  const children: Frame[] = [];
  const placed: { call: CallModel; id: string }[] = [];
  const t = f.template;
  if (t.dag) {
    const tasks: PlacedTask[] = [];
    for (const task of t.dag.tasks) {
      const name = task.name?.value ?? `(task ${task.index})`;
      const id = ctx.parts.uniqueId(f.prefix ? `${f.prefix}.${name}` : name);
      addCall(ctx, f, task, id, name, 'task', undefined, children);
      tasks.push({ task, id });
      placed.push({ call: task, id });
    }
    addDagEdges(ctx.parts, ctx.text, tasks, f.groupId, f.prefix);
  } else if (t.steps) {
    let previous: string[] = [];
    for (const g of t.steps) {
      const current: string[] = [];
      for (const step of g.steps) {
        const name = step.name?.value ?? `(step ${g.index}.${step.index})`;
        const id = ctx.parts.uniqueId(`${f.prefix}[${g.index}].${name}`);
        addCall(ctx, f, step, id, name, 'step', g.index, children);
        current.push(id);
        placed.push({ call: step, id });
      }
      if (current.length === 0) continue;
      for (const from of previous) for (const to of current) ctx.parts.addEdge(from, to, 'sequence', f.groupId);
      previous = current;
    }
  }
  if (ctx.showArtifacts) addArtifactFlow(ctx.parts, placed, f.groupId);
  return children;
}

function addCall(
  ctx: ExpandContext,
  f: Frame,
  call: CallModel,
  id: string,
  name: string,
  kind: NodeKind,
  stepGroup: number | undefined,
  children: Frame[],
): void {
  const { target, template } = callTarget(call, ctx.templates);
  const spec: NodeSpec = { id, name, kind, range: call.range, call, target, template, stepGroup, when: call.when?.value };
  addNode(ctx, f, spec, children);
  if (call.onExit) {
    const exitId = ctx.parts.uniqueId(`${id}.onExit`);
    const r = byName(call.onExit.value, ctx.templates);
    addNode(
      ctx,
      f,
      { id: exitId, name: `${name}.onExit`, kind: 'exit', range: call.onExit.range, call: undefined, target: r.target, template: r.template },
      children,
    );
    ctx.parts.addEdge(id, exitId, 'exit', f.groupId);
  }
  for (const hook of hooksOf(ctx, call.node)) {
    const hookId = ctx.parts.uniqueId(`${id}.hooks.${hook.name}`);
    addNode(
      ctx,
      f,
      {
        id: hookId,
        name: `${name}.hooks.${hook.name}`,
        kind: 'hook',
        range: hook.range,
        call: undefined,
        target: hook.target,
        template: hook.template,
        when: hook.expression,
      },
      children,
    );
    ctx.parts.addEdge(id, hookId, 'hook', f.groupId);
  }
}

export interface HookInfo {
  readonly name: string;
  readonly range: Range;
  readonly target: CallTarget;
  readonly template: TemplateModel | undefined;
  readonly expression?: string;
}

/** Lifecycle hooks of a task, step or workflow spec (`hooks: {name: {template|templateRef, expression}}`). */
export function hooksOf(ctx: Pick<ExpandContext, 'y' | 'templates'>, owner: Parameters<YamlAccess['getMap']>[0]): HookInfo[] {
  const hooks = ctx.y.getMap(owner, 'hooks');
  const out: HookInfo[] = [];
  for (const k of ctx.y.keys(hooks)) {
    const h = ctx.y.getMap(hooks, k.value);
    const ref = buildTemplateRef(ctx.y, ctx.y.getMap(h, 'templateRef'));
    const resolved = ref
      ? { target: { templateRef: { name: ref.name?.value ?? '?', template: ref.template?.value ?? '?', clusterScope: ref.clusterScope } }, template: undefined }
      : byName(ctx.y.getStr(h, 'template')?.value, ctx.templates);
    const expression = ctx.y.getStr(h, 'expression')?.value;
    out.push({ name: k.value, range: h ? ctx.y.range(h) : k.range, ...resolved, ...(expression !== undefined ? { expression } : {}) });
  }
  return out;
}

/** Adds a node; a call of a DAG/steps template becomes a group, expanded unless collapsed or over budget. */
export function addNode(ctx: ExpandContext, f: Frame, s: NodeSpec, children: Frame[]): GraphNode {
  const calledName = s.target.inline ? undefined : s.target.template;
  const ancestor = calledName !== undefined ? f.ancestors.find((a) => a.template === calledName) : undefined;
  const tpl = s.template;
  let group: GroupInfo | undefined;
  if (!ancestor && tpl && (tpl.type === 'dag' || tpl.type === 'steps')) {
    const childCount = callsOf(tpl).length;
    if (childCount > 0) {
      const asked = ctx.collapseAll || ctx.collapsed.has(s.id);
      const limited = f.depth + 1 > ctx.maxDepth || childCount > ctx.budget;
      if (limited && !asked) ctx.truncated = true;
      const collapsed = asked || limited;
      if (!collapsed) ctx.budget -= childCount;
      group = { template: tpl.name?.value ?? 'inline', type: tpl.type, collapsed, childCount };
    }
  }
  const loop = s.call ? loopInfo(s.call) : undefined;
  const labelSource = {
    name: s.name,
    kind: s.kind,
    call: s.target,
    ...(group ? { group } : {}),
    ...(ancestor && calledName !== undefined ? { recursion: { template: calledName, targetId: ancestor.id } } : {}),
    ...(loop ? { loop } : {}),
    ...(s.when !== undefined ? { when: s.when } : {}),
  };
  const node: GraphNode = {
    ...labelSource,
    id: s.id,
    ...(f.groupId !== undefined ? { parent: f.groupId } : {}),
    depth: f.depth,
    range: s.range,
    ...(s.stepGroup !== undefined ? { stepGroup: s.stepGroup } : {}),
    details: callDetails(s.call, tpl),
    problems: [],
    width: labelledWidth(labelSource),
    height: NODE_METRICS.height,
  };
  ctx.parts.addNode(node);
  if (group && !group.collapsed && tpl) {
    const named = tpl.name?.value;
    children.push({
      template: tpl,
      groupId: s.id,
      prefix: s.id,
      depth: f.depth + 1,
      ancestors: named !== undefined && !s.target.inline ? [...f.ancestors, { template: named, id: s.id }] : f.ancestors,
    });
  }
  return node;
}
