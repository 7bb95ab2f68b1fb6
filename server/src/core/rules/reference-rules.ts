import type { CallModel, Located, TemplateModel } from '../model/types';
import { allTemplates, callsOf, templateLabel } from '../model/walk';
import type { YAMLMap } from 'yaml';
import type { Fix } from '../types';
import { didYouMean, suggest } from '../util/suggest';
import { createTemplateStubFix } from './template-fixes';
import { laterKey } from './later-key';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'unknown-template',
    severity: 'error',
    family: 'references',
    description: "A `template:`, `entrypoint`, `onExit` or hook names a template this document does not define (Argo: template name 'x' undefined).",
    example: 'entrypoint: mian   # templates: [main]',
  },
  {
    code: 'missing-entrypoint',
    severity: 'error',
    family: 'references',
    description: 'A Workflow or CronWorkflow has no `spec.entrypoint` (and no workflowTemplateRef to take it from).',
    example: 'spec:\n  templates: [...]',
  },
  {
    code: 'template-ref-with-template',
    severity: 'error',
    family: 'references',
    description: 'A task or step sets both `template` and `templateRef` (Argo: template name cannot be specified with templateRef).',
    example: 'template: a\ntemplateRef: {name: wt, template: a}',
  },
  {
    code: 'template-ref-incomplete',
    severity: 'error',
    family: 'references',
    description: '`templateRef` without `name` (resource name is required) or without `template` (template name is required).',
    example: 'templateRef: {name: wt}',
  },
  {
    code: 'missing-call-target',
    severity: 'error',
    family: 'references',
    description: 'A task or step has none of `template`, `templateRef` or `inline` (Argo: failed to get a template).',
    example: '- name: a\n  arguments: {}',
  },
  {
    code: 'template-ref-not-found',
    severity: 'info',
    family: 'references',
    description:
      'A templateRef / workflowTemplateRef names a WorkflowTemplate that is not in the workspace; the cluster will resolve it (make it an error with `argoStudio.strictTemplateRefs`).',
    example: 'templateRef: {name: not-in-workspace, template: main}',
  },
  {
    code: 'template-ref-unknown-template',
    severity: 'error',
    family: 'references',
    description: 'A templateRef names a template that the referenced WorkflowTemplate does not have (Argo: template reference x.y not found).',
    example: 'templateRef: {name: my-wt, template: mian}',
  },
  {
    code: 'workflow-template-ref-with-templates',
    severity: 'error',
    family: 'references',
    description: 'A Workflow that uses `workflowTemplateRef` also defines `templates`.',
    example: 'workflowTemplateRef: {name: wt}\ntemplates: [...]',
  },
];

export const referenceRules: RuleFamily = {
  name: 'references',
  rules: RULES,
  check(ctx: RuleContext): void {
    const { model, y } = ctx;
    const spec = model.spec;
    if (!spec) return;
    const names = spec.templates.map((t) => t.name?.value).filter((n): n is string => n !== undefined);
    const refOnly = spec.workflowTemplateRef !== undefined;
    const needsEntrypoint = model.kind === 'Workflow' || model.kind === 'CronWorkflow';
    if (needsEntrypoint && !refOnly && !spec.entrypoint) {
      const range =
        model.kind === 'CronWorkflow' ? (y.keyRange(model.cronSpec, 'workflowSpec') ?? model.kindRange) : (y.keyRange(model.root, 'spec') ?? model.kindRange);
      ctx.report(
        'missing-entrypoint',
        range,
        `${model.kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec'}.entrypoint is required: name the template the workflow starts with.`,
        {
          fixes: names.length > 0 ? [entrypointFix(ctx, spec.node, names[0])] : undefined,
        },
      );
    }
    if (refOnly && spec.templates.length > 0 && spec.templatesRange && (model.kind === 'Workflow' || model.kind === 'CronWorkflow')) {
      ctx.report(
        'workflow-template-ref-with-templates',
        y.keyRange(spec.node, 'templates') ?? spec.templatesRange,
        'Templates is invalid field in spec if workflow referred WorkflowTemplate reference: remove "templates" or "workflowTemplateRef".',
      );
    }
    if (!refOnly) {
      if (spec.entrypoint) checkName(ctx, spec.entrypoint, names, 'entrypoint');
      if (spec.onExit) checkName(ctx, spec.onExit, names, 'onExit');
    }
    checkHooks(ctx, y.getMap(spec.node, 'hooks'), names);
    const wtRef = spec.workflowTemplateRef;
    // Connected to a cluster: the cluster-aware rule says whether the template exists there.
    if (!ctx.inventory && wtRef?.name && !wtRef.name.value.includes('{{') && !ctx.workspace.find(wtRef.name.value, wtRef.clusterScope)) {
      const kind = wtRef.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
      ctx.report(
        'template-ref-not-found',
        wtRef.name.range,
        `${kind} "${wtRef.name.value}" is not in the workspace; the cluster will resolve it when the workflow is submitted.`,
      );
    }
    for (const t of allTemplates(spec)) {
      for (const call of callsOf(t)) checkCall(ctx, t, call, names);
    }
  },
};

function entrypointFix(ctx: RuleContext, spec: YAMLMap, first: string): { title: string; edits: { range: { start: number; end: number }; newText: string }[] } {
  // `entrypoint:` with no value: fill it in place (a second key would be a duplicate).
  const empty = ctx.y.keyRange(spec, 'entrypoint');
  if (empty) {
    let end = empty.end;
    while (ctx.text[end] === ' ' || ctx.text[end] === '\t') end++;
    if (ctx.text[end] === ':') end++;
    return { title: `Set "entrypoint: ${first}"`, edits: [{ range: { start: empty.start, end }, newText: `entrypoint: ${first}` }] };
  }
  const firstPair = spec.items[0];
  const at = firstPair ? ctx.y.range(firstPair.key).start : ctx.y.range(spec).start;
  const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
  const indent = ctx.text.slice(lineStart, at);
  const pure = /^\s*$/.test(indent);
  return {
    title: `Add "entrypoint: ${first}"`,
    edits: [{ range: { start: at, end: at }, newText: `entrypoint: ${first}\n${pure ? indent : ''}` }],
  };
}

/**
 * A template called by templateRef runs in the calling workflow: the `{{workflow.parameters.X}}` it
 * reads must be parameters of that workflow (Argo: failed to resolve {{workflow.parameters.X}}).
 */
function checkRefParameters(ctx: RuleContext, at: Located<string>, used: readonly string[], label: string): void {
  const spec = ctx.model.spec;
  if (!spec || used.length === 0 || ctx.model.kind === 'WorkflowTemplate' || ctx.model.kind === 'ClusterWorkflowTemplate') return;
  const defined = new Set(spec.arguments.parameters.map((p) => p.name?.value));
  const missing = used.filter((p) => !defined.has(p));
  if (missing.length === 0) return;
  ctx.report(
    'unresolved-variable',
    at.range,
    `Template "${label}" reads ${missing.map((p) => `{{workflow.parameters.${p}}}`).join(', ')}, which this workflow does not define: called by templateRef it runs in this workflow (Argo: failed to resolve {{workflow.parameters.${missing[0]}}}). Add ${missing.length > 1 ? 'them' : 'it'} to spec.arguments.parameters.`,
  );
}

function checkName(ctx: RuleContext, ref: Located<string>, names: string[], where: string): void {
  if (ref.value.includes('{{') || names.includes(ref.value)) return;
  const s = suggest(ref.value, names);
  const fixes: Fix[] = [];
  if (s) fixes.push({ title: `Change to "${s}"`, edits: [{ range: ref.range, newText: s }], preferred: true });
  const spec = ctx.model.spec;
  // A new template only when the name is not a typo of an existing one (the stub would leave its callers' outputs unresolved).
  const stub = spec && !s && /^[a-zA-Z0-9][-a-zA-Z0-9]*$/.test(ref.value) ? createTemplateStubFix(ctx, spec, ref.value) : undefined;
  if (stub) fixes.push(stub);
  ctx.report(
    'unknown-template',
    ref.range,
    `${where} names template "${ref.value}", which is not defined in this document (Argo: template name '${ref.value}' undefined).${didYouMean(s)}`,
    {
      fixes: fixes.length ? fixes : undefined,
    },
  );
}

function checkHooks(ctx: RuleContext, hooks: YAMLMap | undefined, names: string[]): void {
  for (const k of ctx.y.keys(hooks)) {
    const tpl = ctx.y.getStr(ctx.y.getMap(hooks, k.value), 'template');
    if (tpl) checkName(ctx, tpl, names, `Hook "${k.value}"`);
  }
}

function checkCall(ctx: RuleContext, t: TemplateModel, call: CallModel, names: string[]): void {
  const what = `${call.node === undefined ? 'call' : t.dag ? 'Task' : 'Step'} "${call.name?.value ?? '?'}"`;
  if (call.template && call.templateRef) {
    ctx.report(
      'template-ref-with-template',
      laterKey(ctx.y, call.node, ['template', 'templateRef']) ?? call.templateRef.range,
      `${what} sets both "template" and "templateRef": template name cannot be specified with templateRef.`,
    );
  } else if (call.template) {
    checkName(ctx, call.template, names, what);
  } else if (call.templateRef) {
    const ref = call.templateRef;
    if (!ref.name) ctx.report('template-ref-incomplete', ref.range, `templateRef of ${what} needs "name" (the WorkflowTemplate): resource name is required.`);
    if (!ref.template)
      ctx.report('template-ref-incomplete', ref.range, `templateRef of ${what} needs "template" (the template inside it): template name is required.`);
    if (ref.name && ref.template && !ref.name.value.includes('{{') && !ref.template.value.includes('{{')) {
      const kind = ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
      const wt = ctx.workspace.find(ref.name.value, ref.clusterScope);
      if (!wt) {
        if (!ctx.inventory)
          ctx.report(
            'template-ref-not-found',
            ref.name.range,
            `${kind} "${ref.name.value}" is not in the workspace; the cluster will resolve it when the workflow runs.`,
          );
      } else if (wt.templates.some((x) => x.name === ref.template?.value)) {
        checkRefParameters(
          ctx,
          ref.template,
          wt.templates.find((x) => x.name === ref.template?.value)?.workflowParameters ?? [],
          `${wt.name}/${ref.template.value}`,
        );
      } else if (!wt.templates.some((x) => x.name === ref.template?.value)) {
        const tpl = ref.template;
        const s = suggest(
          tpl.value,
          wt.templates.map((x) => x.name),
        );
        ctx.report(
          'template-ref-unknown-template',
          tpl.range,
          `${kind} "${wt.name}" has no template "${tpl.value}" (Argo: template reference ${wt.name}.${tpl.value} not found).${didYouMean(s)}`,
          {
            fixes: s ? [{ title: `Change to "${s}"`, edits: [{ range: tpl.range, newText: s }], preferred: true }] : undefined,
          },
        );
      }
    }
  } else if (!call.inline) {
    ctx.report(
      'missing-call-target',
      call.name?.range ?? call.range,
      `${what} of template "${templateLabel(t)}" names no template: set "template", "templateRef" or "inline" (Argo: failed to get a template).`,
    );
  }
  if (call.onExit) checkName(ctx, call.onExit, names, `onExit of ${what}`);
  checkHooks(ctx, ctx.y.getMap(call.node, 'hooks'), names);
}
