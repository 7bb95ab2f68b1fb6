// A subset of Argo's workflow validation (workflow/validate/validate.go). Failing it makes the
// controller set phase Failed with message `invalid spec: <error>` and create no pods.

import { dependsOf, dependsTaskNames } from './expressions.js';
import type { Template, WorkflowSpec, WorkflowStep } from './wf-types.js';

const typeKeys = ['container', 'containerSet', 'steps', 'script', 'resource', 'dag', 'suspend', 'data', 'http', 'plugin'] as const;

function checkRef(spec: WorkflowSpec, where: string, step: WorkflowStep): string | undefined {
  if (step.templateRef) return undefined; // resolved at run time, from the store
  if (!step.template) return `${where} template name '' undefined`;
  if (!(spec.templates ?? []).some((t) => t.name === step.template)) return `${where} template name '${step.template}' undefined`;
  return undefined;
}

function checkDag(spec: WorkflowSpec, tmpl: Template): string | undefined {
  const tasks = tmpl.dag?.tasks ?? [];
  const names = new Set<string>();
  for (const t of tasks) {
    if (names.has(t.name)) return `templates.${tmpl.name}.tasks.${t.name} task name must be unique`;
    names.add(t.name);
  }
  for (const t of tasks) {
    const err = checkRef(spec, `templates.${tmpl.name}.tasks.${t.name}`, t);
    if (err) return err;
    if (t.depends && t.dependencies && t.dependencies.length > 0)
      return `templates.${tmpl.name}.tasks.${t.name} cannot use both 'depends' and 'dependencies' in the same DAG template`;
    for (const dep of dependsTaskNames(dependsOf(t))) {
      if (!names.has(dep)) return `templates.${tmpl.name}.tasks.${t.name} dependency '${dep}' not defined`;
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const byName = new Map(tasks.map((t) => [t.name, t]));
  const visit = (n: string): string | undefined => {
    if (done.has(n)) return undefined;
    if (visiting.has(n)) return n;
    visiting.add(n);
    for (const d of dependsTaskNames(dependsOf(byName.get(n) ?? { name: n }))) {
      const c = visit(d);
      if (c) return c;
    }
    visiting.delete(n);
    done.add(n);
    return undefined;
  };
  for (const t of tasks) {
    const cycle = visit(t.name);
    if (cycle) return `templates.${tmpl.name} dependency cycle detected: ${cycle}`;
  }
  return undefined;
}

/** Returns the validation error, or undefined when the spec is acceptable. */
export function validateWorkflow(spec: WorkflowSpec): string | undefined {
  const templates = spec.templates ?? [];
  const seen = new Set<string>();
  for (const t of templates) {
    if (!t.name) return 'templates[] name is required';
    if (seen.has(t.name)) return `templates.${t.name} template name '${t.name}' is not unique`;
    seen.add(t.name);
    const kinds = typeKeys.filter((k) => t[k as keyof Template] !== undefined);
    if (kinds.length === 0)
      return `templates.${t.name} template type unspecified. choose one of: container, containerSet, steps, script, resource, dag, suspend, data, http, plugin`;
    if (kinds.length > 1) return `templates.${t.name} multiple template types specified: ${kinds.join(', ')}`;
  }
  if (!spec.entrypoint) return 'spec.entrypoint is required';
  if (!seen.has(spec.entrypoint)) return `spec.entrypoint template '${spec.entrypoint}' undefined`;
  if (spec.onExit && !seen.has(spec.onExit)) return `spec.onExit template '${spec.onExit}' undefined`;
  for (const t of templates) {
    for (const [i, group] of (t.steps ?? []).entries()) {
      if (!Array.isArray(group)) return `templates.${t.name}.steps[${i}] must be a list of steps`;
      for (const step of group) {
        const err = checkRef(spec, `templates.${t.name}.steps[${i}].${step.name}`, step);
        if (err) return err;
      }
    }
    if (t.dag) {
      const err = checkDag(spec, t);
      if (err) return err;
    }
  }
  return undefined;
}
