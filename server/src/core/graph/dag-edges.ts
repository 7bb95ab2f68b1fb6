import { parseDepends, walkDepends, type DependsAst } from '../expr/depends-parser';
import type { DagTaskModel } from '../model/types';
import type { Range } from '../types';
import { scalarMapper } from '../util/scalar-offsets';
import type { GraphParts } from './graph-parts';
import { missingWidth, NODE_METRICS } from './node-size';

export interface PlacedTask {
  readonly task: DagTaskModel;
  readonly id: string;
}

interface Dependency {
  readonly name: string;
  readonly range: Range;
  /** '' for the default condition; else e.g. 'Failed', 'not', 'not Failed'. */
  readonly condition: string;
  /** From a `depends` that does not parse: unknown names are not drawn as placeholders. */
  readonly fromBrokenExpression?: boolean;
}

/** Edges of one DAG from `dependencies` and `depends`; unknown names get a placeholder node. */
export function addDagEdges(parts: GraphParts, text: string, tasks: readonly PlacedTask[], parent: string | undefined, prefix: string): void {
  const byName = new Map<string, string>();
  for (const t of tasks) {
    const name = t.task.name?.value;
    if (name !== undefined && !byName.has(name)) byName.set(name, t.id);
  }
  for (const t of tasks) {
    const self = t.task.name?.value;
    for (const dep of dependenciesOf(text, t.task)) {
      if (dep.name === self) continue; // a self-dependency is marked on the node by its rule
      const from = byName.get(dep.name);
      if (from !== undefined) {
        parts.addEdge(from, t.id, 'dependency', parent, dep.range, dep.condition);
        continue;
      }
      if (dep.fromBrokenExpression) continue;
      const id = `${prefix}${prefix ? '.' : ''}?${dep.name}`;
      parts.addMissing({ id, name: dep.name, ...(parent !== undefined ? { parent } : {}), width: missingWidth(dep.name), height: NODE_METRICS.missingHeight });
      parts.addEdge(id, t.id, 'missing', parent, dep.range, dep.condition);
    }
  }
}

function dependenciesOf(text: string, task: DagTaskModel): Dependency[] {
  const out: Dependency[] = [];
  for (const d of task.dependencies ?? []) out.push({ name: d.value, range: d.range, condition: '' });
  const d = task.depends;
  if (!d) return out;
  const parsed = parseDepends(d.value);
  const negated = new Map<number, boolean>();
  if (parsed.ast) markNegation(parsed.ast, false, negated);
  const broken = parsed.errors.length > 0;
  const map = scalarMapper(text, d.range, d.value);
  for (const op of parsed.operands) {
    if (!op.task) continue;
    const not = negated.get(op.taskStart) === true;
    const result = op.result ?? '';
    const condition = not ? `not${result ? ' ' + result : ''}` : result;
    out.push({ name: op.task, range: map(op.taskStart, op.taskEnd - op.taskStart), condition, ...(broken ? { fromBrokenExpression: true } : {}) });
  }
  return out;
}

/** Operands under an odd number of `!`, keyed by their start offset. */
function markNegation(ast: DependsAst, not: boolean, out: Map<number, boolean>): void {
  walkDepends(ast, (node, nots) => {
    if (node.type === 'operand') out.set(node.operand.taskStart, nots % 2 === 1 ? !not : not);
  });
}
