import type { Finding, Range } from '../types';
import type { GraphProblem, WorkflowGraph } from './types';

const MAX_PER_NODE = 20;

function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function problem(f: Finding): GraphProblem {
  return { code: f.code, severity: f.severity, message: f.message };
}

function push(list: GraphProblem[], p: GraphProblem): void {
  if (list.length < MAX_PER_NODE && !list.some((q) => q.code === p.code && q.message === p.message)) list.push(p);
}

/**
 * Marks rule findings on the graph: on the innermost nodes whose task/step contains them (every
 * instance of a template drawn more than once), on the edges made by the dependency they name (or
 * relate: every edge of a cycle), else on
 * the graph when they are inside the drawn template.
 */
export function attachProblems(graph: WorkflowGraph, findings: readonly Finding[]): void {
  for (const f of findings) {
    if (f.severity === 'hint') continue;
    let best = Infinity;
    for (const n of graph.nodes) {
      if (contains(n.range, f.range)) best = Math.min(best, n.range.end - n.range.start);
    }
    let placed = false;
    if (best < Infinity) {
      for (const n of graph.nodes) {
        if (n.range.end - n.range.start === best && contains(n.range, f.range)) push(n.problems, problem(f));
      }
      placed = true;
    }
    // Also the edges the finding relates (every dependency of a cycle, not only the one that closes it).
    const at = [f.range, ...(f.related ?? []).map((r) => r.range)];
    for (const e of graph.edges) {
      if (e.ranges.some((r) => at.some((x) => contains(r, x)))) {
        push(e.problems, problem(f));
        placed = true;
      }
    }
    if (!placed && contains(graph.root.range, f.range)) push(graph.problems, problem(f));
  }
}

/** The worst severity of a list of problems. */
export function worstSeverity(problems: readonly GraphProblem[]): GraphProblem['severity'] | undefined {
  const order = ['error', 'warning', 'info', 'hint'] as const;
  for (const s of order) if (problems.some((p) => p.severity === s)) return s;
  return undefined;
}
