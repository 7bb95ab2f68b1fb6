// Steps templates (workflow/controller/steps.go): a Steps node, one StepGroup node per group
// (`<steps>[i]`), step nodes `<group>.<step>`, links from the previous group's outbound nodes, and the
// Steps node's outboundNodes from its last group.

import { evaluateWhen } from './expressions.js';
import { expandLoop } from './loops.js';
import type { InitNodeOptions } from './nodes.js';
import type { ExecOptions, Operation, TemplateContext } from './operation.js';
import { substitute, type Scope } from './substitute.js';
import { failedOrError, isFulfilled, type NodeStatus, type Template, type WorkflowStep } from './wf-types.js';

type Base = Omit<InitNodeOptions, 'phase'>;

function updateOutbound(op: Operation, node: NodeStatus, groups: number): void {
  const last = op.tree.byName(`${node.name}[${groups - 1}]`);
  if (!last) return;
  const children = last.children ?? [];
  node.outboundNodes = children.length === 0 ? [last.id] : children.flatMap((c) => op.tree.outbound(c));
}

function executeStepGroup(
  op: Operation,
  group: WorkflowStep[],
  sgName: string,
  ctx: TemplateContext,
  boundaryID: string,
  scope: Scope,
  opts: ExecOptions,
): NodeStatus | undefined {
  const tree = op.tree;
  const sg = tree.byName(sgName);
  if (!sg || isFulfilled(sg.phase)) return sg;
  const resolved = group.map((s) => substitute(s, { ...op.globals, ...scope }));
  const steps: WorkflowStep[] = [];
  try {
    for (const s of resolved) steps.push(...expandLoop(s));
  } catch (e) {
    return tree.markPhase(sgName, 'Error', e instanceof Error ? e.message : String(e));
  }
  const stepOf = new Map<string, WorkflowStep>();
  for (const step of steps) {
    const childName = `${sgName}.${step.name}`;
    stepOf.set(tree.id(childName), step);
    let proceed: boolean;
    try {
      proceed = evaluateWhen(step.when);
    } catch (e) {
      return tree.markPhase(sgName, 'Error', e instanceof Error ? e.message : String(e));
    }
    if (!proceed) {
      if (!tree.byName(childName)) {
        tree.init(childName, 'Skipped', {
          templateName: step.template,
          templateRef: step.templateRef,
          templateScope: ctx.scope,
          boundaryID,
          phase: 'Skipped',
          message: `when '${step.when ?? ''}' evaluated false`,
          nodeFlag: {},
        });
        tree.addChild(sgName, childName);
      }
      continue;
    }
    op.executeTemplate(childName, step, ctx, step.arguments, { boundaryID, onExit: opts.onExit });
    tree.addChild(sgName, childName);
  }
  const children = (tree.byName(sgName)?.children ?? []).map((id) => tree.byId(id)).filter((n) => n !== undefined);
  if (children.some((c) => !isFulfilled(c.phase))) return tree.byName(sgName);
  for (const child of children) {
    const step = stepOf.get(child.id);
    const continues = (child.phase === 'Failed' && step?.continueOn?.failed) || (child.phase === 'Error' && step?.continueOn?.error);
    if (failedOrError(child.phase) && !continues) return tree.markPhase(sgName, 'Failed', `child '${child.id}' failed`);
  }
  return tree.markPhase(sgName, 'Succeeded');
}

export function executeSteps(op: Operation, nodeName: string, tmpl: Template, ctx: TemplateContext, base: Base, opts: ExecOptions): NodeStatus {
  const tree = op.tree;
  const node = tree.byName(nodeName) ?? tree.init(nodeName, 'Steps', { ...base, phase: 'Running' });
  const groups = tmpl.steps ?? [];
  const scope: Scope = {};
  for (const [i, group] of groups.entries()) {
    const sgName = `${nodeName}[${i}]`;
    if (!tree.byName(sgName)) tree.init(sgName, 'StepGroup', { templateScope: ctx.scope, boundaryID: node.id, phase: 'Running', nodeFlag: {} });
    if (i === 0) tree.addChild(nodeName, sgName);
    else {
      const prev = tree.byName(`${nodeName}[${i - 1}]`);
      const prevChildren = prev?.children ?? [];
      if (prev && prevChildren.length === 0) tree.addChild(prev.name, sgName);
      for (const c of prevChildren) for (const out of tree.outbound(c)) tree.addChild(tree.byId(out)?.name ?? '', sgName);
    }
    const sg = executeStepGroup(op, group, sgName, ctx, node.id, scope, opts);
    if (!sg || !isFulfilled(sg.phase)) return node;
    if (failedOrError(sg.phase)) {
      updateOutbound(op, node, i + 1);
      return tree.markPhase(nodeName, 'Failed', sg.message) ?? node;
    }
    for (const step of group) {
      const child = tree.byName(`${sgName}.${step.name}`);
      if (child) op.scopeFromNode(`steps.${step.name}`, child, scope);
    }
  }
  updateOutbound(op, node, groups.length);
  return tree.markPhase(nodeName, 'Succeeded') ?? node;
}
