import { isScalar, isSeq } from 'yaml';
import type { DagTaskModel } from '../model/types';
import type { Fix, TextEdit } from '../types';
import { endOfLine, removeListItem } from '../util/edits';
import type { RuleContext } from './rule';

/**
 * A fix that makes `task` no longer depend on `dep`: the entry of `dependencies`, or the operand of a
 * `depends` that is a plain conjunction (`a && b.Succeeded`). Undefined where the expression has `||`,
 * `!` or parentheses (removing one operand would change what the rest means).
 */
export function removeDependencyFix(ctx: RuleContext, task: DagTaskModel, dep: string, preferred: boolean): Fix | undefined {
  const self = task.name?.value ?? '?';
  const title = `Remove the dependency of "${self}" on "${dep}"`;
  const edit = removeFromDependencies(ctx, task, dep) ?? removeFromDepends(ctx, task, dep);
  return edit ? { title, edits: [edit], ...(preferred ? { preferred: true } : {}) } : undefined;
}

function removeFromDependencies(ctx: RuleContext, task: DagTaskModel, dep: string): TextEdit | undefined {
  const item = task.dependencies?.find((d) => d.value === dep);
  if (!item) return undefined;
  const seq = ctx.y.get(task.node, 'dependencies');
  if (isSeq(seq) && seq.items.length === 1 && !seq.flow) {
    // The only item of a block list: leave an empty flow list, not a `dependencies:` with no value.
    const r = ctx.y.range(seq);
    const keyEnd = ctx.text.lastIndexOf(':', r.start) + 1;
    return { range: { start: keyEnd, end: endOfLine(ctx.text, item.range.end) }, newText: ' []' };
  }
  return removeListItem(ctx.text, item.range);
}

function removeFromDepends(ctx: RuleContext, task: DagTaskModel, dep: string): TextEdit | undefined {
  const node = ctx.y.get(task.node, 'depends');
  if (!isScalar(node) || typeof node.value !== 'string' || /[|!()]/.test(node.value)) return undefined;
  const r = ctx.y.range(node);
  if (ctx.text.slice(r.start, r.end).includes('\n')) return undefined;
  const parts = node.value
    .split('&&')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const kept = parts.filter((p) => p.split('.')[0] !== dep);
  if (kept.length === parts.length) return undefined;
  if (kept.length > 0) return { range: r, newText: JSON.stringify(kept.join(' && ')) };
  // Nothing left: remove the whole `depends:` line.
  const key = ctx.y.keyRange(task.node, 'depends');
  if (!key) return undefined;
  const start = ctx.text.lastIndexOf('\n', key.start - 1) + 1;
  if (ctx.text.slice(start, key.start).trim() !== '') return { range: { start: key.start, end: endOfLine(ctx.text, r.end) }, newText: '' };
  return { range: { start, end: Math.min(ctx.text.length, endOfLine(ctx.text, r.end) + 1) }, newText: '' };
}
