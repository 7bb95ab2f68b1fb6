import type { Position } from '../../../server/src/core/types';
import type { GraphNode } from '../../../server/src/core/graph/types';

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function size(n: GraphNode): number {
  const l = n.location;
  if (!l) return Infinity;
  return (l.end.line - l.start.line) * 100000 + (l.end.character - l.start.character);
}

/**
 * Nodes under the cursor from the LSP ranges of the last graph (no server round trip): the innermost
 * tasks/steps containing it, every drawn instance.
 */
export function nodesAtPosition(nodes: readonly GraphNode[], pos: Position): string[] {
  const hits = nodes.filter((n) => n.location && before(n.location.start, pos) && before(pos, n.location.end));
  if (hits.length === 0) return [];
  const best = Math.min(...hits.map(size));
  return hits.filter((n) => size(n) === best).map((n) => n.id);
}
