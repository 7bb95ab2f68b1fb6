import type { Analysis } from '../analyze';
import type { TemplateModel } from '../model/types';
import { callsOf } from '../model/walk';
import type { Range } from '../types';

export type OutlineKind = 'document' | 'template' | 'task' | 'step' | 'group' | 'parameter';

export interface OutlineSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: OutlineKind;
  readonly range: Range;
  readonly selectionRange: Range;
  readonly children: OutlineSymbol[];
}

/** The outline: each Argo document, its templates, and their tasks / step groups / steps. */
export function documentSymbols(analysis: Analysis): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  for (const d of analysis.documents) {
    const m = d.model;
    if (!m) continue;
    const name = m.name?.value ?? m.generateName?.value ?? `(${m.kind})`;
    const children: OutlineSymbol[] = [];
    for (const p of m.spec?.arguments.parameters ?? []) {
      if (p.name)
        children.push({
          name: p.name.value,
          detail: p.value?.value ?? 'parameter',
          kind: 'parameter',
          range: p.range,
          selectionRange: p.name.range,
          children: [],
        });
    }
    for (const t of m.spec?.templates ?? []) children.push(templateSymbol(t, 0));
    out.push({ name, detail: m.kind, kind: 'document', range: m.range, selectionRange: m.name?.range ?? m.generateName?.range ?? m.kindRange, children });
  }
  return out;
}

function templateSymbol(t: TemplateModel, depth: number): OutlineSymbol {
  const children: OutlineSymbol[] = [];
  if (depth < 8) {
    if (t.steps) {
      for (const g of t.steps) {
        const steps = g.steps.map((s) => callSymbol(s.name?.value, describeCall(s), 'step', s.range, s.name?.range ?? s.range, s.inline, depth));
        children.push({
          name: `[${g.index}]`,
          detail: `${g.steps.length} parallel step${g.steps.length === 1 ? '' : 's'}`,
          kind: 'group',
          range: g.range,
          selectionRange: g.range,
          children: steps,
        });
      }
    } else {
      for (const c of callsOf(t)) children.push(callSymbol(c.name?.value, describeCall(c), 'task', c.range, c.name?.range ?? c.range, c.inline, depth));
    }
  }
  return {
    name: t.name?.value ?? '(inline)',
    detail: t.type ?? 'template',
    kind: 'template',
    range: t.range,
    selectionRange: t.name?.range ?? t.range,
    children,
  };
}

function callSymbol(
  name: string | undefined,
  detail: string,
  kind: 'task' | 'step',
  range: Range,
  sel: Range,
  inline: TemplateModel | undefined,
  depth: number,
): OutlineSymbol {
  return { name: name ?? '(unnamed)', detail, kind, range, selectionRange: sel, children: inline ? [templateSymbol(inline, depth + 1)] : [] };
}

function describeCall(c: ReturnType<typeof callsOf>[number]): string {
  if (c.template) return `→ ${c.template.value}`;
  if (c.templateRef) return `→ ${c.templateRef.name?.value ?? '?'}/${c.templateRef.template?.value ?? '?'}`;
  return c.inline ? 'inline' : '';
}
