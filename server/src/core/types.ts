/** Shared value types of the pure core. Offsets are UTF-16 code unit offsets into the original text. */

export interface Range {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export type ArgoKind = 'Workflow' | 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

export const ARGO_KINDS: readonly ArgoKind[] = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A quick fix computed by the core; the LSP layer turns it into a CodeAction. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

export interface RelatedInfo {
  readonly message: string;
  readonly range: Range;
}

/** One problem found in a document, with a stable rule code. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedInfo[];
}

/** 0-based line and character, as LSP uses. */
export interface Position {
  readonly line: number;
  readonly character: number;
}
