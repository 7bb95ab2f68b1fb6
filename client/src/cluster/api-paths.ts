/** REST paths of the resources the extension uses, and what a request means (for error messages). */

export interface ResourceType {
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

const argo = (plural: string, kind: string, namespaced = true): ResourceType => ({ group: 'argoproj.io', version: 'v1alpha1', plural, kind, namespaced });
const core = (plural: string, kind: string): ResourceType => ({ group: '', version: 'v1', plural, kind, namespaced: true });

export const WORKFLOWS = argo('workflows', 'Workflow');
export const WORKFLOW_TEMPLATES = argo('workflowtemplates', 'WorkflowTemplate');
export const CLUSTER_WORKFLOW_TEMPLATES = argo('clusterworkflowtemplates', 'ClusterWorkflowTemplate', false);
export const CRON_WORKFLOWS = argo('cronworkflows', 'CronWorkflow');
export const PODS = core('pods', 'Pod');
export const SERVICE_ACCOUNTS = core('serviceaccounts', 'ServiceAccount');
export const SECRETS = core('secrets', 'Secret');
export const CONFIG_MAPS = core('configmaps', 'ConfigMap');
export const PVCS = core('persistentvolumeclaims', 'PersistentVolumeClaim');

export const ARGO_KINDS: Readonly<Record<string, ResourceType>> = {
  Workflow: WORKFLOWS,
  WorkflowTemplate: WORKFLOW_TEMPLATES,
  ClusterWorkflowTemplate: CLUSTER_WORKFLOW_TEMPLATES,
  CronWorkflow: CRON_WORKFLOWS,
};

/** `/apis/argoproj.io/v1alpha1/namespaces/NS/workflows[/NAME]` (namespace ignored for cluster-scoped types). */
export function resourcePath(t: ResourceType, namespace: string | undefined, name?: string): string {
  const base = t.group === '' ? `/api/${t.version}` : `/apis/${t.group}/${t.version}`;
  const ns = t.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${t.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
}

/** `path?k=v&...`, leaving out undefined values. */
export function withQuery(path: string, query: Readonly<Record<string, string | number | boolean | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export interface RequestMeaning {
  /** Kubernetes verb: get, list, watch, create, update, patch, delete. */
  readonly verb: string;
  /** `workflows.argoproj.io`, `pods`, `pods/log`. */
  readonly resource: string;
  readonly group: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** What a request to `path` asks for, as RBAC sees it (undefined for non-resource paths). */
export function describeRequest(method: string, path: string): RequestMeaning | undefined {
  const [pathOnly, query = ''] = path.split('?', 2);
  const parts = pathOnly
    .split('/')
    .filter((p) => p !== '')
    .map((p) => decodeURIComponent(p));
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub] = rest;
  const watch = /(^|&)watch=(true|1)(&|$)/i.test(query);
  const m = method.toUpperCase();
  const verb =
    m === 'GET'
      ? watch
        ? 'watch'
        : name !== undefined
          ? 'get'
          : 'list'
      : m === 'POST'
        ? 'create'
        : m === 'PUT'
          ? 'update'
          : m === 'PATCH'
            ? 'patch'
            : m === 'DELETE'
              ? 'delete'
              : m.toLowerCase();
  const resource = `${plural}${group ? `.${group}` : ''}${sub ? `/${sub}` : ''}`;
  return { verb, resource, group, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}) };
}
