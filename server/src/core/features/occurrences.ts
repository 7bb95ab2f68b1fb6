import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Analysis } from '../analyze';
import { parseDepends } from '../expr/depends-parser';
import type { ArgoDocumentModel, CallModel, TemplateModel } from '../model/types';
import { callsOf } from '../model/walk';
import { YamlAccess } from '../model/yaml-access';
import type { Range } from '../types';
import { scalarMapper } from '../util/scalar-offsets';
import { readExpression } from '../variables/expression';
import { scanTags } from '../variables/tags';
import { encodeSymbolKey, type TemplateKind } from './symbol-key';

export type SymbolKind = 'template' | 'task' | 'step' | 'input' | 'workflow-parameter' | 'workflow-template' | 'ref-template';

/** One place a named thing is defined or used. `keys` identify the thing (a definition may have aliases). */
export interface Occurrence {
  readonly kind: SymbolKind;
  readonly name: string;
  readonly range: Range;
  readonly keys: readonly string[];
  readonly definition: boolean;
  /** For display: the template (or DAG) it belongs to. */
  readonly container?: string;
}

const cache = new WeakMap<Analysis, Occurrence[]>();

/** Every definition and use of templates, tasks, steps, parameters and WorkflowTemplates in a text (cached per analysis). */
export function collectOccurrences(text: string, analysis: Analysis): Occurrence[] {
  const hit = cache.get(analysis);
  if (hit && analysis.file.text === text) return hit;
  const out: Occurrence[] = [];
  for (const d of analysis.documents) {
    if (!d.model) continue;
    const y = new YamlAccess(d.parsed.doc, analysis.file.toOriginal);
    collectDocument(text, d.model, y, out);
  }
  out.sort((a, b) => a.range.start - b.range.start);
  cache.set(analysis, out);
  return out;
}

function collectDocument(text: string, m: ArgoDocumentModel, y: YamlAccess, out: Occurrence[]): void {
  const d = m.documentIndex;
  const spec = m.spec;
  const isWT = m.kind === 'WorkflowTemplate' || m.kind === 'ClusterWorkflowTemplate';
  const wtName = m.name?.value;
  const tplKeys = (name: string): string[] => {
    const keys = [encodeSymbolKey({ kind: 'template', scope: String(d), name })];
    if (isWT && wtName) keys.push(encodeSymbolKey({ kind: 'ref-template', templateKind: m.kind as TemplateKind, workflowTemplate: wtName, template: name }));
    return keys;
  };
  const push = (kind: SymbolKind, name: string, range: Range, keys: string[], definition: boolean, container?: string): void => {
    out.push({ kind, name, range, keys, definition, container });
  };
  if (isWT && m.name)
    push(
      'workflow-template',
      m.name.value,
      m.name.range,
      [encodeSymbolKey({ kind: 'workflow-template', templateKind: m.kind as TemplateKind, name: m.name.value })],
      true,
    );
  if (!spec) return;
  for (const p of spec.arguments.parameters)
    if (p.name)
      push('workflow-parameter', p.name.value, p.name.range, [encodeSymbolKey({ kind: 'workflow-parameter', scope: String(d), name: p.name.value })], true);
  const wtRef = spec.workflowTemplateRef;
  if (wtRef?.name)
    push(
      'workflow-template',
      wtRef.name.value,
      wtRef.name.range,
      [
        encodeSymbolKey({
          kind: 'workflow-template',
          templateKind: wtRef.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate',
          name: wtRef.name.value,
        }),
      ],
      false,
    );
  if (spec.entrypoint && !wtRef) push('template', spec.entrypoint.value, spec.entrypoint.range, tplKeys(spec.entrypoint.value), false);
  if (spec.onExit && !wtRef) push('template', spec.onExit.value, spec.onExit.range, tplKeys(spec.onExit.value), false);
  hookTemplates(y, y.getMap(spec.node, 'hooks'), (r) => push('template', r.value, r.range, tplKeys(r.value), false));
  // Spec-level strings may use workflow parameters.
  scanStrings(text, y, spec.node, new Set(['templates']), (name, parts) => variableOccurrence(name, parts, d, undefined, push));
  const workflowParams = new Set(spec.arguments.parameters.map((p) => p.name?.value).filter((n): n is string => n !== undefined));
  const visit = (t: TemplateModel, depth: number): void => {
    if (depth > 8) return;
    const id = `${d}:${t.range.start}`;
    const label = t.name?.value ?? '';
    if (t.name && t.index >= 0) push('template', t.name.value, t.name.range, tplKeys(t.name.value), true);
    for (const p of t.inputs.parameters) {
      if (!p.name) continue;
      const keys = [encodeSymbolKey({ kind: 'input', scope: id, name: p.name.value })];
      // An input of a WorkflowTemplate's template is also what templateRef call sites (in any document) pass.
      if (isWT && wtName && t.name && t.index >= 0)
        keys.push(
          encodeSymbolKey({ kind: 'ref-input', templateKind: m.kind as TemplateKind, workflowTemplate: wtName, template: t.name.value, name: p.name.value }),
        );
      // Argo passes the workflow's arguments to the entrypoint's inputs by name: the two are one name.
      if (depth === 0 && t.name && t.name.value === spec.entrypoint?.value && workflowParams.has(p.name.value))
        keys.push(encodeSymbolKey({ kind: 'workflow-parameter', scope: String(d), name: p.name.value }));
      push('input', p.name.value, p.name.range, keys, true, label);
    }
    scanStrings(text, y, t.node, new Set(['steps', 'dag']), (name, parts) => variableOccurrence(name, parts, d, t, push));
    const dag = y.getMap(t.node, 'dag');
    if (dag) scanStrings(text, y, dag, new Set(['tasks']), (name, parts) => variableOccurrence(name, parts, d, t, push));
    for (const call of callsOf(t)) {
      const kind: SymbolKind = call.type === 'task' ? 'task' : 'step';
      if (call.name)
        push(
          kind,
          call.name.value,
          call.name.range,
          [encodeSymbolKey({ kind: kind === 'task' ? 'task' : 'step', scope: id, name: call.name.value })],
          true,
          label,
        );
      collectCall(text, y, m, t, call, id, tplKeys, push);
      if (call.type === 'task') {
        for (const dep of call.dependencies ?? [])
          push('task', dep.value, dep.range, [encodeSymbolKey({ kind: 'task', scope: id, name: dep.value })], false, label);
        if (call.depends) {
          const dp = call.depends;
          const map = scalarMapper(text, dp.range, dp.value);
          for (const op of parseDepends(dp.value).operands) {
            push('task', op.task, map(op.taskStart, op.taskEnd - op.taskStart), [encodeSymbolKey({ kind: 'task', scope: id, name: op.task })], false, label);
          }
        }
      }
      scanStrings(text, y, call.node, new Set(['inline']), (name, parts) => variableOccurrence(name, parts, d, t, push));
      if (call.inline) visit(call.inline, depth + 1);
    }
  };
  for (const t of spec.templates) visit(t, 0);
}

function collectCall(
  _text: string,
  y: YamlAccess,
  m: ArgoDocumentModel,
  t: TemplateModel,
  call: CallModel,
  _id: string,
  tplKeys: (n: string) => string[],
  push: (kind: SymbolKind, name: string, range: Range, keys: string[], definition: boolean, container?: string) => void,
): void {
  const label = t.name?.value ?? '';
  if (call.template && !call.templateRef) {
    push('template', call.template.value, call.template.range, tplKeys(call.template.value), false, label);
    // Argument names are uses of the callee's input parameters.
    const callee = m.spec?.templates.find((x) => x.name?.value === call.template?.value);
    if (callee) {
      for (const a of call.arguments.parameters)
        if (a.name)
          push(
            'input',
            a.name.value,
            a.name.range,
            [encodeSymbolKey({ kind: 'input', scope: `${m.documentIndex}:${callee.range.start}`, name: a.name.value })],
            false,
            label,
          );
    }
  }
  if (call.onExit) push('template', call.onExit.value, call.onExit.range, tplKeys(call.onExit.value), false, label);
  hookTemplates(y, y.getMap(call.node, 'hooks'), (r) => push('template', r.value, r.range, tplKeys(r.value), false, label));
  const ref = call.templateRef;
  if (ref?.name) {
    const kind = ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate';
    push(
      'workflow-template',
      ref.name.value,
      ref.name.range,
      [encodeSymbolKey({ kind: 'workflow-template', templateKind: kind, name: ref.name.value })],
      false,
      label,
    );
    if (ref.template)
      for (const a of call.arguments.parameters)
        if (a.name)
          push(
            'input',
            a.name.value,
            a.name.range,
            [encodeSymbolKey({ kind: 'ref-input', templateKind: kind, workflowTemplate: ref.name.value, template: ref.template.value, name: a.name.value })],
            false,
            label,
          );
    if (ref.template)
      push(
        'ref-template',
        ref.template.value,
        ref.template.range,
        [encodeSymbolKey({ kind: 'ref-template', templateKind: kind, workflowTemplate: ref.name.value, template: ref.template.value })],
        false,
        label,
      );
  }
}

function hookTemplates(y: YamlAccess, hooks: ReturnType<YamlAccess['getMap']>, fn: (r: { value: string; range: Range }) => void): void {
  for (const k of y.keys(hooks)) {
    const tpl = y.getStr(y.getMap(hooks, k.value), 'template');
    if (tpl) fn(tpl);
  }
}

/** `{{tasks.X...}}`, `{{steps.X...}}`, `{{inputs.parameters.X}}`, `{{workflow.parameters.X}}` as occurrences of X. */
function variableOccurrence(
  name: string,
  partRanges: readonly Range[],
  d: number,
  t: TemplateModel | undefined,
  push: (kind: SymbolKind, name: string, range: Range, keys: string[], definition: boolean, container?: string) => void,
): void {
  const parts = name.split('.');
  const sub = (index: number): Range => partRanges[index];
  if (partRanges.length !== parts.length) return;
  if (parts[0] === 'workflow' && parts[1] === 'parameters' && parts[2] && parts[2] !== 'json') {
    push('workflow-parameter', parts[2], sub(2), [encodeSymbolKey({ kind: 'workflow-parameter', scope: String(d), name: parts[2] })], false);
    return;
  }
  if (!t) return;
  const id = `${d}:${t.range.start}`;
  if (parts[0] === 'inputs' && parts[1] === 'parameters' && parts[2] && parts.length === 3)
    push('input', parts[2], sub(2), [encodeSymbolKey({ kind: 'input', scope: id, name: parts[2] })], false, t.name?.value);
  else if ((parts[0] === 'tasks' || parts[0] === 'steps') && parts[1] && parts[1] !== 'name') {
    const kind: SymbolKind = parts[0] === 'tasks' ? 'task' : 'step';
    push(kind, parts[1], sub(1), [encodeSymbolKey({ kind: kind === 'task' ? 'task' : 'step', scope: id, name: parts[1] })], false, t.name?.value);
  }
}

/**
 * Calls `fn` with each variable name used in strings under `node` (skipping some of its keys), and
 * the range of each of its dotted parts in the text (`inputs.parameters['x']` gives the range of x).
 */
function scanStrings(text: string, y: YamlAccess, node: Node, skip: ReadonlySet<string>, fn: (name: string, parts: Range[]) => void): void {
  const visit = (n: unknown, depth: number): void => {
    if (depth > 100 || !n) return;
    if (isScalar(n)) {
      if (typeof n.value !== 'string' || !n.value.includes('{{')) return;
      const value = n.value;
      const map = scalarMapper(text, y.range(n), value);
      for (const tag of scanTags(value).tags) {
        if (tag.expression) {
          for (const ref of readExpression(tag.inner).refs) {
            const parts = pathParts(tag.inner.slice(ref.start, ref.end));
            if (!parts || parts.map((p) => p.name).join('.') !== ref.path) continue;
            const at = tag.start + 3 + ref.start;
            fn(
              ref.path,
              parts.map((p) => map(at + p.start, p.name.length)),
            );
          }
        } else {
          const name = tag.inner.trim();
          const lead = tag.inner.length - tag.inner.trimStart().length;
          const parts = pathParts(name);
          if (parts)
            fn(
              name,
              parts.map((p) => map(tag.innerStart + lead + p.start, p.name.length)),
            );
        }
      }
    } else if (isMap(n)) {
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (n === node && skip.has(key)) continue;
        visit(pair.value, depth + 1);
      }
    } else if (isSeq(n)) for (const item of n.items) visit(item, depth + 1);
  };
  visit(node, 0);
}

/** The parts of `a.b['c'].d` with their offsets in it (names in brackets without their quotes); undefined when it is not such a path. */
function pathParts(raw: string): { name: string; start: number }[] | undefined {
  const out: { name: string; start: number }[] = [];
  let i = 0;
  while (i < raw.length) {
    if (out.length > 0) {
      if (raw[i] === '.') i++;
      else if (raw[i] !== '[') return undefined;
    }
    if (raw[i] === '[') {
      const q = raw[i + 1];
      if (q !== "'" && q !== '"') return undefined;
      const close = raw.indexOf(q, i + 2);
      if (close < 0 || raw[close + 1] !== ']') return undefined;
      out.push({ name: raw.slice(i + 2, close), start: i + 2 });
      i = close + 2;
      continue;
    }
    const m = /^[^.[\]\s'"]+/.exec(raw.slice(i));
    if (!m) return undefined;
    out.push({ name: m[0], start: i });
    i += m[0].length;
  }
  return out.length ? out : undefined;
}

/** The occurrence under an offset (the innermost, for nested ranges). */
export function occurrenceAt(occurrences: readonly Occurrence[], offset: number): Occurrence | undefined {
  let best: Occurrence | undefined;
  for (const o of occurrences) {
    if (o.range.start <= offset && offset <= o.range.end) {
      if (!best || o.range.end - o.range.start < best.range.end - best.range.start) best = o;
    }
  }
  return best;
}
