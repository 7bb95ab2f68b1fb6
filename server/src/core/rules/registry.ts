import type { Severity } from '../types';
import { dagRules } from './dag-rules';
import { referenceRules } from './reference-rules';
import type { RuleFamily, RuleMeta } from './rule';
import { stepRules } from './step-rules';
import { templateRules } from './template-rules';

/** Rules that the parser and the schema validator report (no family module of their own). */
export const BUILTIN_RULES: readonly RuleMeta[] = [
  { code: 'yaml-syntax', severity: 'error', family: 'yaml', description: 'The YAML does not parse.', example: 'spec: {entrypoint: main' },
  { code: 'duplicate-key', severity: 'error', family: 'yaml', description: 'A key appears twice in one mapping (argo lint rejects the file).', example: 'metadata:\n  annotations: {}\n  annotations: {}' },
  { code: 'yaml-go-compat', severity: 'warning', family: 'yaml', description: 'YAML that Argo (Go YAML) accepts but strict YAML 1.2 rejects: an under-indented continuation of a quoted string in [...].', example: 'args: ["\n  echo hi\n"]   # closing line at the key\'s indent' },
];

export const RULE_FAMILIES: readonly RuleFamily[] = [templateRules, referenceRules, dagRules, stepRules];

const extra: RuleMeta[] = [];

/** Lets other modules (schema validation) register their rule metadata. */
export function registerRules(rules: readonly RuleMeta[]): void {
  for (const r of rules) if (!extra.some((e) => e.code === r.code)) extra.push(r);
}

export function allRules(): RuleMeta[] {
  return [...BUILTIN_RULES, ...extra, ...RULE_FAMILIES.flatMap((f) => f.rules)];
}

let severityIndex: Map<string, Severity> | undefined;

export function defaultSeverity(code: string): Severity {
  if (!severityIndex || severityIndex.size !== allRules().length) severityIndex = new Map(allRules().map((r) => [r.code, r.severity]));
  return severityIndex.get(code) ?? 'error';
}
