import type { TemplateModel } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'artifact-path-required',
    severity: 'error',
    family: 'templates',
    description: 'An input or output artifact of a container/script template without a path.',
    example: 'outputs:\n  artifacts:\n  - name: result',
  },
  {
    code: 'artifact-path-not-allowed',
    severity: 'error',
    family: 'templates',
    description: 'An artifact path on a steps/dag template, or `from` on an input artifact.',
    example: '- name: main\n  outputs: {artifacts: [{name: a, path: /x}]}\n  steps: [...]',
  },
  {
    code: 'output-value-source',
    severity: 'error',
    family: 'templates',
    description:
      'An output parameter with neither or both of value and valueFrom, or a valueFrom that does not fit the template type (path for container/script, jqFilter/jsonPath for resource, parameter/expression for steps/dag).',
    example: 'outputs:\n  parameters:\n  - name: out',
  },
  {
    code: 'invalid-global-name',
    severity: 'error',
    family: 'templates',
    description: "An output's globalName with characters other than letters, digits, '_' and '-' (unless it is itself a {{...}} parameter).",
    example: 'globalName: my.output',
  },
  {
    code: 'mount-collision',
    severity: 'error',
    family: 'templates',
    description: 'Two volume mounts, or a volume mount and an input artifact, at the same path of a container.',
    example: 'volumeMounts: [{name: a, mountPath: /x}, {name: b, mountPath: /x}]',
  },
];

const GLOBAL_NAME_RE = /^[-a-zA-Z0-9_]+$/;

const VALUE_FROM_TYPES = ['path', 'jqFilter', 'jsonPath', 'parameter', 'expression', 'supplied', 'configMapKeyRef', 'event'];

export const outputRules: RuleFamily = {
  name: 'templates',
  rules: RULES,
  check(ctx: RuleContext): void {
    for (const t of allTemplates(ctx.model.spec)) {
      if (!t.type) continue;
      checkArtifacts(ctx, t);
      checkOutputParameters(ctx, t);
      checkGlobalNames(ctx, t);
      checkMounts(ctx, t);
    }
  },
};

function checkArtifacts(ctx: RuleContext, t: TemplateModel): void {
  const label = templateLabel(t);
  const type = t.type ?? 'container';
  const needsPath = type === 'container' || type === 'script';
  const nonLeaf = type === 'dag' || type === 'steps';
  for (const [where, list] of [
    ['inputs', t.inputs.artifacts],
    ['outputs', t.outputs.artifacts],
  ] as const) {
    for (const a of list) {
      const name = a.name?.value ?? '?';
      const at = a.name?.range ?? a.range;
      if (where === 'inputs' && a.from) {
        ctx.report(
          'artifact-path-not-allowed',
          ctx.y.keyRange(a.node, 'from') ?? at,
          `templates.${label}.inputs.artifacts.${name}.from not valid in inputs: pass the artifact in the caller's arguments.`,
        );
      }
      if (nonLeaf && a.path) {
        ctx.report(
          'artifact-path-not-allowed',
          ctx.y.keyRange(a.node, 'path') ?? at,
          `templates.${label}.${where}.artifacts.${name}.path only valid in container/script templates.`,
        );
      } else if (needsPath && !a.path && !(where === 'inputs' && a.optional)) {
        ctx.report('artifact-path-required', at, `error in templates.${label}.${where}.artifacts.${name}: Artifact '${name}' did not specify a path.`);
      }
    }
  }
}

function checkOutputParameters(ctx: RuleContext, t: TemplateModel): void {
  const label = templateLabel(t);
  for (const p of t.outputs.parameters) {
    const ref = `templates.${label}.outputs.parameters.${p.name?.value ?? '?'}`;
    const at = p.name?.range ?? p.range;
    const hasValue = ctx.y.has(p.node, 'value');
    if (p.hasValueFrom && hasValue) {
      ctx.report('output-value-source', at, `${ref} has both valueFrom and value specified, choose one.`);
      continue;
    }
    if (!p.hasValueFrom) {
      if (!hasValue && t.type !== 'suspend') ctx.report('output-value-source', at, `${ref} does not have valueFrom or value specified.`);
      continue;
    }
    const kinds = p.valueFromKeys.filter((k) => VALUE_FROM_TYPES.includes(k));
    const vfRange = ctx.y.keyRange(p.node, 'valueFrom') ?? at;
    if (kinds.length === 0 && !p.valueFromKeys.includes('default')) {
      ctx.report('output-value-source', vfRange, `${ref}: valueFrom type unspecified. choose one of: path, jqFilter, jsonPath, parameter, raw, expression.`);
      continue;
    }
    if (kinds.length > 1) {
      ctx.report(
        'output-value-source',
        vfRange,
        `${ref}: multiple valueFrom types specified (${kinds.join(', ')}). choose one of: path, jqFilter, jsonPath, parameter, raw.`,
      );
      continue;
    }
    const has = (k: string): boolean => p.valueFromKeys.includes(k);
    switch (t.type) {
      case 'container':
      case 'containerSet':
      case 'script':
        if (!has('path'))
          ctx.report(
            'output-value-source',
            vfRange,
            `${ref}.path must be specified for ${t.type === 'script' ? 'Script' : t.type === 'containerSet' ? 'ContainerSet' : 'Container'} templates.`,
          );
        break;
      case 'resource':
        if (!has('jqFilter') && !has('jsonPath'))
          ctx.report('output-value-source', vfRange, `${ref} .jqFilter or jsonPath must be specified for Resource templates.`);
        break;
      case 'dag':
      case 'steps':
        if (!has('parameter') && !has('expression'))
          ctx.report('output-value-source', vfRange, `${ref}.parameter or expression must be specified for ${t.type === 'dag' ? 'DAG' : 'Steps'} templates.`);
        break;
      default:
        break;
    }
  }
}

function checkGlobalNames(ctx: RuleContext, t: TemplateModel): void {
  for (const o of [...t.outputs.parameters, ...t.outputs.artifacts]) {
    const g = o.globalName;
    if (g && !/^\{\{.*\}\}$/.test(g.value.trim()) && !GLOBAL_NAME_RE.test(g.value)) {
      ctx.report(
        'invalid-global-name',
        g.range,
        `templates.${templateLabel(t)}.outputs: globalName '${g.value}' is invalid: it must consist of alpha-numeric characters, '_' or '-' e.g. my_param_1, MY-PARAM-1.`,
      );
    }
  }
}

/** Argo: "mountPath '%s' already mounted in %s" (volume mounts and input artifact paths of a container). */
function checkMounts(ctx: RuleContext, t: TemplateModel): void {
  if (t.type !== 'container' && t.type !== 'script') return;
  const { y } = ctx;
  const body = y.getMap(t.node, t.type);
  const seen = new Map<string, string>();
  (y.getSeq(body, 'volumeMounts')?.items ?? []).forEach((item, i) => {
    const path = y.getStr(y.map(item), 'mountPath');
    if (!path || path.value.includes('{{')) return;
    const prev = seen.get(path.value);
    if (prev)
      ctx.report(
        'mount-collision',
        path.range,
        `templates.${templateLabel(t)}.${t.type}.volumeMounts[${i}].mountPath '${path.value}' already mounted in ${prev}.`,
      );
    else seen.set(path.value, `${t.type}.volumeMounts.${y.getStr(y.map(item), 'name')?.value ?? i}`);
  });
  t.inputs.artifacts.forEach((a, i) => {
    const path = a.path;
    if (!path || path.value.includes('{{')) return;
    const prev = seen.get(path.value);
    if (prev)
      ctx.report('mount-collision', path.range, `templates.${templateLabel(t)}.inputs.artifacts[${i}].path '${path.value}' already mounted in ${prev}.`);
    else seen.set(path.value, `inputs.artifacts.${a.name?.value ?? i}`);
  });
}
