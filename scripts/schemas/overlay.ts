/**
 * Corrections applied on top of the definitions read from the model packages. Each one says why:
 * the packages are generated from Argo's and Kubernetes' Go types, but a few Go types decode
 * differently from what their declarations say, a few places are free-form, and
 * `@kubernetes-models/argo-workflows@2.0.0` lags Argo v4.1 by some fields. Descriptions of the
 * fields we add are our own words.
 */
import type { JsonSchema } from '../../server/src/core/schema/json-schema';
import { DEFINITIONS_PREFIX } from '../../server/src/core/schema/json-schema';

const ARGO = 'io.argoproj.workflow.v1alpha1.';
const CORE = 'io.k8s.api.core.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

export interface Correction {
  /** Why the models are not enough here (shown by `npm run schemas`). */
  readonly reason: string;
  readonly apply: (defs: Map<string, JsonSchema>) => void;
}

/** Type definitions the overlay needs that no root reaches: package, declaration file (without `.d.ts`). */
export const EXTRA_ROOTS: readonly (readonly [string, string])[] = [['kubernetes-models', 'v1/PodResourceClaim']];

type Defs = Map<string, JsonSchema>;

const ref = (name: string): JsonSchema => ({ $ref: DEFINITIONS_PREFIX + name });

function def(defs: Map<string, JsonSchema>, name: string): JsonSchema {
  const d = defs.get(name);
  if (!d) throw new Error(`overlay: no definition ${name}`);
  return d;
}

function setProperty(defs: Map<string, JsonSchema>, name: string, prop: string, schema: JsonSchema): void {
  const d = def(defs, name);
  const properties = { ...(d.properties ?? {}), [prop]: schema };
  d.properties = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds a field the package lacks; fails once the package has it, so that the correction gets dropped. */
function addProperty(defs: Map<string, JsonSchema>, name: string, prop: string, schema: JsonSchema): void {
  if (def(defs, name).properties?.[prop]) throw new Error(`overlay: ${name}.${prop} now exists in the package; drop the correction`);
  setProperty(defs, name, prop, schema);
}

function unrequire(defs: Map<string, JsonSchema>, name: string, ...props: string[]): void {
  const d = def(defs, name);
  for (const p of props) if (!d.required?.includes(p)) throw new Error(`overlay: ${name}.${p} is not required`);
  d.required = d.required?.filter((p) => !props.includes(p));
  if (d.required?.length === 0) delete d.required;
}

/** Replaces a definition's shape, keeping its title and description unless new ones are given. */
function reshape(defs: Map<string, JsonSchema>, name: string, schema: JsonSchema): void {
  const old = def(defs, name);
  defs.set(name, { title: old.title, description: old.description, ...schema });
}

export const CORRECTIONS: readonly Correction[] = [
  {
    reason: 'ParallelSteps is a list of steps in YAML (custom unmarshaller); the models declare an object with a "steps" key.',
    apply: (defs: Defs): void =>
      reshape(defs, `${ARGO}ParallelSteps`, {
        description: 'A group of steps that run in parallel. `steps` is a list of such groups: each group starts when the previous one has finished.',
        type: 'array',
        items: ref(`${ARGO}WorkflowStep`),
      }),
  },
  {
    reason: 'IntOrString holds an integer or a string; the models say number.',
    apply: (defs: Defs): void => reshape(defs, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString', { type: ['integer', 'string'] }),
  },
  {
    reason: 'AnyString decodes strings, numbers and booleans (and keeps them as a string); the models say string.',
    apply: (defs: Defs): void => reshape(defs, `${ARGO}AnyString`, { type: ['string', 'number', 'boolean'] }),
  },
  {
    reason: 'withItems is a list of Items, each any JSON value (string, number, boolean, list, map); the models say any.',
    apply: (defs: Defs): void => {
      defs.set(`${ARGO}Item`, {
        title: 'Item',
        description: 'One value to expand a step or task over: a string, number, boolean, list or map. Refer to it as `{{item}}` (or `{{item.field}}` for a map).',
      });
      for (const owner of ['DAGTask', 'WorkflowStep']) {
        const old = def(defs, ARGO + owner).properties?.withItems;
        setProperty(defs, ARGO + owner, 'withItems', { description: old?.description, type: 'array', items: ref(`${ARGO}Item`) });
      }
    },
  },
  {
    reason: 'A plugin template body is free-form, a map with exactly one key (the plugin name); Argo rejects other key counts when decoding.',
    apply: (defs: Defs): void => reshape(defs, `${ARGO}Plugin`, { type: 'object', minProperties: 1, maxProperties: 1 }),
  },
  {
    reason: 'FieldsV1 (managedFields) is a free-form trie; Object is free-form JSON.',
    apply: (defs: Defs): void => {
      for (const name of [`${META}FieldsV1`, `${ARGO}Object`]) if (defs.has(name)) reshape(defs, name, { type: 'object' });
    },
  },
  {
    reason: 'In Argo templates the container name is optional (the executor names it "main"); core Container requires it. Script templates inherit it.',
    apply: (defs: Defs): void => {
      unrequire(defs, `${CORE}Container`, 'name');
      unrequire(defs, `${ARGO}ScriptTemplate`, 'name');
    },
  },
  {
    reason: 'volumeClaimTemplates entries need no apiVersion/kind (Go decodes them into the struct); the models require them as for a top-level object.',
    apply: (defs: Defs): void => unrequire(defs, `${CORE}PersistentVolumeClaim`, 'apiVersion', 'kind'),
  },
  {
    reason: 'Argo v4.1 fields missing from @kubernetes-models/argo-workflows@2.0.0: workflow-level executor plugins.',
    apply: (defs: Defs): void => {
      if (defs.has(`${ARGO}ExecutorPlugin`)) throw new Error('overlay: ExecutorPlugin now exists in the package; drop the correction');
      defs.set(`${ARGO}ExecutorPlugin`, {
        title: 'ExecutorPlugin',
        description: 'An executor plugin declared in the workflow itself: a sidecar that serves plugin templates.',
        type: 'object',
        properties: {
          metadata: { description: 'Metadata of the plugin; `name` names it.', ...ref(`${META}ObjectMeta`) },
          spec: ref(`${ARGO}ExecutorPluginSpec`),
        },
        required: ['metadata', 'spec'],
      });
      defs.set(`${ARGO}ExecutorPluginSpec`, {
        title: 'ExecutorPluginSpec',
        type: 'object',
        properties: { sidecar: { description: 'The sidecar that runs the plugin.', ...ref(`${ARGO}ExecutorPluginSidecar`) } },
        required: ['sidecar'],
      });
      defs.set(`${ARGO}ExecutorPluginSidecar`, {
        title: 'ExecutorPluginSidecar',
        type: 'object',
        properties: {
          automountServiceAccountToken: {
            description: 'Mount the service account token in the sidecar. The service account must be named `<plugin-name>-executor-plugin`.',
            type: 'boolean',
          },
          container: { description: 'The container of the sidecar.', ...ref(`${CORE}Container`) },
        },
        required: ['container'],
      });
      addProperty(defs, `${ARGO}WorkflowSpec`, 'executorPlugins', {
        description:
          'Executor plugins for this workflow only. Needs the controller feature gate ARGO_WORKFLOW_LEVEL_EXECUTOR_PLUGINS; when set, the plugins configured in the controller ConfigMap are not used.',
        type: 'array',
        items: ref(`${ARGO}ExecutorPlugin`),
      });
    },
  },
  {
    reason: 'Argo v4.1 fields missing from the models: pod-level resources and dynamic resource claims (workflow and template), pendingTimeout.',
    apply: (defs: Defs): void => {
      const podResources = (scope: string): JsonSchema => ({
        description: `Pod-level resource requests and limits for ${scope}. Needs the Kubernetes PodLevelResources feature gate.`,
        ...ref(`${CORE}ResourceRequirements`),
      });
      const claims = (scope: string): JsonSchema => ({
        description: `Dynamic resource claims (ResourceClaim or ResourceClaimTemplate names) allocated before ${scope} can start; containers use one by name in resources.claims. Replaces, not merges with, a list set at a wider level. Needs the Kubernetes DynamicResourceAllocation feature gate.`,
        type: 'array',
        items: ref(`${CORE}PodResourceClaim`),
      });
      addProperty(defs, `${ARGO}WorkflowSpec`, 'podResources', podResources('every pod of the workflow (a template may override them)'));
      addProperty(defs, `${ARGO}Template`, 'podResources', podResources("this template's pod (overrides the workflow's)"));
      addProperty(defs, `${ARGO}WorkflowSpec`, 'resourceClaims', claims("the workflow's pods"));
      addProperty(defs, `${ARGO}Template`, 'resourceClaims', claims("this template's pod"));
      addProperty(defs, `${ARGO}Template`, 'pendingTimeout', {
        description: 'Longest time the pod may stay Pending, counted from the node start (a duration such as "5m"). Enforced by the controller; not for steps or DAG templates.',
        type: 'string',
      });
    },
  },
  {
    reason: 'Argo v4.1 artifact fields missing from the models: S3 addressingStyle, HTTP saveStreamViaFile.',
    apply: (defs: Defs): void => {
      for (const owner of ['S3Artifact', 'S3ArtifactRepository']) {
        addProperty(defs, ARGO + owner, 'addressingStyle', {
          description: 'How the S3 client addresses buckets: "" (detect), "path" or "virtual-hosted" (needed by some S3-compatible stores).',
          type: 'string',
          enum: ['', 'path', 'virtual-hosted'],
        });
      }
      addProperty(defs, `${ARGO}HTTPArtifact`, 'saveStreamViaFile', {
        description: 'Buffer an upload in a temporary file so that a 307/308 redirect (e.g. WebHDFS) can be followed by sending the body again. Off by default.',
        type: 'boolean',
      });
    },
  },
];

/** Definitions that stay free-form (no `additionalProperties: false`) although they are objects. */
export const OPEN_DEFINITIONS: ReadonlySet<string> = new Set([`${ARGO}Plugin`, `${META}FieldsV1`, `${ARGO}Object`]);
