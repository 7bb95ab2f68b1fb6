import type { AnalyzeOptions } from '../core/analyze';
import type { Finding } from '../core/types';
import type { IndexedWorkflowTemplate } from '../core/workspace/template-summary';

/** Main thread -> analysis worker. */
export interface AnalysisJob {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** Options without the workspace index (which does not cross threads as an object). */
  readonly options: Omit<AnalyzeOptions, 'workspace'>;
  /** The workspace's templates, when they changed since the last job (the worker keeps them). */
  readonly workspace?: { readonly version: number; readonly entries: readonly IndexedWorkflowTemplate[] };
}

/** Analysis worker -> main thread. */
export interface AnalysisOutcome {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly findings: Finding[];
  readonly hasArgo: boolean;
  readonly elapsedMs: number;
  readonly error?: string;
}

export const WORKER_ROLE = 'argo-studio-analysis';
