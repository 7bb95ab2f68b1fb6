import { analyzeText, type AnalyzeOptions } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';

export interface Seen {
  readonly code: string;
  readonly severity: string;
  /** The text the finding's range covers. */
  readonly at: string;
  readonly message: string;
  readonly finding: Finding;
}

/** Analyses YAML and returns the findings with the text each one points at. */
export function check(text: string, options: AnalyzeOptions = {}): Seen[] {
  return analyzeText(text, options).findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    at: text.slice(f.range.start, f.range.end),
    message: f.message,
    finding: f,
  }));
}

export function codes(text: string, options: AnalyzeOptions = {}): string[] {
  return check(text, options).map((s) => s.code);
}

/** A minimal Workflow around a list of DAG tasks (YAML lines indented for `tasks:`). */
export function dagWorkflow(tasks: string, extraTemplates = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      dag:
        tasks:
${tasks
  .split('\n')
  .map((l) => (l.trim() ? `          ${l}` : l))
  .join('\n')}
    - name: echo
      container:
        image: alpine:3.20
${extraTemplates}`;
}

export function stepsWorkflow(steps: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
${steps
  .split('\n')
  .map((l) => (l.trim() ? `        ${l}` : l))
  .join('\n')}
    - name: echo
      container:
        image: alpine:3.20
`;
}
