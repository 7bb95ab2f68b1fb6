/**
 * Rule codes that report something missing (a required field, an image, a call target, an argument).
 * A Kustomize patch is a partial document, and in a Helm template an include or toYaml may supply
 * what seems missing: those findings are not reported there.
 */
export const ABSENCE_CODES: ReadonlySet<string> = new Set([
  'schema-required',
  'name-or-generate-name-required',
  'template-name-required',
  'template-type-unknown',
  'image-required',
  'init-container-name-required',
  'resource-manifest-required',
  'artifact-path-required',
  'output-value-source',
  'missing-entrypoint',
  'template-ref-incomplete',
  'missing-call-target',
  'parameter-name-required',
  'argument-value-required',
  'artifact-argument-source-required',
  'missing-input-argument',
  'hook-expression-required',
  'dag-no-tasks',
  'task-name-required',
  'step-name-required',
  'cron-schedule-required',
]);
