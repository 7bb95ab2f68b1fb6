import type { StepModel } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';
import { checkNameSyntax } from './template-rules';

const RULES: RuleMeta[] = [
  {
    code: 'duplicate-step-name',
    severity: 'error',
    family: 'steps',
    description: 'Two steps of one steps template have the same name (across all groups).',
    example: 'steps: [[{name: a, ...}], [{name: a, ...}]]',
  },
  { code: 'step-name-required', severity: 'error', family: 'steps', description: 'A step has no name.', example: 'steps:\n- - template: t' },
];

export const stepRules: RuleFamily = {
  name: 'steps',
  rules: RULES,
  check(ctx: RuleContext): void {
    for (const t of allTemplates(ctx.model.spec)) {
      if (!t.steps) continue;
      const seen = new Map<string, StepModel>();
      for (const g of t.steps) {
        for (const step of g.steps) {
          if (!step.name) {
            ctx.report(
              'step-name-required',
              ctx.y.range(step.node.items[0]?.key ?? step.node),
              `A step of template "${templateLabel(t)}" has no name (templates.${templateLabel(t)}.steps[${g.index}].name is required).`,
            );
            continue;
          }
          const prev = seen.get(step.name.value);
          if (prev?.name) {
            ctx.report(
              'duplicate-step-name',
              step.name.range,
              `Step name "${step.name.value}" is used twice in template "${templateLabel(t)}" (templates.${templateLabel(t)}.steps[${g.index}].name '${step.name.value}' is not unique).`,
              {
                related: [{ message: 'first defined here', range: prev.name.range }],
              },
            );
          } else seen.set(step.name.value, step);
          checkNameSyntax(ctx, step.name.value, step.name.range, `Step name "${step.name.value}"`, true);
        }
      }
    }
  },
};
