import { parseDepends, TASK_RESULTS, WORD_OPS, type DependsOperand } from '../expr/depends-parser';
import type { DagTaskModel, TemplateModel } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { Fix, Range } from '../types';
import { removeListItem } from '../util/edits';
import { dependenciesToDependsFix } from './template-fixes';
import { removeDependencyFix } from './remove-dependency-fix';
import { laterKey } from './later-key';
import { scalarMapper } from '../util/scalar-offsets';
import { didYouMean, suggest, suggestAll } from '../util/suggest';
import { cappedReporter, type CappedReporter } from './capped-report';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'dag-cycle',
    severity: 'error',
    family: 'dag',
    description: 'DAG tasks depend on each other in a cycle (Argo: "graph with cycle").',
    example: 'a: {dependencies: [b]}, b: {dependencies: [a]}',
  },
  { code: 'dag-self-dependency', severity: 'error', family: 'dag', description: 'A task depends on itself.', example: '- name: a\n  dependencies: [a]' },
  {
    code: 'unknown-dependency',
    severity: 'error',
    family: 'dag',
    description: 'A name in `dependencies` or `depends` is not a task of this DAG (Argo: "invalid dependency").',
    example: '- name: b\n  dependencies: [aa]   # no task aa',
  },
  {
    code: 'duplicate-task-name',
    severity: 'error',
    family: 'dag',
    description: 'Two tasks of one DAG have the same name (Argo: "duplicated nodeName").',
    example: 'tasks: [{name: a, ...}, {name: a, ...}]',
  },
  { code: 'task-name-required', severity: 'error', family: 'dag', description: 'A DAG task has no name.', example: 'tasks:\n- template: t' },
  {
    code: 'dependencies-and-depends',
    severity: 'error',
    family: 'dag',
    description: 'A task sets both `dependencies` and `depends`.',
    example: '- name: b\n  dependencies: [a]\n  depends: a',
  },
  {
    code: 'mixed-depends-dependencies',
    severity: 'error',
    family: 'dag',
    description:
      "One DAG uses `depends` in some tasks and `dependencies` in others (Argo: cannot use both 'depends' and 'dependencies' in the same DAG template).",
    example: 'a: {depends: x}, b: {dependencies: [x]}',
  },
  {
    code: 'depends-syntax',
    severity: 'error',
    family: 'dag',
    description: 'The `depends` expression does not parse (task names, .Result, &&, ||, !, parentheses).',
    example: 'depends: "(a && b"',
  },
  {
    code: 'invalid-task-result',
    severity: 'error',
    family: 'dag',
    description: 'A `depends` operand uses a result that is not Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded or AllFailed.',
    example: 'depends: a.Success',
  },
  {
    code: 'items-result-without-loop',
    severity: 'error',
    family: 'dag',
    description: '`.AnySucceeded` / `.AllFailed` used on a task that has no withItems/withParam/withSequence.',
    example: 'depends: a.AnySucceeded   # a has no loop',
  },
  {
    code: 'continue-on-with-depends',
    severity: 'error',
    family: 'dag',
    description: "`continueOn` in a DAG that uses `depends` (use 'task.Failed' / 'task.Errored' instead).",
    example: 'continueOn: {failed: true}   # with depends',
  },
  {
    code: 'task-name-leading-digit',
    severity: 'error',
    family: 'dag',
    description: 'A task name starts with a digit in a DAG that uses `depends` or `dependencies`.',
    example: '- name: 1st\n  depends: a',
  },
  { code: 'dag-no-tasks', severity: 'error', family: 'dag', description: 'A DAG template has no tasks.', example: 'dag: {tasks: []}' },
  { code: 'unknown-target', severity: 'error', family: 'dag', description: 'A name in `dag.target` is not a task of the DAG.', example: 'dag: {target: nope}' },
];

interface Edge {
  readonly to: string;
  readonly range: Range;
}

export const dagRules: RuleFamily = {
  name: 'dag',
  rules: RULES,
  check(ctx: RuleContext): void {
    for (const t of allTemplates(ctx.model.spec)) if (t.dag) checkDag(ctx, t);
  },
};

function checkDag(ctx: RuleContext, t: TemplateModel): void {
  const dag = t.dag;
  if (!dag) return;
  const tname = templateLabel(t);
  if (dag.tasks.length === 0) {
    ctx.report('dag-no-tasks', dag.tasksRange ?? t.typeKeyRange ?? t.range, `DAG template "${tname}" must have at least one task.`);
    return;
  }
  const byName = new Map<string, DagTaskModel>();
  for (const task of dag.tasks) {
    if (!task.name) {
      ctx.report(
        'task-name-required',
        ctx.y.range(task.node.items[0]?.key ?? task.node),
        `A task of DAG template "${tname}" has no name (Argo: templates.${tname}.tasks[${task.index}].name is required).`,
      );
      continue;
    }
    const prev = byName.get(task.name.value);
    if (prev?.name) {
      ctx.report(
        'duplicate-task-name',
        task.name.range,
        `Task name "${task.name.value}" is used twice in DAG template "${tname}" (Argo: duplicated nodeName ${task.name.value}). Task names must be unique within a DAG.`,
        {
          related: [{ message: 'first defined here', range: prev.name.range }],
        },
      );
      continue;
    }
    byName.set(task.name.value, task);
  }
  const names: ReadonlySet<string> = new Set(byName.keys());
  const usesDepends = dag.tasks.some((x) => x.depends !== undefined);
  const loopNames = new Set(dag.tasks.filter((x) => x.loop && x.name).map((x) => x.name?.value ?? ''));

  const edges = new Map<DagTaskModel, Edge[]>();
  for (const task of dag.tasks) {
    const out: Edge[] = [];
    edges.set(task, out);
    const self = task.name?.value;
    if (task.dependencies !== undefined && task.depends !== undefined) {
      ctx.report(
        'dependencies-and-depends',
        laterKey(ctx.y, task.node, ['dependencies', 'depends']) ?? task.depends.range,
        `Task "${self ?? '?'}" sets both "dependencies" and "depends": use one of them.`,
      );
    } else if (usesDepends && task.dependencies !== undefined) {
      const convert = dependenciesToDependsFix(ctx.y, task);
      ctx.report(
        'mixed-depends-dependencies',
        ctx.y.keyRange(task.node, 'dependencies') ?? task.range,
        `DAG template "${tname}" uses "depends" in other tasks, so this task cannot use "dependencies" (Argo: cannot use both 'depends' and 'dependencies' in the same DAG template). Convert it to "depends".`,
        {
          fixes: convert ? [{ ...convert, preferred: true }] : undefined,
        },
      );
    }
    if (usesDepends && task.continueOn) {
      ctx.report(
        'continue-on-with-depends',
        ctx.y.keyRange(task.node, 'continueOn') ?? task.continueOn.range,
        `Cannot use "continueOn" in DAG template "${tname}" because it uses "depends". Instead use 'dep-task.Failed' / 'dep-task.Errored' in the dependent task's depends.`,
      );
    }
    if (self && /^[0-9]/.test(self) && (usesDepends || task.dependencies !== undefined)) {
      ctx.report(
        'task-name-leading-digit',
        task.name?.range ?? task.range,
        `Task name "${self}" cannot begin with a digit when using either 'depends' or 'dependencies'.`,
      );
    }
    for (const dep of task.dependencies ?? []) {
      checkReference(ctx, task, dep.value, dep.range, self, names, tname, out);
    }
    if (task.depends) checkDepends(ctx, task, names, loopNames, tname, out);
  }
  findCycles(ctx, dag.tasks, byName, edges);
  if (dag.target) checkTarget(ctx, dag.target.value, dag.target.range, names, tname);
}

function checkReference(
  ctx: RuleContext,
  task: DagTaskModel,
  dep: string,
  range: Range,
  self: string | undefined,
  names: ReadonlySet<string>,
  tname: string,
  out: Edge[],
): void {
  if (dep === self) {
    ctx.report('dag-self-dependency', range, `Task "${dep}" depends on itself.`, {
      fixes: [{ title: `Remove the self-dependency on "${dep}"`, edits: [removeListItem(ctx.text, range)] }],
    });
    return;
  }
  if (!names.has(dep)) {
    const all = suggestAll(dep, names);
    ctx.report('unknown-dependency', range, `"${dep}" is not a task of DAG template "${tname}" (Argo: invalid dependency ${dep}).${didYouMean(all[0])}`, {
      fixes: unknownDependencyFixes(ctx, task, dep, range, all),
    });
    return;
  }
  out.push({ to: dep, range });
}

/** The close task names (the closest preferred), then removing the dependency. */
function unknownDependencyFixes(ctx: RuleContext, task: DagTaskModel | undefined, dep: string, range: Range, names: readonly string[]): Fix[] | undefined {
  const fixes: Fix[] = names.map((n, i) => ({ title: `Change to "${n}"`, edits: [{ range, newText: n }], ...(i === 0 ? { preferred: true } : {}) }));
  const remove = task ? removeDependencyFix(ctx, task, dep, false) : undefined;
  if (remove) fixes.push(remove);
  return fixes.length ? fixes : undefined;
}

function checkDepends(ctx: RuleContext, task: DagTaskModel, names: ReadonlySet<string>, loopNames: Set<string>, tname: string, out: Edge[]): void {
  const d = task.depends;
  if (!d) return;
  const parsed = parseDepends(d.value);
  const map = scalarMapper(ctx.text, d.range, d.value);
  const at = (start: number, end: number): Range => map(start, Math.max(1, end - start));
  // At most 100 findings of a code per expression (then one summary); each target once in `out`.
  const rep = cappedReporter(ctx);
  const seen = new Set(out.map((e) => e.to));
  for (const e of parsed.errors) rep.report('depends-syntax', at(e.start, e.end), `Invalid depends expression: ${e.message}.`);
  const self = task.name?.value;
  for (const op of parsed.operands) {
    if (parsed.errors.length > 0 && WORD_OPS[op.task]) continue;
    const range = at(op.taskStart, op.taskEnd);
    if (op.result !== undefined && op.result !== '') checkResult(rep, op, names, loopNames, at(op.resultStart, op.resultEnd));
    if (op.task === self) {
      rep.report('dag-self-dependency', range, `Task "${op.task}" depends on itself.`);
      continue;
    }
    if (!names.has(op.task)) {
      const all = rep.full('unknown-dependency') ? [] : suggestAll(op.task, names);
      rep.report(
        'unknown-dependency',
        range,
        `"${op.task}" is not a task of DAG template "${tname}" (Argo: invalid dependency ${op.task}).${didYouMean(all[0])}`,
        {
          fixes: unknownDependencyFixes(ctx, task, op.task, range, all),
        },
      );
      continue;
    }
    if (!seen.has(op.task)) {
      seen.add(op.task);
      out.push({ to: op.task, range });
    }
  }
  rep.flush(d.range);
}

function checkResult(rep: CappedReporter, op: DependsOperand, names: ReadonlySet<string>, loopNames: Set<string>, rr: Range): void {
  const result = op.result ?? '';
  if (!(TASK_RESULTS as readonly string[]).includes(result)) {
    const s = rep.full('invalid-task-result') ? undefined : suggest(result, TASK_RESULTS);
    rep.report('invalid-task-result', rr, `Task result "${result}" for task "${op.task}" is invalid: use one of ${TASK_RESULTS.join(', ')}.${didYouMean(s)}`, {
      fixes: s ? [{ title: `Change to "${s}"`, edits: [{ range: rr, newText: s }], preferred: true }] : undefined,
    });
  } else if ((result === 'AnySucceeded' || result === 'AllFailed') && names.has(op.task) && !loopNames.has(op.task)) {
    rep.report(
      'items-result-without-loop',
      rr,
      `Dependency "${op.task}.${result}" uses an items-based condition, but task "${op.task}" has no withItems, withParam or withSequence.`,
    );
  }
}

/** Depth-first search in document order; each back edge closes one cycle, reported on that dependency entry. */
function findCycles(ctx: RuleContext, tasks: DagTaskModel[], byName: Map<string, DagTaskModel>, edges: Map<DagTaskModel, Edge[]>): void {
  const state = new Map<DagTaskModel, 1 | 2>();
  const stack: DagTaskModel[] = [];
  for (const root of tasks) {
    if (state.has(root) || !root.name || byName.get(root.name.value) !== root) continue;
    // Iterative DFS: frames of (task, next edge index).
    const frames: { task: DagTaskModel; i: number }[] = [{ task: root, i: 0 }];
    state.set(root, 1);
    stack.push(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      const out = edges.get(f.task) ?? [];
      if (f.i >= out.length) {
        state.set(f.task, 2);
        stack.pop();
        frames.pop();
        continue;
      }
      const e = out[f.i++];
      const target = byName.get(e.to);
      if (!target) continue;
      const s = state.get(target);
      if (s === undefined) {
        state.set(target, 1);
        stack.push(target);
        frames.push({ task: target, i: 0 });
      } else if (s === 1) {
        reportCycle(ctx, [...stack.slice(stack.indexOf(target))], edges, tasks);
      }
    }
  }
}

/**
 * Reports a cycle once, on the dependency entry most likely to be the mistake: one that names a task
 * defined later in the DAG (a DAG is usually written in execution order); else the entry that closed it.
 */
function reportCycle(ctx: RuleContext, cycle: DagTaskModel[], edges: Map<DagTaskModel, Edge[]>, tasks: DagTaskModel[]): void {
  const n = cycle.length;
  const links = cycle.map((from, i) => {
    const to = cycle[(i + 1) % n];
    const edge = (edges.get(from) ?? []).find((e) => e.to === to.name?.value);
    return { from, to, edge };
  });
  const order = (t: DagTaskModel): number => tasks.indexOf(t);
  const pick = links.find((l) => l.edge && order(l.to) > order(l.from)) ?? links[n - 1];
  if (!pick.edge) return;
  const start = links.indexOf(pick);
  // In the direction of the graph's arrows: from a task to the one that depends on it (runs after it).
  const ring = [...links.slice(start), ...links.slice(0, start)];
  const path = [ring[0].from, ...ring.map((l) => l.to)].reverse().map((t) => t.name?.value ?? '?');
  const fixes = [pick, ...links.filter((l) => l !== pick)]
    .map((l) => (l.edge && l.to.name ? removeDependencyFix(ctx, l.from, l.to.name.value, l === pick) : undefined))
    .filter((f): f is NonNullable<typeof f> => f !== undefined);
  ctx.report(
    'dag-cycle',
    pick.edge.range,
    `Dependency cycle: ${path.join(' -> ')} (as the graph draws it: each task runs after the one before it; Argo: graph with cycle). Remove one of these dependencies.`,
    {
      fixes,
      related: links
        .filter((l) => l !== pick && l.edge)
        .map((l) => ({ message: `"${l.from.name?.value ?? '?'}" depends on "${l.to.name?.value ?? '?'}"`, range: l.edge?.range ?? l.from.range })),
    },
  );
}

function checkTarget(ctx: RuleContext, target: string, range: Range, names: ReadonlySet<string>, tname: string): void {
  let offset = 0;
  const map = scalarMapper(ctx.text, range, target);
  for (const part of target.split(' ')) {
    if (part && !part.includes('{{') && !names.has(part)) {
      const s = suggest(part, names);
      ctx.report('unknown-target', map(offset, part.length), `Target "${part}" is not a task of DAG template "${tname}".${didYouMean(s)}`);
    }
    offset += part.length + 1;
  }
}
