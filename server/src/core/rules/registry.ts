import type { Severity } from '../types';
import { dagRules } from './dag-rules';
import { referenceRules } from './reference-rules';
import { schemaRules } from './schema-rule';
import type { RuleFamily, RuleMeta } from './rule';
import { stepRules } from './step-rules';
import { templateRules } from './template-rules';
import { argumentRules } from './argument-rules';
import { callRules } from './call-rules';
import { cronRules } from './cron-rules';
import { inputRules } from './input-rules';
import { metadataRules } from './metadata-rules';
import { outputRules } from './output-rules';
import { templateBodyRules } from './template-body-rules';
import { yaml11Rules } from './yaml11-rules';
import { variableRules } from './variable-rules';
import { clusterRules } from './cluster-rules';
import { runtimeRules } from './runtime-rules';
import { HELM_RULES } from '../helm/helm-rules';

/** Rules that the parser and the schema validator report (no family module of their own). */
export const BUILTIN_RULES: readonly RuleMeta[] = [
  { code: 'yaml-syntax', severity: 'error', family: 'yaml', description: 'The YAML does not parse.', example: 'spec: {entrypoint: main' },
  {
    code: 'duplicate-key',
    severity: 'error',
    family: 'yaml',
    description: 'A key appears twice in one mapping (argo lint rejects the file).',
    example: 'metadata:\n  annotations: {}\n  annotations: {}',
  },
  {
    code: 'yaml-go-compat',
    severity: 'warning',
    family: 'yaml',
    description: 'YAML that Argo (Go YAML) accepts but strict YAML 1.2 rejects: an under-indented continuation of a quoted string in [...].',
    example: 'args: ["\n  echo hi\n"]   # closing line at the key\'s indent',
  },
];

export const RULE_FAMILIES: readonly RuleFamily[] = [
  yaml11Rules,
  schemaRules,
  metadataRules,
  templateRules,
  templateBodyRules,
  runtimeRules,
  outputRules,
  referenceRules,
  argumentRules,
  inputRules,
  callRules,
  dagRules,
  stepRules,
  cronRules,
  variableRules,
  clusterRules,
];

export function allRules(): RuleMeta[] {
  return [...BUILTIN_RULES, ...RULE_FAMILIES.flatMap((f) => f.rules), ...HELM_RULES];
}

let severityIndex: Map<string, Severity> | undefined;

export function defaultSeverity(code: string): Severity {
  if (!severityIndex || severityIndex.size !== allRules().length) severityIndex = new Map(allRules().map((r) => [r.code, r.severity]));
  return severityIndex.get(code) ?? 'error';
}
