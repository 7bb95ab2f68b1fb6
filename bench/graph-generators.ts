/** Generated graphs and timings for the layout benchmark (bench/ and tests call these). */
import {
  chooseEngine,
  GraphParts,
  labelledWidth,
  layoutGraph,
  NODE_METRICS,
  type EngineChoice,
  type GraphDirection,
  type LayoutEngine,
  type WorkflowGraph,
} from '../server/src/core/graph';

export interface GeneratedDagOptions {
  /** Nodes per layer (default: about the square root of n). */
  readonly width?: number;
  readonly seed?: number;
  /** Each node depends on 1..maxParents nodes of the previous two layers (default 3). */
  readonly maxParents?: number;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** A layered DAG of `n` tasks: each depends on one to three tasks of the one or two layers before it. */
export function generateLayeredDag(n: number, options: GeneratedDagOptions = {}): WorkflowGraph {
  const width = Math.max(1, options.width ?? Math.round(Math.sqrt(n)));
  const rnd = random(options.seed ?? 42);
  const maxParents = options.maxParents ?? 3;
  const parts = new GraphParts();
  const layerOf: number[][] = [];
  for (let i = 0; i < n; i++) {
    const name = `task-${i}`;
    const L = Math.floor(i / width);
    (layerOf[L] ??= []).push(i);
    const call = { template: 'work', type: 'container' as const };
    parts.addNode({
      id: parts.uniqueId(name),
      name,
      kind: 'task',
      depth: 0,
      range: { start: 0, end: 0 },
      call,
      details: { inputs: [], inputArtifacts: [], outputs: [], arguments: [], hooks: [] },
      problems: [],
      width: labelledWidth({ name, kind: 'task', call }),
      height: NODE_METRICS.height,
    });
    if (L === 0) continue;
    const k = 1 + Math.floor(rnd() * maxParents);
    for (let j = 0; j < k; j++) {
      const from = L >= 2 && rnd() < 0.2 ? layerOf[L - 2] : layerOf[L - 1];
      const p = from[Math.floor(rnd() * from.length)];
      parts.addEdge(`task-${p}`, name, 'dependency', undefined);
    }
  }
  return {
    documentIndex: 0,
    kind: 'Workflow',
    workflowName: `generated-${n}`,
    root: { template: 'main', type: 'dag', range: { start: 0, end: 0 }, isEntrypoint: true },
    templates: [],
    nodes: parts.nodes,
    missing: parts.missing,
    edges: parts.edges,
    problems: [],
    truncated: false,
    showArtifacts: true,
  };
}

/** The same kind of DAG as Workflow YAML (for end-to-end timings: parse, analyse, build, layout, render). */
export function generateDagYaml(n: number, options: GeneratedDagOptions = {}): string {
  const g = generateLayeredDag(n, options);
  const deps = new Map<string, string[]>();
  for (const e of g.edges) deps.set(e.to, [...(deps.get(e.to) ?? []), e.from]);
  const lines = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Workflow',
    'metadata:',
    `  generateName: generated-${n}-`,
    'spec:',
    '  entrypoint: main',
    '  templates:',
    '    - name: main',
    '      dag:',
    '        tasks:',
  ];
  for (const node of g.nodes) {
    lines.push(`          - name: ${node.name}`, '            template: work');
    const d = deps.get(node.id);
    if (d) lines.push(`            dependencies: [${d.join(', ')}]`);
  }
  lines.push('    - name: work', '      container:', '        image: alpine:3.20', '        command: [true]', '');
  return lines.join('\n');
}

export interface BenchmarkRow {
  readonly nodes: number;
  readonly edges: number;
  readonly engine: LayoutEngine;
  /** Best of `repeat` runs, in milliseconds. */
  readonly ms: number;
  /** First (cold) run, in milliseconds. */
  readonly firstMs: number;
}

export interface BenchmarkOptions {
  readonly engine?: EngineChoice;
  readonly direction?: GraphDirection;
  readonly repeat?: number;
}

/** Times the layout of generated DAGs of the given sizes. */
export async function layoutBenchmark(sizes: readonly number[] = [10, 100, 1000, 5000], options: BenchmarkOptions = {}): Promise<BenchmarkRow[]> {
  const rows: BenchmarkRow[] = [];
  for (const n of sizes) {
    const g = generateLayeredDag(n);
    const times: number[] = [];
    for (let i = 0; i < Math.max(1, options.repeat ?? 3); i++) {
      const t = performance.now();
      await layoutGraph(g, { direction: options.direction ?? 'TB', engine: options.engine ?? 'auto' });
      times.push(performance.now() - t);
    }
    rows.push({ nodes: n, edges: g.edges.length, engine: chooseEngine(g, options.engine), ms: Math.round(Math.min(...times)), firstMs: Math.round(times[0]) });
  }
  return rows;
}
