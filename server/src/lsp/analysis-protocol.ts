import type { AnalyzeOptions } from '../core/analyze';
import type { Finding } from '../core/types';

/** Main thread -> analysis worker. */
export interface AnalysisJob {
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly options: AnalyzeOptions;
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
