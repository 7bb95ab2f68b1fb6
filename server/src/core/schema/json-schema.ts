/** The subset of JSON Schema (draft-07) that our generated schemas use. Shared by the generator and the runtime. */

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  /** `false` closes the object (unknown keys are reported); a schema describes a map's values; absent means free-form. */
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minProperties?: number;
  maxProperties?: number;
}

/** The generated document: every definition, keyed by source name (e.g. `io.argoproj.workflow.v1alpha1.Template`). */
export interface SchemaDocument {
  $schema: string;
  $id: string;
  title: string;
  description: string;
  definitions: Record<string, JsonSchema>;
}

/** Prefix of every `$ref` in the generated document. */
export const DEFINITIONS_PREFIX = '#/definitions/';

/** Name of the root definition of each Argo kind. */
export const KIND_DEFINITIONS = {
  Workflow: 'io.argoproj.workflow.v1alpha1.Workflow',
  WorkflowTemplate: 'io.argoproj.workflow.v1alpha1.WorkflowTemplate',
  ClusterWorkflowTemplate: 'io.argoproj.workflow.v1alpha1.ClusterWorkflowTemplate',
  CronWorkflow: 'io.argoproj.workflow.v1alpha1.CronWorkflow',
} as const;
