import type { Range } from '../types';
import type { ArtifactModel, ParameterModel, ParamsModel } from '../model/types';
import { allTemplates, callsOf, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'parameter-name-required',
    severity: 'error',
    family: 'arguments',
    description: 'A parameter or artifact without a name.',
    example: 'parameters:\n- value: x',
  },
  {
    code: 'invalid-parameter-name',
    severity: 'error',
    family: 'arguments',
    description: "A parameter or artifact name with characters other than letters, digits, '_' and '-'.",
    example: 'parameters:\n- name: my.param',
  },
  {
    code: 'duplicate-parameter-name',
    severity: 'error',
    family: 'arguments',
    description: 'Two parameters (or two artifacts) with the same name in one list.',
    example: 'parameters: [{name: a}, {name: a}]',
  },
  {
    code: 'argument-value-required',
    severity: 'error',
    family: 'arguments',
    description: 'A task/step argument (or a CronWorkflow argument) without value or valueFrom.',
    example: 'arguments:\n  parameters:\n  - name: msg',
  },
  {
    code: 'argument-value-from-invalid',
    severity: 'error',
    family: 'arguments',
    description: 'An argument valueFrom other than configMapKeyRef, event, supplied and default.',
    example: 'arguments:\n  parameters:\n  - name: a\n    valueFrom: {path: /tmp/x}',
  },
  { code: 'enum-empty', severity: 'error', family: 'arguments', description: 'A parameter with an empty enum list.', example: '- name: color\n  enum: []' },
  {
    code: 'enum-value-not-allowed',
    severity: 'error',
    family: 'arguments',
    description: "A parameter's value is not in its enum list.",
    example: '- name: color\n  value: pink\n  enum: [red, blue]',
  },
  {
    code: 'artifact-argument-source-required',
    severity: 'error',
    family: 'arguments',
    description: 'An artifact argument without from, fromExpression, a location or a key.',
    example: 'arguments:\n  artifacts:\n  - name: data',
  },
  {
    code: 'artifact-from-and-from-expression',
    severity: 'error',
    family: 'arguments',
    description: 'An artifact argument with both from and fromExpression.',
    example: '- name: a\n  from: "{{...}}"\n  fromExpression: "..."',
  },
];

const PARAM_NAME_RE = /^[-a-zA-Z0-9_]+$/;
const ARG_VALUE_FROM = new Set(['configMapKeyRef', 'event', 'supplied', 'default']);

export const argumentRules: RuleFamily = {
  name: 'arguments',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    checkNames(ctx, spec.arguments, 'spec.arguments');
    checkArguments(ctx, spec.arguments, 'spec.arguments', ctx.model.kind === 'CronWorkflow');
    for (const t of allTemplates(spec)) {
      const label = `templates.${templateLabel(t)}`;
      checkNames(ctx, t.inputs, `${label}.inputs`);
      checkNames(ctx, t.outputs, `${label}.outputs`);
      checkEnums(ctx, t.inputs.parameters, `${label}.inputs`);
      for (const call of callsOf(t)) {
        const where = `${label}.${t.dag ? 'tasks' : 'steps'}.${call.name?.value ?? '?'}.arguments`;
        checkNames(ctx, call.arguments, where);
        checkArguments(ctx, call.arguments, where, true);
      }
    }
  },
};

function checkNames(ctx: RuleContext, params: ParamsModel, where: string): void {
  const check = (items: readonly (ParameterModel | ArtifactModel)[], list: 'parameters' | 'artifacts'): void => {
    const seen = new Map<string, Range>();
    items.forEach((p, i) => {
      if (!p.name) {
        ctx.report('parameter-name-required', ctx.y.range(p.node.items[0]?.key ?? p.node), `${where}.${list}[${i}].name is required.`);
        return;
      }
      const n = p.name.value;
      if (!PARAM_NAME_RE.test(n)) {
        ctx.report(
          'invalid-parameter-name',
          p.name.range,
          `${where}.${list}[${i}].name: '${n}' is invalid: ${list === 'parameters' ? 'Parameter' : 'Artifact'} name must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1.`,
        );
      }
      const first = seen.get(n);
      if (first)
        ctx.report('duplicate-parameter-name', p.name.range, `${where}.${list}[${i}].name '${n}' is not unique.`, {
          related: [{ message: 'first defined here', range: first }],
        });
      else seen.set(n, p.name.range);
    });
  };
  check(params.parameters, 'parameters');
  check(params.artifacts, 'artifacts');
}

function checkArguments(ctx: RuleContext, args: ParamsModel, where: string, valueRequired: boolean): void {
  for (const p of args.parameters) {
    const name = p.name?.value ?? '?';
    const at = p.name?.range ?? p.range;
    if (p.hasValueFrom) {
      const bad = p.valueFromKeys.filter((k) => !ARG_VALUE_FROM.has(k));
      if (bad.length > 0) {
        const keyRange = ctx.y.keyRange(ctx.y.getMap(p.node, 'valueFrom'), bad[0]) ?? at;
        ctx.report(
          'argument-value-from-invalid',
          keyRange,
          `${where}.parameters.${name}.valueFrom only allows: default, configMapKeyRef and supplied (and event); "${bad[0]}" is for output parameters.`,
        );
      }
    } else if (valueRequired && p.value === undefined && !ctx.y.has(p.node, 'value')) {
      ctx.report('argument-value-required', at, `${where}.parameters.${name}.value or ${where}.parameters.${name}.valueFrom is required.`);
    }
  }
  checkEnums(ctx, args.parameters, where);
  for (const a of args.artifacts) {
    const name = a.name?.value ?? '?';
    const at = a.name?.range ?? a.range;
    if (a.from && a.fromExpression)
      ctx.report(
        'artifact-from-and-from-expression',
        ctx.y.keyRange(a.node, 'fromExpression') ?? at,
        `${where}.artifacts.${name} shouldn't have both \`from\` and \`fromExpression\` in Artifact.`,
      );
    else if (!a.from && !a.fromExpression && !a.hasLocation)
      ctx.report('artifact-argument-source-required', at, `${where}.artifacts.${name}.from, artifact location, or key is required.`);
  }
}

function checkEnums(ctx: RuleContext, params: readonly ParameterModel[], where: string): void {
  for (const p of params) {
    if (!p.enum) continue;
    const name = p.name?.value ?? '?';
    if (p.enum.length === 0) {
      ctx.report('enum-empty', ctx.y.keyRange(p.node, 'enum') ?? p.range, `${where}.parameters.${name}.enum should contain at least one value.`);
      continue;
    }
    const v = p.value;
    if (v && !v.value.includes('{{') && !p.enum.some((e) => e.value === v.value)) {
      ctx.report(
        'enum-value-not-allowed',
        v.range,
        `${where}.parameters.${name}.value should be present in ${where}.parameters.${name}.enum list (${p.enum.map((e) => e.value).join(', ')}).`,
        {
          fixes: p.enum.slice(0, 5).map((e) => ({ title: `Change to "${e.value}"`, edits: [{ range: v.range, newText: e.value }] })),
        },
      );
    }
  }
}
