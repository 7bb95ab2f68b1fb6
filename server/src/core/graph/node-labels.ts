import { nodeWidth } from './node-size';
import type { CallTarget, GroupInfo, LoopInfo, NodeKind } from './types';

/** The parts of a node that decide its text (and so its size). */
export interface LabelSource {
  readonly name: string;
  readonly kind: NodeKind;
  readonly call: CallTarget;
  readonly group?: GroupInfo;
  readonly recursion?: { readonly template: string };
  readonly loop?: LoopInfo;
  readonly when?: string;
}

export interface NodeLabels {
  readonly title: string;
  readonly subtitle: string;
  readonly badges: string[];
}

export function callLabel(call: CallTarget): string {
  if (call.templateRef) {
    const r = call.templateRef;
    return `${r.clusterScope ? 'cluster ' : ''}ref ${r.name}/${r.template}`;
  }
  if (call.inline) return `inline ${call.type ?? 'template'}`;
  if (call.template) return call.template;
  return '(no template)';
}

export function loopBadge(loop: LoopInfo): string {
  if (loop.count !== undefined) return `×${loop.count}`;
  return loop.kind === 'withParam' ? '×param' : loop.kind === 'withSequence' ? '×seq' : '×items';
}

/** Title, subtitle and badges of a node box (collapsed size for groups). */
export function nodeLabels(n: LabelSource): NodeLabels {
  let subtitle = callLabel(n.call);
  if (n.recursion) subtitle = `↻ ${n.recursion.template}`;
  else if (n.group) subtitle = `${subtitle} · ${n.group.childCount} ${n.group.type === 'dag' ? 'tasks' : 'steps'}`;
  if (n.kind === 'exit') subtitle = `exit: ${subtitle}`;
  else if (n.kind === 'hook') subtitle = `hook: ${subtitle}`;
  else if (n.kind === 'template') subtitle = n.call.type ?? 'template';
  const badges: string[] = [];
  if (n.loop) badges.push(loopBadge(n.loop));
  if (n.when !== undefined && n.kind !== 'hook') badges.push('when');
  return { title: n.name, subtitle, badges };
}

/** The header text after the name of an expanded group: template, type, loop, when. */
export function groupSubtitle(n: LabelSource): string {
  const g = n.group;
  const parts = [g?.template ?? callLabel(n.call), g?.type ?? ''];
  if (n.loop) parts.push(loopBadge(n.loop));
  if (n.when !== undefined) parts.push('when');
  return parts.filter((p) => p !== '').join(' · ');
}

export function labelledWidth(n: LabelSource): number {
  const l = nodeLabels(n);
  return nodeWidth(l.title, l.subtitle, l.badges);
}
