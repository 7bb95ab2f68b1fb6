/** Hover details of nodes and edges. Built with textContent only: YAML strings are never parsed as HTML. */
import { callLabel, loopBadge, type GraphEdge, type GraphNode } from '../../../server/src/core/graph/view';

function line(parent: HTMLElement, label: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  const row = document.createElement('div');
  const key = document.createElement('span');
  key.className = 'tt-key';
  key.textContent = `${label}: `;
  row.append(key, document.createTextNode(value));
  parent.append(row);
}

function list(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(', ') : undefined;
}

export function nodeTooltip(el: HTMLElement, n: GraphNode): void {
  el.replaceChildren();
  const title = document.createElement('div');
  title.className = 'tt-title';
  title.textContent = n.name;
  el.append(title);
  const kind =
    n.kind === 'task'
      ? 'DAG task'
      : n.kind === 'step'
        ? `step (group ${n.stepGroup ?? 0})`
        : n.kind === 'exit'
          ? 'exit handler'
          : n.kind === 'hook'
            ? 'lifecycle hook'
            : 'template';
  line(el, 'kind', kind);
  line(el, 'calls', `${callLabel(n.call)}${n.call.type ? ` (${n.call.type})` : ''}${n.call.unresolved ? ' — not defined' : ''}`);
  if (n.group) line(el, 'group', `${n.group.childCount} ${n.group.type === 'dag' ? 'tasks' : 'steps'}${n.group.collapsed ? ' (collapsed)' : ''}`);
  if (n.recursion) line(el, 'recursion', `calls "${n.recursion.template}" again (click to go to it)`);
  if (n.loop) line(el, 'loop', `${n.loop.kind} ${loopBadge(n.loop)}${n.loop.param ? ` ${n.loop.param}` : ''}`);
  line(el, 'when', n.when);
  line(el, 'depends', n.details.depends);
  line(el, 'inputs', list(n.details.inputs));
  line(el, 'input artifacts', list(n.details.inputArtifacts));
  line(el, 'arguments', list(n.details.arguments.map((a) => `${a.name}=${a.value}`)));
  line(el, 'outputs', list(n.details.outputs));
  line(el, 'image', n.details.image);
  line(el, 'hooks', list(n.details.hooks));
  line(el, 'onExit', n.details.onExit);
  if (n.phase) line(el, 'phase', `${n.phase}${n.phaseMessage ? `: ${n.phaseMessage}` : ''}`);
  for (const p of n.problems) {
    const row = document.createElement('div');
    row.className = `tt-problem tt-${p.severity}`;
    row.textContent = `${p.code}: ${p.message}`;
    el.append(row);
  }
}

export function edgeTooltip(el: HTMLElement, e: GraphEdge, from: string, to: string): void {
  el.replaceChildren();
  const title = document.createElement('div');
  title.className = 'tt-title';
  title.textContent = `${from} → ${to}`;
  el.append(title);
  line(el, 'kind', e.kind);
  line(el, 'condition', e.condition);
  line(el, 'artifacts', list(e.artifacts));
  for (const p of e.problems) {
    const row = document.createElement('div');
    row.className = `tt-problem tt-${p.severity}`;
    row.textContent = `${p.code}: ${p.message}`;
    el.append(row);
  }
}
