// The resource types the emulator serves. The Argo entries mirror the CRDs in ../shared/argo/crds
// (names, shortNames, scope, printer columns); resources.test.ts checks them against those files.

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer';
  jsonPath: string;
  description: string;
  format?: string;
}

export interface ResourceDef {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  printerColumns: PrinterColumn[];
}

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function argo(kind: string, plural: string, shortNames: string[], namespaced: boolean, printerColumns: PrinterColumn[]): ResourceDef {
  return {
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced,
    shortNames,
    verbs: allVerbs,
    categories: [],
    printerColumns,
  };
}

const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: 'Age' };

export const resources: ResourceDef[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    listKind: 'NamespaceList',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    categories: [],
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Phase' }, ageColumn],
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    listKind: 'PodList',
    namespaced: true,
    shortNames: ['po'],
    verbs: allVerbs,
    categories: ['all'],
    printerColumns: [],
  },
  argo('Workflow', 'workflows', ['wf'], true, [
    { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Status of the workflow' },
    { name: 'Age', type: 'date', format: 'date-time', jsonPath: '.status.startedAt', description: 'When the workflow was started' },
    {
      name: 'Message',
      type: 'string',
      jsonPath: '.status.message',
      description: 'Human readable message indicating details about why the workflow is in this condition.',
    },
  ]),
  argo('WorkflowTemplate', 'workflowtemplates', ['wftmpl'], true, []),
  argo('ClusterWorkflowTemplate', 'clusterworkflowtemplates', ['clusterwftmpl', 'cwft'], false, []),
  argo('CronWorkflow', 'cronworkflows', ['cwf', 'cronwf'], true, []),
];

export function apiVersionOf(def: ResourceDef): string {
  return def.group === '' ? def.version : `${def.group}/${def.version}`;
}

export function findResource(group: string, version: string, plural: string): ResourceDef | undefined {
  return resources.find((r) => r.group === group && r.version === version && r.plural === plural);
}

export function resourceByKind(kind: string): ResourceDef | undefined {
  return resources.find((r) => r.kind === kind);
}
