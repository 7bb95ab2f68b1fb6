// DAG templates (workflow/controller/dag.go): task nodes `<dag>.<task>`, children links from the
// dependencies' outbound nodes, `depends` logic with Omitted nodes, TaskGroup nodes for loops, target
// (leaf) tasks, assessDAGPhase, and the DAG node's outboundNodes.

import { dependsOf, dependsTaskNames, evaluateDepends, evaluateWhen, type TaskResult } from './expressions.js';
import { expandLoop, shouldExpand } from './loops.js';
import type { InitNodeOptions } from './nodes.js';
import type { ExecOptions, Operation, TemplateContext } from './operation.js';
import { substitute, type Scope } from './substitute.js';
import { failedOrError, isCompleted, isFulfilled, type DagTask, type NodePhase, type NodeStatus, type Template } from './wf-types.js';

type Base = Omit<InitNodeOptions, 'phase'>;

interface DagContext {
  op: Operation;
  boundaryName: string;
  boundaryID: string;
  tasks: DagTask[];
  visited: Set<string>;
  ctx: TemplateContext;
  opts: ExecOptions;
}

const taskNodeName = (d: DagContext, task: string): string => `${d.boundaryName}.${task}`;
const taskNode = (d: DagContext, task: string): NodeStatus | undefined => d.op.tree.byName(taskNodeName(d, task));

function leafTasks(tasks: DagTask[]): string[] {
  const isLeaf = new Map<string, boolean>();
  for (const t of tasks) {
    if (!isLeaf.has(t.name)) isLeaf.set(t.name, true);
    for (const dep of dependsTaskNames(dependsOf(t))) isLeaf.set(dep, false);
  }
  return [...isLeaf]
    .filter(([, leaf]) => leaf)
    .map(([n]) => n)
    .sort();
}

function results(d: DagContext, deps: string[]): Record<string, TaskResult> | undefined {
  const out: Record<string, TaskResult> = {};
  for (const dep of deps) {
    const n = taskNode(d, dep);
    if (!n || !isFulfilled(n.phase)) return undefined;
    const kids = (n.children ?? []).map((c) => d.op.tree.byId(c)?.phase);
    out[dep] = {
      Succeeded: n.phase === 'Succeeded',
      Failed: n.phase === 'Failed',
      Errored: n.phase === 'Error',
      Skipped: n.phase === 'Skipped',
      Omitted: n.phase === 'Omitted',
      Daemoned: false,
      AnySucceeded: n.type === 'TaskGroup' && kids.includes('Succeeded'),
      AllFailed: n.type === 'TaskGroup' && kids.length > 0 && kids.every((p) => p === 'Failed'),
    };
  }
  return out;
}

function taskScope(d: DagContext): Scope {
  const scope: Scope = {};
  for (const t of d.tasks) {
    const n = taskNode(d, t.name);
    if (n && isFulfilled(n.phase)) d.op.scopeFromNode(`tasks.${t.name}`, n, scope);
  }
  return scope;
}

function executeDagTask(d: DagContext, name: string): void {
  if (d.visited.has(name)) return;
  d.visited.add(name);
  const tree = d.op.tree;
  const task = d.tasks.find((t) => t.name === name);
  if (!task) return;
  const node = taskNode(d, name);
  if (node && isFulfilled(node.phase)) return;
  const nodeName = taskNodeName(d, name);
  const logic = dependsOf(task);
  const deps = dependsTaskNames(logic);
  let group = node && node.type === 'TaskGroup' ? node : undefined;
  const skipped = (n: string, phase: NodePhase, message: string): void => {
    tree.init(n, 'Skipped', {
      templateName: task.template,
      templateRef: task.templateRef,
      templateScope: d.ctx.scope,
      boundaryID: d.boundaryID,
      phase,
      message,
      nodeFlag: {},
    });
  };
  const connect = (child: string): void => {
    if (deps.length === 0 || group) {
      tree.addChild(group ? group.name : d.boundaryName, child);
      return;
    }
    for (const dep of deps) {
      const depNode = taskNode(d, dep);
      if (!depNode) continue;
      for (const out of tree.outbound(depNode.id)) tree.addChild(tree.byId(out)?.name ?? '', child);
    }
  };
  if (logic !== '') {
    for (const dep of deps) executeDagTask(d, dep);
    if (!node) {
      const res = results(d, deps);
      if (!res) return;
      let execute: boolean;
      try {
        execute = evaluateDepends(logic, res);
      } catch (e) {
        skipped(nodeName, 'Error', `unable to evaluate expression '${logic}': ${e instanceof Error ? e.message : String(e)}`);
        connect(nodeName);
        return;
      }
      if (!execute) {
        skipped(nodeName, 'Omitted', 'omitted: depends condition not met');
        connect(nodeName);
        return;
      }
    }
  }
  const resolved = substitute(task, { ...d.op.globals, ...taskScope(d) });
  let expanded: DagTask[];
  try {
    expanded = expandLoop(resolved);
  } catch (e) {
    skipped(nodeName, 'Error', e instanceof Error ? e.message : String(e));
    connect(nodeName);
    return;
  }
  if (shouldExpand(task)) {
    if (expanded.length === 0) {
      if (!node) {
        skipped(nodeName, 'Skipped', 'Skipped, empty params');
        connect(nodeName);
      }
    } else if (!group) {
      connect(nodeName);
      group = tree.init(nodeName, 'TaskGroup', {
        templateName: task.template,
        templateRef: task.templateRef,
        templateScope: d.ctx.scope,
        boundaryID: d.boundaryID,
        phase: 'Running',
        nodeFlag: {},
      });
    }
  }
  for (const t of expanded) {
    const tName = taskNodeName(d, t.name);
    if (!tree.byName(tName)) {
      connect(tName);
      let proceed: boolean;
      try {
        proceed = evaluateWhen(t.when);
      } catch (e) {
        skipped(tName, 'Error', e instanceof Error ? e.message : String(e));
        continue;
      }
      if (!proceed) {
        skipped(tName, 'Skipped', `when '${t.when ?? ''}' evaluated false`);
        continue;
      }
    }
    d.op.executeTemplate(tName, t, d.ctx, t.arguments, { boundaryID: d.boundaryID, onExit: d.opts.onExit });
  }
  if (group) {
    let phase: NodePhase = 'Succeeded';
    for (const t of expanded) {
      const n = tree.byName(taskNodeName(d, t.name));
      if (!n || !isFulfilled(n.phase)) return;
      if (failedOrError(n.phase)) phase = n.phase;
    }
    tree.markPhase(group.name, phase);
  }
}

/** dag.go assessDAGPhase. */
function assessPhase(d: DagContext, targets: string[], failFast: boolean): NodePhase {
  const tree = d.op.tree;
  const targetPhases = new Map<string, NodePhase | ''>(targets.map((t) => [tree.id(taskNodeName(d, t)), '']));
  const queue: { id: string; phase: NodePhase }[] = (tree.byId(d.boundaryID)?.children ?? []).map((id) => ({ id, phase: 'Succeeded' }));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const cur = queue.shift() as { id: string; phase: NodePhase };
    const key = `${cur.id}|${cur.phase}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const node = tree.byId(cur.id);
    if (!node || !isFulfilled(node.phase)) return 'Running';
    const branch = isCompleted(node.phase) ? node.phase : cur.phase;
    if (targetPhases.has(node.id)) {
      const prev = targetPhases.get(node.id);
      if (prev === '' || prev === undefined || !failedOrError(prev)) targetPhases.set(node.id, branch);
    }
    let next = node.children ?? [];
    if (node.type === 'Retry') {
      const kids = node.children ?? [];
      next = kids.length > 0 ? (tree.byId(kids[kids.length - 1])?.children ?? []) : [];
    }
    for (const id of next) queue.push({ id, phase: branch });
  }
  let result: NodePhase = 'Succeeded';
  for (const t of targets) {
    const phase = targetPhases.get(tree.id(taskNodeName(d, t))) ?? '';
    if (phase === '') {
      result = 'Running';
      if (!failFast) break;
    } else if (failedOrError(phase)) {
      const task = d.tasks.find((x) => x.name === t);
      if ((phase === 'Failed' && task?.continueOn?.failed) || (phase === 'Error' && task?.continueOn?.error)) continue;
      result = phase;
      if (failFast) break;
    }
  }
  return result;
}

export function executeDag(op: Operation, nodeName: string, tmpl: Template, ctx: TemplateContext, base: Base, opts: ExecOptions): NodeStatus {
  const tree = op.tree;
  const node = tree.byName(nodeName) ?? tree.init(nodeName, 'DAG', { ...base, phase: 'Running' });
  const tasks = tmpl.dag?.tasks ?? [];
  const d: DagContext = { op, boundaryName: nodeName, boundaryID: node.id, tasks, visited: new Set(), ctx, opts };
  const targets = tmpl.dag?.target ? tmpl.dag.target.split(' ').filter((t) => t !== '') : leafTasks(tasks);
  for (const t of targets) executeDagTask(d, t);
  const phase = assessPhase(d, targets, tmpl.dag?.failFast ?? true);
  if (phase === 'Running') return node;
  node.outboundNodes = targets.flatMap((t) => {
    const n = taskNode(d, t);
    return n ? tree.outbound(n.id) : [];
  });
  return tree.markPhase(nodeName, phase) ?? node;
}
