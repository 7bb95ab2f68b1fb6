import { isScalar } from 'yaml';
import type { TemplateModel } from '../model/types';
import { TEMPLATE_TYPES } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

export const NAME_RE = /^[a-zA-Z0-9][-a-zA-Z0-9]*$/;
const NAME_DETAIL = "name must consist of alpha-numeric characters or '-', and must start with an alpha-numeric character (e.g. My-name1-2, 123-NAME)";

const RULES: RuleMeta[] = [
  {
    code: 'duplicate-template-name',
    severity: 'error',
    family: 'templates',
    description: 'Two templates of one document have the same name.',
    example: 'templates: [{name: a, ...}, {name: a, ...}]',
  },
  { code: 'template-name-required', severity: 'error', family: 'templates', description: 'A template has no name.', example: 'templates:\n- container: {...}' },
  {
    code: 'invalid-name',
    severity: 'error',
    family: 'templates',
    description: 'A template, task or step name is not alpha-numeric with dashes (max 128 characters).',
    example: '- name: my_template',
  },
  {
    code: 'template-type-unknown',
    severity: 'error',
    family: 'templates',
    description:
      "A template has none of container, script, resource, dag, steps, suspend, data, http, plugin, containerSet (Argo: template 'x' type is unknown).",
    example: '- name: a\n  inputs: {}',
  },
  {
    code: 'multiple-template-types',
    severity: 'error',
    family: 'templates',
    description: 'A template has more than one of container, script, dag, steps, ... (choose one).',
    example: '- name: a\n  container: {...}\n  script: {...}',
  },
];

export const templateRules: RuleFamily = {
  name: 'templates',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    const seen = new Map<string, TemplateModel>();
    for (const t of spec.templates) {
      if (!t.name) {
        ctx.report('template-name-required', ctx.y.range(t.node.items[0]?.key ?? t.node), `spec.templates[${t.index}].name is required.`);
        continue;
      }
      const prev = seen.get(t.name.value);
      if (prev?.name) {
        ctx.report(
          'duplicate-template-name',
          t.name.range,
          `Template name "${t.name.value}" is used twice: spec.templates[${t.index}].name '${t.name.value}' is not unique.`,
          {
            related: [{ message: 'first defined here', range: prev.name.range }],
          },
        );
      } else seen.set(t.name.value, t);
      checkNameSyntax(ctx, t.name.value, t.name.range, `Template name "${t.name.value}"`);
    }
    for (const t of allTemplates(spec)) {
      const at = t.name?.range ?? ctx.y.range(t.node.items[0]?.key ?? t.node);
      if (t.types.length === 0) {
        ctx.report(
          'template-type-unknown',
          at,
          `Template "${templateLabel(t)}" has no body: add one of ${TEMPLATE_TYPES.join(', ')} (Argo: template '${templateLabel(t)}' type is unknown).`,
        );
      } else if (t.types.length === 1 && isEmptyValue(ctx.y.get(t.node, t.types[0]))) {
        ctx.report(
          'template-type-unknown',
          ctx.y.keyRange(t.node, t.types[0]) ?? at,
          `Template "${templateLabel(t)}" has "${t.types[0]}:" with nothing under it: Argo sees no ${t.types[0]} (template '${templateLabel(t)}' type is unknown). Write its fields below it (or {} for suspend).`,
        );
      } else if (t.types.length > 1) {
        ctx.report(
          'multiple-template-types',
          ctx.y.keyRange(t.node, t.types[1]) ?? at,
          `Template "${templateLabel(t)}" has ${t.types.join(' and ')}: multiple template types specified, choose one.`,
        );
      }
      for (const task of t.dag?.tasks ?? []) {
        if (task.name) checkNameSyntax(ctx, task.name.value, task.name.range, `Task name "${task.name.value}"`);
      }
    }
  },
};

export function checkNameSyntax(ctx: RuleContext, name: string, range: { start: number; end: number }, label: string, tolerateVariables = false): void {
  const bare = tolerateVariables ? name.replace(/\{\{[^}]*\}\}/g, 'x') : name;
  if (bare.length > 128) ctx.report('invalid-name', range, `${label} is invalid: must be no more than 128 characters.`);
  else if (!NAME_RE.test(bare)) ctx.report('invalid-name', range, `${label} is invalid: ${NAME_DETAIL}.`);
}

/** A key written with no value (`container:`): null for Go, so no template body. */
function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || (isScalar(v) && (v.value === null || v.value === ''));
}
