import type { ArgoKind } from '../types';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'name-too-long',
    severity: 'error',
    family: 'metadata',
    description: 'metadata.name is longer than Argo allows (63 characters; 52 for a CronWorkflow, which appends a timestamp).',
    example: 'metadata:\n  name: a-name-that-goes-on-and-on-...',
  },
  {
    code: 'invalid-resource-name',
    severity: 'warning',
    family: 'metadata',
    description: 'metadata.name / generateName is not a DNS-1123 subdomain; the Kubernetes API server rejects it on submit (argo lint does not check this).',
    example: 'metadata:\n  name: My_Workflow',
  },
  {
    code: 'name-or-generate-name-required',
    severity: 'warning',
    family: 'metadata',
    description: 'A document without metadata.name or metadata.generateName cannot be created in a cluster.',
    example: 'metadata: {}',
  },
];

const LIMIT: Record<ArgoKind, number> = { Workflow: 63, WorkflowTemplate: 63, ClusterWorkflowTemplate: 63, CronWorkflow: 52 };
const WHAT: Record<ArgoKind, string> = {
  Workflow: 'workflow name',
  WorkflowTemplate: 'workflow template name',
  ClusterWorkflowTemplate: 'cluster workflow template name',
  CronWorkflow: 'cron workflow name',
};
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const metadataRules: RuleFamily = {
  name: 'metadata',
  rules: RULES,
  check(ctx: RuleContext): void {
    const { model } = ctx;
    const name = model.name;
    if (name && !name.value.includes('{{')) {
      const limit = LIMIT[model.kind];
      if (name.value.length > limit) {
        ctx.report(
          'name-too-long',
          name.range,
          `${WHAT[model.kind]} "${name.value}" must not be more than ${limit} characters long (currently ${name.value.length}).`,
        );
      }
      if (!DNS1123.test(name.value) || name.value.length > 253) {
        ctx.report(
          'invalid-resource-name',
          name.range,
          `metadata.name "${name.value}" is not a valid Kubernetes name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.`,
        );
      }
    }
    const gen = model.generateName;
    if (gen && !gen.value.includes('{{')) {
      const base = gen.value.replace(/-$/, '');
      if (base.length > 0 && !DNS1123.test(base)) {
        ctx.report(
          'invalid-resource-name',
          gen.range,
          `metadata.generateName "${gen.value}" is not a valid Kubernetes name prefix: use lower-case letters, digits, '-' and '.'.`,
        );
      }
    }
    if (!name && !gen) {
      const at = ctx.y.keyRange(model.root, 'metadata') ?? model.kindRange;
      ctx.report(
        'name-or-generate-name-required',
        at,
        `Set metadata.name${model.kind === 'Workflow' ? ' or metadata.generateName' : ''}: the Kubernetes API server rejects a ${model.kind} without one.`,
      );
    }
  },
};
