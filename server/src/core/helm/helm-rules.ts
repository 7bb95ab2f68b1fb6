import type { RuleMeta } from '../rules/rule';

/** The codes that only Helm chart templates get (reported by the Helm analysis, not by a rule family). */
export const HELM_RULES: readonly RuleMeta[] = [
  {
    code: 'helm-unescaped-argo-variable',
    severity: 'error',
    family: 'helm',
    description:
      'An Argo variable written bare in a Helm template: Helm evaluates it as a template action and fails (function "inputs" not defined). Escape it so Helm writes it for Argo; the quick fix does.',
    example: 'args: ["{{inputs.parameters.msg}}"]   # in templates/ of a chart: {{`{{inputs.parameters.msg}}`}}',
  },
  {
    code: 'helm-render-error',
    severity: 'error',
    family: 'helm',
    description: "`helm template` failed on this chart template: Helm's own message, on the line it names (else the first line).",
    example: 'name: {{ .Values.missing.name }}   # nil pointer evaluating interface {}.name',
  },
];
