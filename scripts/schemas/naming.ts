/**
 * Definition names. The model packages export every type under a long source name, e.g.
 * `IComGithubArgoprojArgoWorkflowsV4PkgApisWorkflowV1alpha1Template` or `IIoK8sApiCoreV1Container`.
 * Two types may share a short name (`HTTPHeader` is both an Argo and a core type), so definitions are
 * named by their source, the way Kubernetes OpenAPI documents do: `io.argoproj.workflow.v1alpha1.Template`,
 * `io.k8s.api.core.v1.Container`.
 */

/** Go packages whose camel-cased prefix does not split into the OpenAPI name. */
const SPECIAL_PREFIXES: Readonly<Record<string, string>> = {
  ComGithubArgoprojArgoWorkflowsV4PkgApisWorkflowV1alpha1: 'io.argoproj.workflow.v1alpha1',
};

/**
 * @param exportedName the source name the package exports, e.g. `IIoK8sApiCoreV1Container`
 * @param localName the declared name in its file, e.g. `IContainer`
 */
export function definitionName(exportedName: string, localName: string): string {
  const full = stripI(exportedName);
  const short = stripI(localName);
  if (!full.endsWith(short) || full === short) return short;
  const prefix = full.slice(0, full.length - short.length);
  const dotted = SPECIAL_PREFIXES[prefix] ?? splitCamel(prefix).join('.');
  return `${dotted}.${short}`;
}

function stripI(name: string): string {
  return /^I[A-Z]/.test(name) ? name.slice(1) : name;
}

/** `IoK8sApiCoreV1` -> `['io', 'k8s', 'api', 'core', 'v1']`. */
function splitCamel(text: string): string[] {
  return (text.match(/[A-Z][a-z0-9]*/g) ?? [text]).map((s) => s.toLowerCase());
}
