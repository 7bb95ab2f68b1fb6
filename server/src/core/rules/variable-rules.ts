import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { CallModel, DagTaskModel, StepModel, TemplateModel } from '../model/types';
import { callsOf } from '../model/walk';
import type { Fix, Range } from '../types';
import { scalarMapper } from '../util/scalar-offsets';
import { readExpression } from '../variables/expression';
import { workflowGlobals, type WorkflowGlobals } from '../variables/globals';
import { CHECKED_PREFIXES, resolveVariable, type Resolution, type VarScope } from '../variables/resolve';
import { scanTags } from '../variables/tags';
import { dependencyMap, isAncestor, siblingsOf } from '../variables/scope';
import { cappedReporter, type CappedReporter } from './capped-report';
import { addDependencyFix } from './dependency-fix';
import { suggest } from '../util/suggest';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'unresolved-variable',
    severity: 'error',
    family: 'variables',
    description:
      'A {{...}} variable that does not exist at this place (Argo: failed to resolve {{x}}): unknown inputs, tasks, steps, outputs, workflow parameters, item keys. Suggests the closest name.',
    example: 'args: ["{{inputs.parameters.mesage}}"]',
  },
  {
    code: 'missing-dependency',
    severity: 'error',
    family: 'variables',
    description:
      "A task uses another task's outputs or status without depending on it, so it may run first (Argo: missing dependency). Quick fix adds the dependency.",
    example: '- name: b\n  arguments: {parameters: [{name: x, value: "{{tasks.a.outputs.result}}"}]}   # no depends on a',
  },
  {
    code: 'variable-not-available',
    severity: 'warning',
    family: 'variables',
    description:
      'A variable Argo accepts at lint time but that is empty when it runs: a step of the same parallel group, {{item}} outside a loop, {{retries}} without retryStrategy, an unknown workflow label.',
    example: '- - {name: a, ...}\n  - {name: b, arguments: ... "{{steps.a.outputs.result}}"}',
  },
  {
    code: 'unterminated-tag',
    severity: 'error',
    family: 'variables',
    description: 'A `{{` without `}}` (Argo: cannot find end tag="}}").',
    example: 'args: ["{{inputs.parameters.x"]',
  },
  {
    code: 'expression-syntax',
    severity: 'error',
    family: 'variables',
    description: 'An expression tag {{= ...}} with unbalanced brackets or quotes.',
    example: 'value: "{{=asInt(inputs.parameters.n}}"',
  },
];

export const variableRules: RuleFamily = {
  name: 'variables',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    const globals = workflowGlobals(ctx.model, ctx.workspace, ctx.y);
    for (const t of spec.templates) visitTemplate(ctx, globals, t, undefined, 0);
    // spec-level strings (arguments, hooks, podMetadata, ...) see only workflow globals
    const top: TemplateModel = {
      ...spec.templates[0],
      inputs: { parameters: [], artifacts: [], range: undefined, parametersKeyRange: undefined },
    } as TemplateModel;
    if (spec.templates.length > 0) {
      const scope: VarScope = { globals, template: top, call: undefined, siblings: undefined, isAncestor: undefined, stepPosition: undefined };
      scanNode(ctx, spec.node, scope, new Set(['templates']), true);
    }
  },
};

function visitTemplate(ctx: RuleContext, globals: WorkflowGlobals, t: TemplateModel, parentCall: CallModel | undefined, depth: number): void {
  if (depth > 8) return;
  const spec = ctx.model.spec;
  if (!spec) return;
  const siblings = siblingsOf(t, spec, ctx.workspace);
  const base: VarScope = {
    globals,
    template: t,
    call: parentCall,
    siblings: t.dag || t.steps ? siblings : undefined,
    isAncestor: undefined,
    stepPosition: undefined,
  };
  // The template body, without its tasks/steps (each checked in its own scope).
  const skip = new Set<string>(['steps']);
  scanNode(ctx, t.node, base, skip, parentCall !== undefined, t.dag ? ctx.y.getMap(t.node, 'dag') : undefined);
  const deps = t.dag ? dependencyMap(t.dag.tasks) : undefined;
  for (const call of callsOf(t)) {
    const scope: VarScope = {
      ...base,
      call,
      isAncestor: deps && call.name ? (x: string): boolean => isAncestor(deps, call.name?.value ?? '', x) : undefined,
      stepPosition: call.type === 'step' ? { group: call.groupIndex, index: call.index } : undefined,
    };
    scanNode(ctx, call.node, scope, new Set(['inline']), false);
    if (call.inline) visitTemplate(ctx, globals, call.inline, call, depth + 1);
  }
}

/** Scans every string under `node`, skipping some keys of `node` itself (and `tasks` of a DAG map). */
function scanNode(ctx: RuleContext, node: YAMLMap, scope: VarScope, skip: ReadonlySet<string>, lenientItem: boolean, dagMap?: YAMLMap): void {
  const visit = (n: Node | null | undefined, depth: number): void => {
    if (!n || depth > 100) return;
    if (isScalar(n)) {
      if (typeof n.value === 'string' && n.value.includes('{{')) checkString(ctx, n.value, ctx.y.range(n), scope, lenientItem);
    } else if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (n === node && skip.has(key)) continue;
        if (n === dagMap && key === 'tasks') continue;
        visit(pair.value as Node | null, depth + 1);
      }
    } else if (isSeq(n)) for (const item of n.items) visit(item as Node | null, depth + 1);
  };
  visit(node, 0);
}

function checkString(ctx: RuleContext, value: string, range: Range, scope: VarScope, lenientItem: boolean): void {
  const scan = scanTags(value);
  const map = scalarMapper(ctx.text, range, value);
  const at = (start: number, length: number): Range => map(start, Math.max(1, length));
  // Bounded work and memory over a string of many tags: one resolution per distinct name, and at
  // most 100 findings of a code per string (then one summary).
  const out = cappedReporter(ctx);
  const resolved = new Map<string, Resolution>();
  const resolve = (name: string): Resolution => {
    let r = resolved.get(name);
    if (!r) resolved.set(name, (r = resolveVariable(name, scope)));
    return r;
  };
  if (scan.unterminated !== undefined) {
    out.report('unterminated-tag', at(scan.unterminated, 2), 'This "{{" has no closing "}}": Argo cannot find end tag="}}" and fails the workflow.');
  }
  for (const tag of scan.tags) {
    if (tag.expression) {
      const read = readExpression(tag.inner);
      const exprStart = tag.start + 3;
      const e = read.error;
      if (e)
        out.report('expression-syntax', out.full('expression-syntax') ? range : at(exprStart + e.start, e.end - e.start), `Invalid expression: ${e.message}.`);
      for (const ref of read.refs) check(ctx, out, resolve, ref.path, () => at(exprStart + ref.start, ref.end - ref.start), scope, lenientItem, false);
      continue;
    }
    const name = tag.inner.trim();
    if (!isChecked(name)) continue;
    check(ctx, out, resolve, name, () => at(tag.innerStart, name.length), scope, lenientItem, true);
  }
  out.flush(range);
}

/** True when the map has no `key` but a key that is a typo of it (the schema reports that key). */
function misspelledKey(ctx: RuleContext, map: YAMLMap, key: string): boolean {
  if (ctx.y.has(map, key)) return false;
  return map.items.some((p) => isScalar(p.key) && typeof p.key.value === 'string' && p.key.value !== key && suggest(p.key.value, [key]) === key);
}

function isChecked(name: string): boolean {
  return name === 'item' || name === 'retries' || name.startsWith('lastRetry.') || CHECKED_PREFIXES.some((p) => name.startsWith(p));
}

function check(
  ctx: RuleContext,
  out: CappedReporter,
  resolve: (name: string) => Resolution,
  name: string,
  rangeOf: () => Range,
  scope: VarScope,
  lenientItem: boolean,
  replaceable: boolean,
): void {
  if (lenientItem && (name === 'item' || name.startsWith('item.'))) return;
  const r = resolve(name);
  if (r.ok) return;
  // A misspelled `inputs:` of this template is the cause (reported there as an unknown key): not every use of it.
  if (r.code === 'unresolved-variable' && name.startsWith('inputs.') && misspelledKey(ctx, scope.template.node, 'inputs')) return;
  if (out.full(r.code)) {
    out.report(r.code, scope.template.range, ''); // counted for the summary only
    return;
  }
  const range = rangeOf();
  const fixes: Fix[] = [];
  if (r.suggestion && replaceable) fixes.push({ title: `Change to {{${r.suggestion}}}`, edits: [{ range, newText: r.suggestion }], preferred: true });
  const call = scope.call as DagTaskModel | StepModel | undefined;
  if (r.code === 'missing-dependency' && r.dependency && call?.type === 'task') {
    const fix = addDependencyFix(ctx, call, r.dependency, scope.template);
    if (fix) fixes.push(fix);
  }
  const argo = r.code === 'unresolved-variable' ? ` (Argo: failed to resolve {{${name}}})` : '';
  const tail = r.suggestion ? ` Did you mean {{${r.suggestion}}}?` : '';
  out.report(r.code, range, `{{${name}}}: ${r.reason}${argo}.${tail}`, { fixes: fixes.length ? fixes : undefined });
}
