import type { WorkflowGraph } from './types';

/**
 * Nodes for the cursor at `offset`: the innermost tasks/steps whose source contains it (every drawn
 * instance), else the nodes that call the template the cursor is in.
 */
export function nodesAtOffset(graph: WorkflowGraph, offset: number): string[] {
  let best = Infinity;
  for (const n of graph.nodes) {
    if (n.range.start <= offset && offset <= n.range.end) best = Math.min(best, n.range.end - n.range.start);
  }
  if (best < Infinity) {
    return graph.nodes.filter((n) => n.range.end - n.range.start === best && n.range.start <= offset && offset <= n.range.end).map((n) => n.id);
  }
  const template = graph.templates.find((t) => t.range.start <= offset && offset <= t.range.end);
  if (!template || template.name === graph.root.template) return [];
  return graph.nodes.filter((n) => n.call.template === template.name && !n.call.templateRef).map((n) => n.id);
}
