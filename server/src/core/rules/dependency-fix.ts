import { isScalar, isSeq } from 'yaml';
import type { DagTaskModel, TemplateModel } from '../model/types';
import type { Fix } from '../types';
import type { RuleContext } from './rule';

/** A fix that makes `task` depend on `dep`, in the style the task (or its DAG) already uses. */
export function addDependencyFix(ctx: RuleContext, task: DagTaskModel, dep: string, template: TemplateModel): Fix | undefined {
  const { y, text } = ctx;
  const title = `Add a dependency on "${dep}"`;
  const depsNode = y.get(task.node, 'dependencies');
  if (isSeq(depsNode)) {
    const r = y.range(depsNode);
    if (depsNode.flow) {
      const close = text.lastIndexOf(']', r.end);
      if (close < r.start) return undefined;
      const sep = depsNode.items.length > 0 ? ', ' : '';
      return { title, edits: [{ range: { start: close, end: close }, newText: `${sep}${dep}` }] };
    }
    const last = depsNode.items[depsNode.items.length - 1];
    if (!last) return undefined;
    const lr = y.range(last);
    const lineStart = text.lastIndexOf('\n', lr.start - 1) + 1;
    const prefix = text.slice(lineStart, lr.start);
    let eol = text.indexOf('\n', lr.end);
    if (eol < 0) eol = text.length;
    return { title, edits: [{ range: { start: eol, end: eol }, newText: `\n${prefix}${dep}` }] };
  }
  const depends = y.get(task.node, 'depends');
  if (isScalar(depends) && typeof depends.value === 'string') {
    const r = y.range(depends);
    if (text.slice(r.start, r.end).includes('\n')) return undefined;
    const expr = /[|&]/.test(depends.value) ? `(${depends.value}) && ${dep}` : `${depends.value} && ${dep}`;
    return { title, edits: [{ range: r, newText: JSON.stringify(expr) }] };
  }
  // Neither: add a key after `name:`, in the DAG's style.
  const nameKey = y.keyRange(task.node, 'name');
  if (!nameKey || task.node.flow) return undefined;
  const lineStart = text.lastIndexOf('\n', nameKey.start - 1) + 1;
  const indent = ' '.repeat(nameKey.start - lineStart);
  let eol = text.indexOf('\n', nameKey.end);
  if (eol < 0) eol = text.length;
  const usesDepends = template.dag?.tasks.some((t) => t.depends !== undefined) ?? false;
  const line = usesDepends || !(template.dag?.tasks.some((t) => t.dependencies !== undefined) ?? false) ? `depends: ${dep}` : `dependencies: [${dep}]`;
  return { title, edits: [{ range: { start: eol, end: eol }, newText: `\n${indent}${line}` }] };
}
