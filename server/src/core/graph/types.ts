/**
 * The graph of a workflow: one model for the editor preview, the CLI's SVG and the run overlay.
 * Plain JSON-serialisable data (the language server sends it to the webview as is).
 */
import type { TemplateType } from '../model/types';
import type { ArgoKind, Position, Range, Severity } from '../types';

export type GraphDirection = 'TB' | 'LR';

/** Argo's node phases (the run overlay joins them onto graph nodes). */
export const NODE_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Error', 'Skipped', 'Omitted'] as const;
export type NodePhase = (typeof NODE_PHASES)[number];

export interface PhaseInfo {
  readonly phase: NodePhase;
  readonly message?: string;
}

/**
 * task/step: a DAG task or a step; template: the single node of a graph whose root is a leaf template;
 * exit: an exit handler (workflow or task level); hook: a lifecycle hook.
 */
export type NodeKind = 'task' | 'step' | 'template' | 'exit' | 'hook';

export interface GraphProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}

/** What a node calls. */
export interface CallTarget {
  /** A template of this document. */
  readonly template?: string;
  /** A template of a (Cluster)WorkflowTemplate. */
  readonly templateRef?: { readonly name: string; readonly template: string; readonly clusterScope: boolean };
  readonly inline?: boolean;
  /** Type of the called template when it is known (local or inline). */
  readonly type?: TemplateType;
  /** The local template name is not defined in the document. */
  readonly unresolved?: boolean;
}

export interface LoopInfo {
  readonly kind: 'withItems' | 'withParam' | 'withSequence';
  /** Number of items of a literal withItems list. */
  readonly count?: number;
  /** The withParam expression. */
  readonly param?: string;
}

/** A node that calls a DAG/steps template: it is drawn as a group of that template's nodes. */
export interface GroupInfo {
  readonly template: string;
  readonly type: 'dag' | 'steps';
  /** Collapsed by request, or because the graph reached its size or depth limit. */
  readonly collapsed: boolean;
  /** Tasks/steps the template has (shown when collapsed). */
  readonly childCount: number;
}

/** Hover details. */
export interface NodeDetails {
  readonly inputs: readonly string[];
  readonly inputArtifacts: readonly string[];
  readonly outputs: readonly string[];
  readonly arguments: readonly { readonly name: string; readonly value: string }[];
  readonly image?: string;
  readonly hooks: readonly string[];
  readonly onExit?: string;
  readonly depends?: string;
}

export interface GraphNode {
  /**
   * Unique path of the node, shaped like Argo's node names without the workflow name:
   * `A`, `A.B` (DAG), `[0].step`, `[1].tails[0].flip-coin` (steps), `onExit`, `A.hooks.running`.
   */
  readonly id: string;
  /** Task or step name (template name for kind `template`). */
  readonly name: string;
  readonly kind: NodeKind;
  /** Id of the group this node is drawn in; undefined at the top level. */
  readonly parent?: string;
  readonly depth: number;
  /** Source range (offsets) of the task / step / template. */
  readonly range: Range;
  /** LSP range of `range`, filled in by the language server. */
  location?: { readonly start: Position; readonly end: Position };
  /** Steps: index of the parallel group. */
  readonly stepGroup?: number;
  readonly call: CallTarget;
  readonly group?: GroupInfo;
  /** A call back to a template being expanded: the node links to that template's group ('' = the graph root). */
  readonly recursion?: { readonly template: string; readonly targetId: string };
  readonly loop?: LoopInfo;
  readonly when?: string;
  readonly details: NodeDetails;
  problems: GraphProblem[];
  /** Size of the node box (collapsed size for groups; layout computes expanded group sizes). */
  readonly width: number;
  readonly height: number;
  /** Run overlay. */
  phase?: NodePhase;
  phaseMessage?: string;
}

/**
 * dependency: DAG dependencies/depends; sequence: steps group order; exit/hook: to an exit handler or
 * hook; artifact: an artifact passed between nodes without another edge; missing: to a task that does
 * not exist (the target is a placeholder).
 */
export type EdgeKind = 'dependency' | 'sequence' | 'exit' | 'hook' | 'artifact' | 'missing';

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The group both ends are drawn in (undefined at the top level). */
  readonly parent?: string;
  /** A non-default `depends` condition, e.g. `Failed`, `Succeeded | Failed`, `not`. */
  condition?: string;
  /** Names of artifacts passed along this edge. */
  readonly artifacts: string[];
  problems: GraphProblem[];
  /** Source ranges of the dependency entries that make this edge. */
  readonly ranges: Range[];
}

/** A placeholder for a dependency that names no task (drawn dashed, not a `node`). */
export interface MissingNode {
  readonly id: string;
  readonly name: string;
  readonly parent?: string;
  readonly width: number;
  readonly height: number;
}

export interface TemplateSummary {
  readonly name: string;
  readonly type?: TemplateType;
  readonly range: Range;
}

export interface WorkflowGraph {
  readonly documentIndex: number;
  readonly kind: ArgoKind;
  readonly workflowName?: string;
  /** The template drawn (the entrypoint unless another was asked for). */
  readonly root: { readonly template: string; readonly type?: TemplateType; readonly range: Range; readonly isEntrypoint: boolean };
  /** Templates of the document that can be drawn (DAG and steps templates first). */
  readonly templates: readonly TemplateSummary[];
  readonly nodes: GraphNode[];
  readonly missing: MissingNode[];
  readonly edges: GraphEdge[];
  /** Problems in the drawn template that belong to no node. */
  readonly problems: GraphProblem[];
  /** Some groups were left collapsed because the graph reached its size or depth limit. */
  readonly truncated: boolean;
  /** Artifact labels and artifact-only edges were included. */
  readonly showArtifacts: boolean;
}

export interface GraphOptions {
  /** YAML document index (0-based) in the file; default: the first Argo document with templates. */
  readonly documentIndex?: number;
  /** Template to draw; default: the entrypoint, else the first DAG/steps template. */
  readonly template?: string;
  /** Group node ids to draw collapsed. */
  readonly collapsed?: readonly string[];
  /** Collapse every group (ignores `collapsed`). */
  readonly collapseAll?: boolean;
  /** Artifacts as edge labels (default true). */
  readonly showArtifacts?: boolean;
  /** Stop expanding groups past this many nodes (default 3000). */
  readonly maxNodes?: number;
  /** Stop expanding groups past this nesting depth (default 12). */
  readonly maxDepth?: number;
}

export type GraphResult = { readonly ok: true; readonly graph: WorkflowGraph } | { readonly ok: false; readonly error: string };

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgeGeometry {
  /** Absolute points from source to target. */
  readonly points: Point[];
  readonly label?: Box;
}

export type LayoutEngine = 'elk' | 'fast';

/** Laid-out geometry: absolute boxes of nodes (groups included) and placeholders, and edge routes. */
export interface GraphLayout {
  /** Structural hash the layout was computed for. */
  readonly key: string;
  readonly engine: LayoutEngine;
  readonly direction: GraphDirection;
  /** orthogonal: routes are axis-parallel segments; spline: points to draw a smooth curve through. */
  readonly routing: 'orthogonal' | 'spline';
  readonly width: number;
  readonly height: number;
  readonly nodes: Record<string, Box>;
  readonly edges: Record<string, EdgeGeometry>;
  /** Milliseconds the layout took (0 when it came from the cache). */
  readonly ms: number;
  readonly cached: boolean;
}
