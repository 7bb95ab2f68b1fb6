import { analyzeText, type Analysis } from '../../core/analyze';
import { buildGraph, layoutGraph } from '../../core/graph';

let warmed: Analysis | undefined;

/** Rounds of warm-up: V8 optimises the parser's hot paths after a few (1000 tasks: open 235 -> 185 ms). */
const ROUNDS = 8;

/**
 * Analyses a small complete workflow once now and a few more times while the worker is idle, so
 * the hot paths are compiled before the first real file. A round never delays a job by more than
 * its own few milliseconds, and the rounds stop as soon as real work arrives.
 */
export function warmUp(idle: () => boolean): void {
  const text = warmupText();
  warmed = analyzeText(text);
  let left = ROUNDS - 1;
  const next = (): void => {
    if (left-- <= 0 || !idle()) return;
    analyzeText(text);
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/**
 * Lays out the warm-up graph with ELK a little later: ELK's first layout pays for loading and JIT
 * compilation. Called when a document first shows graph CodeLenses (a graph may be asked for soon).
 */
export function warmLayout(): void {
  const analysis = warmed;
  if (!analysis) return;
  warmed = undefined;
  setTimeout(() => {
    const g = buildGraph(analysis, {});
    if (g.ok) void layoutGraph(g.graph, { engine: 'elk' }).catch(() => undefined);
  }, 200).unref();
}

function warmupText(): string {
  const tasks: string[] = [];
  for (let i = 0; i < 40; i++) {
    tasks.push(`          - name: t${i}
            template: work
            ${i > 0 ? `dependencies: [t${i - 1}]` : ''}
            arguments:
              parameters: [{name: m, value: "{{workflow.parameters.p}} ${i > 0 ? `{{tasks.t${i - 1}.outputs.result}}` : ''}"}]`);
  }
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: warmup-
spec:
  entrypoint: main
  arguments:
    parameters: [{name: p, value: x}]
  templates:
    - name: main
      dag:
        tasks:
${tasks.join('\n')}
    - name: work
      inputs: {parameters: [{name: m}]}
      container: {image: alpine, command: [echo, "{{inputs.parameters.m}}"]}
`;
}
