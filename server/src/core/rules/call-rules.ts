import type { YAMLMap } from 'yaml';
import { allTemplates, callsOf, templateLabel } from '../model/walk';
import { laterKey } from './later-key';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'multiple-loops',
    severity: 'error',
    family: 'loops',
    description: 'A task or step with more than one of withItems, withParam, withSequence.',
    example: 'withItems: [a]\nwithParam: "{{...}}"',
  },
  {
    code: 'with-sequence-count-and-end',
    severity: 'error',
    family: 'loops',
    description: 'withSequence with both count and end.',
    example: 'withSequence: {count: "3", end: "5"}',
  },
  {
    code: 'hook-expression-required',
    severity: 'error',
    family: 'spec',
    description: "A workflow-level or step lifecycle hook other than 'exit' without an expression.",
    example: 'hooks:\n  running:\n    template: notify',
  },
];

export const callRules: RuleFamily = {
  name: 'loops',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    checkHooks(ctx, ctx.y.getMap(spec.node, 'hooks'), 'hooks');
    for (const t of allTemplates(spec)) {
      for (const call of callsOf(t)) {
        const where = `templates.${templateLabel(t)}.${t.dag ? 'tasks' : 'steps'}.${call.name?.value ?? '?'}`;
        const loop = call.loop;
        if (loop && loop.kinds.length > 1) {
          ctx.report(
            'multiple-loops',
            laterKey(ctx.y, call.node, loop.kinds) ?? loop.range,
            `${where}: only one of withItems, withParam, withSequence can be specified.`,
          );
        }
        const seq = ctx.y.getMap(call.node, 'withSequence');
        if (seq && ctx.y.has(seq, 'count') && ctx.y.has(seq, 'end')) {
          ctx.report(
            'with-sequence-count-and-end',
            ctx.y.keyRange(seq, 'end') ?? ctx.y.range(seq),
            `${where}: only one of count or end can be defined in withSequence.`,
          );
        }
        // Argo checks hook expressions of steps and of the workflow, not of DAG tasks.
        if (t.steps) checkHooks(ctx, ctx.y.getMap(call.node, 'hooks'), `${where}.hooks`);
      }
    }
  },
};

function checkHooks(ctx: RuleContext, hooks: YAMLMap | undefined, where: string): void {
  for (const k of ctx.y.keys(hooks)) {
    if (k.value === 'exit') continue;
    const expr = ctx.y.getStr(ctx.y.getMap(hooks, k.value), 'expression');
    if (!expr || expr.value.trim() === '')
      ctx.report('hook-expression-required', k.range, `${where}.${k.value} Expression required: a hook other than "exit" runs when its expression is true.`);
  }
}
