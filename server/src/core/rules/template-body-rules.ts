import { parseDocument, isScalar } from 'yaml';
import type { TemplateModel, TemplateType } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'image-required',
    severity: 'error',
    family: 'templates',
    description: 'A container or script template without an image (and no spec.templateDefaults image).',
    example: '- name: a\n  container:\n    command: [echo]',
  },
  {
    code: 'reserved-container-name',
    severity: 'error',
    family: 'templates',
    description:
      "A sidecar or containerSet container named 'wait', 'supervisor' or 'artifact-plugin-*' (reserved by Argo), or a sidecar named 'main' (the template's own container).",
    example: 'sidecars:\n- name: wait',
  },
  {
    code: 'init-container-name-required',
    severity: 'error',
    family: 'templates',
    description: 'An initContainer without a name.',
    example: 'initContainers:\n- image: alpine',
  },
  {
    code: 'non-leaf-field',
    severity: 'error',
    family: 'templates',
    description: 'timeout, pendingTimeout or activeDeadlineSeconds on a steps/dag template (only valid for leaf templates).',
    example: '- name: main\n  timeout: 10m\n  dag: {...}',
  },
  {
    code: 'leaf-only-parallelism',
    severity: 'error',
    family: 'templates',
    description: 'parallelism on a leaf template (only valid for steps and dag templates).',
    example: '- name: a\n  parallelism: 2\n  container: {...}',
  },
  {
    code: 'invalid-duration',
    severity: 'error',
    family: 'templates',
    description: "A timeout written as a bare number (Argo needs a duration such as '30s').",
    example: 'timeout: 30',
  },
  {
    code: 'invalid-active-deadline',
    severity: 'error',
    family: 'templates',
    description: 'activeDeadlineSeconds that is not a positive integer (or an Argo variable).',
    example: 'activeDeadlineSeconds: 0',
  },
  {
    code: 'resource-manifest-required',
    severity: 'error',
    family: 'templates',
    description: 'A resource template (action other than get/delete) without manifest or manifestFrom, or with both.',
    example: 'resource:\n  action: create',
  },
  {
    code: 'resource-manifest-invalid',
    severity: 'error',
    family: 'templates',
    description: 'A resource manifest that is not valid YAML, or manifestFrom naming an artifact that is not an input.',
    example: 'manifest: "a: [b"',
  },
  {
    code: 'field-not-supported',
    severity: 'error',
    family: 'templates',
    description: 'podResources on an http/plugin template, or resourceClaims on a template that creates no pod.',
    example: '- name: h\n  podResources: {...}\n  http: {...}',
  },
  {
    code: 'container-set-invalid',
    severity: 'error',
    family: 'templates',
    description:
      'A containerSet with no containers, an unknown or cyclic container dependency, or no "main" container when the template has artifacts or outputs.',
    example: 'containerSet:\n  containers:\n  - {name: a, dependencies: [b]}',
  },
  {
    code: 'invalid-metric',
    severity: 'error',
    family: 'templates',
    description: 'A Prometheus metric with a bad name or label, no help, or no value.',
    example: 'metrics:\n  prometheus:\n  - name: my-metric',
  },
];

const LEAF: ReadonlySet<TemplateType> = new Set(['container', 'containerSet', 'script', 'resource', 'suspend', 'data', 'http', 'plugin']);
const POD: ReadonlySet<TemplateType> = new Set(['container', 'containerSet', 'script', 'resource', 'data']);
const RESERVED = (n: string): boolean => n === 'wait' || n === 'supervisor' || n.startsWith('artifact-plugin-');
const TYPE_LABEL: Record<TemplateType, string> = {
  container: 'Container',
  containerSet: 'ContainerSet',
  script: 'Script',
  resource: 'Resource',
  dag: 'DAG',
  steps: 'Steps',
  suspend: 'Suspend',
  data: 'Data',
  http: 'HTTP',
  plugin: 'Plugin',
};

export const templateBodyRules: RuleFamily = {
  name: 'templates',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    const defaults = ctx.y.getMap(spec.node, 'templateDefaults');
    const defaultImage = ctx.y.getStr(ctx.y.getMap(defaults, 'container'), 'image') ?? ctx.y.getStr(ctx.y.getMap(defaults, 'script'), 'image');
    for (const t of allTemplates(spec)) {
      if (!t.type) continue;
      checkImage(ctx, t, defaultImage !== undefined);
      checkContainers(ctx, t);
      checkPlacement(ctx, t);
      if (t.type === 'resource') checkResource(ctx, t);
      checkMetrics(ctx, t);
      if (t.type === 'containerSet') checkContainerSet(ctx, t);
    }
  },
};

function checkImage(ctx: RuleContext, t: TemplateModel, hasDefault: boolean): void {
  if ((t.type !== 'container' && t.type !== 'script') || hasDefault) return;
  const body = ctx.y.getMap(t.node, t.type);
  if (!body) return;
  const image = ctx.y.getStr(body, 'image');
  if (!image || image.value.trim() === '') {
    ctx.report(
      'image-required',
      ctx.y.keyRange(t.node, t.type) ?? t.range,
      `templates.${templateLabel(t)}.${t.type}.image may not be empty: set an image (or spec.templateDefaults.container.image).`,
    );
  }
}

function checkContainers(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const named = (seqKey: string, owner = t.node): void => {
    for (const item of y.getSeq(owner, seqKey)?.items ?? []) {
      const name = y.getStr(y.map(item), 'name');
      if (name && RESERVED(name.value))
        ctx.report('reserved-container-name', name.range, `templates.${templateLabel(t)}.${seqKey}: "${name.value}" is a reserved Argo container name.`);
    }
  };
  named('sidecars');
  // The template's own container is "main": a sidecar of that name collides with it.
  for (const item of y.getSeq(t.node, 'sidecars')?.items ?? []) {
    const name = y.getStr(y.map(item), 'name');
    if (name?.value === 'main')
      ctx.report(
        'reserved-container-name',
        name.range,
        `templates.${templateLabel(t)}.sidecars: "main" is the name of the template's own container; the pod cannot have two (rename the sidecar).`,
      );
  }
  const cs = y.getMap(t.node, 'containerSet');
  if (cs) named('containers', cs);
  for (const item of y.getSeq(t.node, 'initContainers')?.items ?? []) {
    const m = y.map(item);
    if (m && !y.getStr(m, 'name'))
      ctx.report('init-container-name-required', y.range(m), `templates.${templateLabel(t)}: initContainers must all have container name.`);
  }
}

function checkPlacement(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const type = t.type;
  if (!type) return;
  const leaf = LEAF.has(type);
  for (const key of ['timeout', 'pendingTimeout', 'activeDeadlineSeconds']) {
    const r = y.keyRange(t.node, key);
    if (r && !leaf)
      ctx.report(
        'non-leaf-field',
        r,
        `${TYPE_LABEL[type]} template "${templateLabel(t)}" doesn't support the ${key} field: it is only valid for leaf templates (set it on the templates it calls).`,
      );
  }
  const timeout = y.get(t.node, 'timeout');
  if (isScalar(timeout) && typeof timeout.value === 'number') {
    ctx.report(
      'invalid-duration',
      y.range(timeout),
      `templates.${templateLabel(t)} has invalid duration format in timeout: write a duration such as "${timeout.value}s".`,
      {
        fixes: [{ title: `Change to "${timeout.value}s"`, edits: [{ range: y.range(timeout), newText: `"${timeout.value}s"` }], preferred: true }],
      },
    );
  }
  const ads = y.get(t.node, 'activeDeadlineSeconds');
  if (leaf && isScalar(ads)) {
    const v = ads.value;
    const ok = (typeof v === 'number' && Number.isInteger(v) && v > 0) || (typeof v === 'string' && (v.includes('{{') || /^[1-9][0-9]*$/.test(v)));
    if (!ok)
      ctx.report(
        'invalid-active-deadline',
        y.range(ads),
        `templates.${templateLabel(t)}.activeDeadlineSeconds must be a positive integer > 0 or an argo variable.`,
      );
  }
  const par = y.keyRange(t.node, 'parallelism');
  if (par && leaf) ctx.report('leaf-only-parallelism', par, `templates.${templateLabel(t)}.parallelism is only valid for steps and dag templates.`);
  const podRes = y.keyRange(t.node, 'podResources');
  if (podRes && (type === 'http' || type === 'plugin'))
    ctx.report('field-not-supported', podRes, `templates.${templateLabel(t)}.podResources is not supported for ${TYPE_LABEL[type]} templates.`);
  const claims = y.keyRange(t.node, 'resourceClaims');
  if (claims && !POD.has(type))
    ctx.report(
      'field-not-supported',
      claims,
      `templates.${templateLabel(t)}.resourceClaims is not supported for ${TYPE_LABEL[type]} templates, which do not create a pod.`,
    );
}

function checkResource(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const res = y.getMap(t.node, 'resource');
  if (!res) return;
  const action = y.getStr(res, 'action')?.value;
  const manifest = y.getStr(res, 'manifest');
  const from = y.getMap(res, 'manifestFrom');
  const at = y.keyRange(t.node, 'resource') ?? t.range;
  const label = templateLabel(t);
  if (action !== 'get' && action !== 'delete' && !manifest && !from) {
    ctx.report('resource-manifest-required', at, `Either templates.${label}.resource.manifest or templates.${label}.resource.manifestFrom must be specified.`);
  }
  if (manifest && from)
    ctx.report(
      'resource-manifest-required',
      y.keyRange(res, 'manifestFrom') ?? at,
      "Shouldn't have both `manifest` and `manifestFrom` specified in `Manifest` for resource template.",
    );
  if (manifest) {
    const replaced = manifest.value.replace(/\{\{=?[\s\S]*?\}\}/g, (m) => 'x'.repeat(m.length));
    const doc = parseDocument(replaced, { uniqueKeys: false });
    if (doc.errors.length > 0) {
      ctx.report(
        'resource-manifest-invalid',
        manifest.range,
        `templates.${label}.resource.manifest must be a valid yaml: ${doc.errors[0].message.split('\n')[0]}`,
      );
    }
  }
  const artifact = y.getStr(y.getMap(from, 'artifact'), 'name');
  if (artifact && !t.inputs.artifacts.some((a) => a.name?.value === artifact.value)) {
    ctx.report(
      'resource-manifest-invalid',
      artifact.range,
      `artifact ${artifact.value} in \`manifestFrom\` refer to a non-exist artifact: declare it in inputs.artifacts.`,
    );
  }
}

const METRIC_NAME = /^[a-zA-Z0-9_]+$/;

function checkMetrics(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const prom = y.getSeq(y.getMap(t.node, 'metrics'), 'prometheus');
  for (const item of prom?.items ?? []) {
    const m = y.map(item);
    if (!m) continue;
    const name = y.getStr(m, 'name');
    const label = templateLabel(t);
    if (name && !METRIC_NAME.test(name.value))
      ctx.report(
        'invalid-metric',
        name.range,
        `templates.${label} metric name '${name.value}' is invalid. Metric names must contain alphanumeric characters or '_'.`,
      );
    const help = y.getStr(m, 'help');
    if (!help || help.value === '')
      ctx.report(
        'invalid-metric',
        name?.range ?? y.range(m),
        `templates.${label} metric '${name?.value ?? '?'}' must contain a help string under 'help: ' field.`,
      );
    for (const l of y.getSeq(m, 'labels')?.items ?? []) {
      const key = y.getStr(y.map(l), 'key');
      if (key && !METRIC_NAME.test(key.value))
        ctx.report('invalid-metric', key.range, `metric label '${key.value}' is invalid: keys may only contain alphanumeric characters or '_'.`);
    }
    for (const kind of ['gauge', 'counter', 'histogram']) {
      const body = y.getMap(m, kind);
      if (body && !y.getStr(body, 'value'))
        ctx.report('invalid-metric', y.keyRange(m, kind) ?? y.range(m), `templates.${label} metric '${name?.value ?? '?'}' error: missing ${kind}.value.`);
    }
  }
}

function checkContainerSet(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const cs = y.getMap(t.node, 'containerSet');
  const label = `templates.${templateLabel(t)}.containerSet`;
  const items = y.getSeq(cs, 'containers')?.items ?? [];
  if (items.length === 0) {
    ctx.report('container-set-invalid', y.keyRange(t.node, 'containerSet') ?? t.range, `${label}.containers must have at least one container.`);
    return;
  }
  const deps = new Map<string, { name: string; range: { start: number; end: number } }[]>();
  for (const item of items) {
    const m = y.map(item);
    const name = y.getStr(m, 'name');
    if (!m || !name) continue;
    const list = (y.getSeq(m, 'dependencies')?.items ?? []).map((d) => y.str(d)).filter((d): d is NonNullable<typeof d> => d !== undefined);
    deps.set(
      name.value,
      list.map((d) => ({ name: d.value, range: d.range })),
    );
  }
  for (const [name, list] of deps) {
    for (const d of list)
      if (!deps.has(d.name)) ctx.report('container-set-invalid', d.range, `${label}.containers.${name} dependency '${d.name}' not defined.`);
  }
  // A cycle: depth-first over container dependencies.
  // Iterative (a long chain of containers must not exhaust the stack); `frames` is the current path.
  const state = new Map<string, number>();
  for (const root of deps.keys()) {
    if (state.has(root)) continue;
    state.set(root, 1);
    const frames: { name: string; i: number }[] = [{ name: root, i: 0 }];
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      const list = deps.get(f.name) ?? [];
      if (f.i >= list.length) {
        state.set(f.name, 2);
        frames.pop();
        continue;
      }
      const d = list[f.i++];
      if (!deps.has(d.name)) continue;
      if (state.get(d.name) === 1)
        ctx.report('container-set-invalid', d.range, `${label}.containers dependency cycle detected: ${[...frames.map((x) => x.name), d.name].join('->')}.`);
      else if (!state.has(d.name)) {
        state.set(d.name, 1);
        frames.push({ name: d.name, i: 0 });
      }
    }
  }
  const needsMain = t.inputs.artifacts.length > 0 || t.outputs.parameters.length > 0 || t.outputs.artifacts.length > 0;
  if (needsMain && !deps.has('main'))
    ctx.report('container-set-invalid', y.keyRange(cs, 'containers') ?? t.range, `${label}.containers must have a container named "main" for input or output.`);
}
