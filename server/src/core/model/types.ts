import type { Node, YAMLMap } from 'yaml';
import type { ArgoKind, Range } from '../types';

/** A scalar value from the YAML with the range of its node (original-text offsets). */
export interface Located<T> {
  readonly value: T;
  readonly range: Range;
}

/** An input/output/argument parameter. */
export interface ParameterModel {
  readonly name: Located<string> | undefined;
  readonly range: Range;
  /** `value:` as written (scalars are stringified the way Argo's AnyString reads them). */
  readonly value: Located<string> | undefined;
  readonly default: Located<string> | undefined;
  readonly enum: Located<string>[] | undefined;
  readonly hasValueFrom: boolean;
  readonly valueFromKeys: string[];
  readonly globalName: Located<string> | undefined;
  readonly description: Located<string> | undefined;
  readonly node: YAMLMap;
}

export interface ArtifactModel {
  readonly name: Located<string> | undefined;
  readonly range: Range;
  readonly from: Located<string> | undefined;
  readonly fromExpression: Located<string> | undefined;
  readonly path: Located<string> | undefined;
  readonly optional: boolean;
  readonly globalName: Located<string> | undefined;
  /** True when the artifact names a location (s3, git, http, raw, ...) or a key. */
  readonly hasLocation: boolean;
  readonly node: YAMLMap;
}

export interface ParamsModel {
  readonly parameters: ParameterModel[];
  readonly artifacts: ArtifactModel[];
  readonly range: Range | undefined;
  /** Range of the `parameters:` key (or of the whole block when absent). */
  readonly parametersKeyRange: Range | undefined;
}

export interface TemplateRefModel {
  readonly name: Located<string> | undefined;
  readonly template: Located<string> | undefined;
  readonly clusterScope: boolean;
  readonly range: Range;
}

export type LoopKind = 'withItems' | 'withParam' | 'withSequence';

export interface LoopModel {
  readonly kinds: LoopKind[];
  readonly range: Range;
  /** Number of items when withItems is a literal list. */
  readonly itemCount: number | undefined;
  /** The withParam expression, when present. */
  readonly param: Located<string> | undefined;
  readonly node: Node;
}

/** What a DAG task or a step calls. Shared by both. */
export interface CallModel {
  readonly name: Located<string> | undefined;
  readonly range: Range;
  readonly template: Located<string> | undefined;
  readonly templateRef: TemplateRefModel | undefined;
  /** An inline template body (`inline:`). */
  readonly inline: TemplateModel | undefined;
  readonly arguments: ParamsModel;
  readonly when: Located<string> | undefined;
  readonly loop: LoopModel | undefined;
  readonly hookNames: Located<string>[];
  readonly onExit: Located<string> | undefined;
  readonly node: YAMLMap;
}

export interface DependencyRef {
  readonly name: string;
  readonly range: Range;
}

export interface DagTaskModel extends CallModel {
  readonly type: 'task';
  readonly index: number;
  /** `dependencies:` entries. */
  readonly dependencies: Located<string>[] | undefined;
  readonly dependenciesRange: Range | undefined;
  /** `depends:` expression as written. */
  readonly depends: Located<string> | undefined;
  readonly continueOn: { readonly failed: boolean; readonly error: boolean; readonly range: Range } | undefined;
}

export interface StepModel extends CallModel {
  readonly type: 'step';
  /** Index of the parallel group this step belongs to. */
  readonly groupIndex: number;
  /** Index within its group. */
  readonly index: number;
}

export interface StepGroupModel {
  readonly index: number;
  readonly range: Range;
  readonly steps: StepModel[];
}

export interface DagModel {
  readonly tasks: DagTaskModel[];
  readonly range: Range;
  readonly tasksRange: Range | undefined;
  readonly target: Located<string> | undefined;
  readonly failFast: boolean | undefined;
}

export type TemplateType = 'container' | 'containerSet' | 'script' | 'resource' | 'dag' | 'steps' | 'suspend' | 'data' | 'http' | 'plugin';

export const TEMPLATE_TYPES: readonly TemplateType[] = ['container', 'containerSet', 'script', 'resource', 'dag', 'steps', 'suspend', 'data', 'http', 'plugin'];

export interface TemplateModel {
  readonly name: Located<string> | undefined;
  readonly index: number;
  readonly range: Range;
  /** Every template-type key present (normally exactly one). */
  readonly types: TemplateType[];
  /** The first of `types`, if any. */
  readonly type: TemplateType | undefined;
  readonly typeKeyRange: Range | undefined;
  readonly inputs: ParamsModel;
  readonly outputs: ParamsModel;
  readonly dag: DagModel | undefined;
  readonly steps: StepGroupModel[] | undefined;
  readonly stepsRange: Range | undefined;
  readonly hasRetryStrategy: boolean;
  readonly daemon: boolean;
  /** Container image (container/script), if any. */
  readonly image: Located<string> | undefined;
  readonly node: YAMLMap;
}

export interface SpecModel {
  readonly range: Range;
  readonly entrypoint: Located<string> | undefined;
  readonly onExit: Located<string> | undefined;
  readonly arguments: ParamsModel;
  readonly templates: TemplateModel[];
  readonly templatesRange: Range | undefined;
  readonly workflowTemplateRef: TemplateRefModel | undefined;
  readonly hookNames: Located<string>[];
  readonly node: YAMLMap;
}

/** One Argo document (Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow). */
export interface ArgoDocumentModel {
  readonly kind: ArgoKind;
  readonly kindRange: Range;
  readonly documentIndex: number;
  readonly range: Range;
  readonly name: Located<string> | undefined;
  readonly generateName: Located<string> | undefined;
  readonly namespace: Located<string> | undefined;
  readonly labels: Map<string, Located<string>>;
  readonly annotations: Map<string, Located<string>>;
  /** `spec` for W/WT/CWT; `spec.workflowSpec` for a CronWorkflow. */
  readonly spec: SpecModel | undefined;
  /** The CronWorkflow's own `spec` map (schedules, timezone, ...); undefined for other kinds. */
  readonly cronSpec: YAMLMap | undefined;
  readonly root: YAMLMap;
}
