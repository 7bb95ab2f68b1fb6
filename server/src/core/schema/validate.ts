/** Validates a whole Argo document against the generated schema (ajv standalone code, compiled at `npm run schemas`). */
import type { ArgoKind } from '../types';
import type { CompiledValidator } from './ajv-options';
import * as compiled from './generated/validators';
import type { SchemaProblem } from './problems';
import { toProblems } from './problems';

const VALIDATORS: Readonly<Record<ArgoKind, CompiledValidator>> = {
  Workflow: compiled.Workflow,
  WorkflowTemplate: compiled.WorkflowTemplate,
  ClusterWorkflowTemplate: compiled.ClusterWorkflowTemplate,
  CronWorkflow: compiled.CronWorkflow,
};

/**
 * Validates one Argo document value (the whole object incl. apiVersion/kind/metadata/spec). Never throws.
 * `status` is written by the controller, not by users, and is not checked.
 */
export function validateArgoSchema(kind: ArgoKind, value: unknown): SchemaProblem[] {
  const validate = VALIDATORS[kind];
  if (!validate) return [];
  try {
    const subject = withoutStatus(value);
    if (validate(subject)) return [];
    return toProblems(kind, subject, validate.errors ?? []);
  } catch {
    // Only pathological input gets here (e.g. a cyclic value built from YAML aliases).
    return [];
  }
}

function withoutStatus(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('status' in value)) return value;
  const { status: _status, ...rest } = value as Record<string, unknown>;
  return rest;
}
