/** `io.argoproj.workflow.v1alpha1.Template` -> `Template`. */
export function shortDefinitionName(definition: string): string {
  const i = definition.lastIndexOf('.');
  return i < 0 ? definition : definition.slice(i + 1);
}
