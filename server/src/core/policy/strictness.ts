/**
 * Which findings Argo itself accepts. A rule here is stricter than Argo: the workflow is accepted
 * (it may misbehave when it runs, or the rule is our advice), so the user may silence it on a line
 * and submit despite it, explicitly. Every other rule reports what Argo (its linter, its controller or
 * the Kubernetes API server) rejects: silencing it is never a fix, and submit refuses it.
 *
 * Kept beside the rule registry by a test: this is exactly the set of rules whose default severity is
 * not `error`. It has no imports, so the extension can read it without the rules.
 */
const STRICTER_THAN_ARGO: ReadonlySet<string> = new Set([
  'yaml-go-compat',
  'yaml11-boolean',
  'yaml11-number',
  'invalid-resource-name',
  'name-or-generate-name-required',
  'template-ref-not-found',
  'unknown-argument',
  'variable-not-available',
  'cluster-missing-resource',
]);

/** True when Argo accepts a workflow with this finding (the rule is stricter than Argo). */
export function argoAccepts(code: string): boolean {
  return STRICTER_THAN_ARGO.has(code);
}

/** The rule codes that are stricter than Argo. */
export function stricterThanArgo(): readonly string[] {
  return [...STRICTER_THAN_ARGO];
}
