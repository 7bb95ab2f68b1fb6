import { analyzeText, type Analysis } from '../../core/analyze';
import { buildGraph } from '../../core/graph/build-graph';
import { layoutGraph } from '../../core/graph/layout';

let warmed: Analysis | undefined;

/** Analyses a small complete workflow once, so the hot paths are compiled before the first real file. */
export function warmUp(): void {
  warmed = analyzeText(warmupText());
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
