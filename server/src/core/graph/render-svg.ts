/**
 * Renders a laid-out graph to SVG text, for the CLI and the webview alike. Every string from the YAML
 * is escaped. Nodes are `<g class="node" data-name="...">`, edges `<path class="edge" data-from data-to>`.
 */
import { worstSeverity } from './graph-problems';
import { edgeLabelText, EDGE_LABEL_HEIGHT } from './layout/layout-tree';
import { groupSubtitle, nodeLabels } from './node-labels';
import { badgeWidth, fitText, NODE_METRICS, textRoom, textWidth } from './node-size';
import { edgePath, esc, midpoint, num, phaseGlyph } from './svg-shapes';
import { LIGHT_PALETTE, standaloneCss, type Palette } from './svg-style';
import type { Box, GraphEdge, GraphLayout, GraphNode, MissingNode, WorkflowGraph } from './types';

export interface RenderOptions {
  /** A complete SVG document (default) or the inner markup for an existing `<svg>` (webview). */
  readonly standalone?: boolean;
  /** Colours embedded in a standalone SVG (default: light). */
  readonly palette?: Palette;
  /** `<title>` tooltips on nodes and edges (default: on when standalone). */
  readonly tooltips?: boolean;
  /** Node ids drawn highlighted (`data-active="true"`). */
  readonly active?: readonly string[];
}

const M = NODE_METRICS;

function attrs(list: [string, string | number | undefined][]): string {
  return list
    .filter((a): a is [string, string | number] => a[1] !== undefined && a[1] !== '')
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : esc(v)}"`)
    .join('');
}

function tooltip(lines: (string | undefined)[], on: boolean): string {
  if (!on) return '';
  const text = lines.filter((l): l is string => !!l).join('\n');
  return text ? `<title>${esc(text)}</title>` : '';
}

function nodeAttrs(n: GraphNode, active: ReadonlySet<string>, extra: [string, string | undefined][]): string {
  return attrs([
    ['class', 'node'],
    ['data-name', n.name],
    ['data-id', n.id],
    ['data-kind', n.kind],
    ['data-phase', n.phase],
    ['data-severity', worstSeverity(n.problems)],
    ['data-link', n.recursion?.targetId === undefined ? undefined : n.recursion.targetId || '(root)'],
    ['data-active', active.has(n.id) ? 'true' : undefined],
    ...extra,
  ]);
}

function nodeTooltip(n: GraphNode, on: boolean): string {
  const l = nodeLabels(n);
  return tooltip(
    [
      n.name,
      l.subtitle,
      n.when !== undefined ? `when: ${n.when}` : undefined,
      n.loop ? `${n.loop.kind}${n.loop.count !== undefined ? `: ${n.loop.count} items` : n.loop.param ? `: ${n.loop.param}` : ''}` : undefined,
      n.phase ? `${n.phase}${n.phaseMessage ? `: ${n.phaseMessage}` : ''}` : undefined,
      ...n.problems.map((p) => `${p.severity} ${p.code}: ${p.message}`),
    ],
    on,
  );
}

function icon(n: GraphNode, cx: number, cy: number): string {
  const glyph = phaseGlyph(n.phase);
  return `<g class="icon" transform="translate(${num(cx)},${num(cy)})"><circle r="7"/>${glyph ? `<path d="${glyph}"/>` : ''}</g>`;
}

function toggle(id: string, x: number, y: number, expanded: boolean): string {
  const path = expanded ? 'M3.5,7 L10.5,7' : 'M3.5,7 L10.5,7 M7,3.5 L7,10.5';
  return `<g class="toggle"${attrs([['data-toggle', id]])} transform="translate(${num(x)},${num(y)})"><rect width="14" height="14" rx="3"/><path d="${path}"/></g>`;
}

function problemDot(n: GraphNode, w: number): string {
  return n.problems.length > 0 ? `<circle class="problem-dot" cx="${num(w - 2)}" cy="2" r="5"/>` : '';
}

function leafNode(n: GraphNode, b: Box, active: ReadonlySet<string>, tips: boolean): string {
  const l = nodeLabels(n);
  const room = textRoom(b.width, l.badges);
  const tx = M.paddingX + M.iconSize + M.iconGap;
  let badges = '';
  let bx = b.width - M.paddingX;
  for (const text of [...l.badges].reverse()) {
    const w = badgeWidth(text);
    bx -= w;
    badges += `<g class="badge" transform="translate(${num(bx)},6)"><rect width="${num(w)}" height="${M.badgeHeight}" rx="8"/><text x="${num(w / 2)}" y="11.5" text-anchor="middle">${esc(text)}</text></g>`;
    bx -= M.badgeGap;
  }
  const collapsedGroup = n.group?.collapsed === true;
  return (
    `<g${nodeAttrs(n, active, [['data-group', collapsedGroup ? 'collapsed' : undefined]])} transform="translate(${num(b.x)},${num(b.y)})">` +
    nodeTooltip(n, tips) +
    `<rect class="box" width="${num(b.width)}" height="${num(b.height)}" rx="6"/>` +
    icon(n, M.paddingX + M.iconSize / 2, b.height / 2) +
    `<text class="title" x="${tx}" y="18">${esc(fitText(l.title, room, M.fontSize, true))}</text>` +
    `<text class="sub" x="${tx}" y="34">${esc(fitText(l.subtitle, room, M.subFontSize))}</text>` +
    badges +
    (collapsedGroup ? toggle(n.id, b.width / 2 - 7, b.height - 7, false) : '') +
    problemDot(n, b.width) +
    '</g>'
  );
}

function groupNode(n: GraphNode, b: Box, active: ReadonlySet<string>, tips: boolean): string {
  const title = fitText(n.name, Math.max(40, b.width - 60), M.fontSize, true);
  const sub = groupSubtitle(n);
  const tx = M.groupPad + 22;
  const sx = tx + textWidth(title, M.fontSize, true) + 8;
  return (
    `<g${nodeAttrs(n, active, [['data-group', 'expanded']])} transform="translate(${num(b.x)},${num(b.y)})">` +
    nodeTooltip(n, tips) +
    `<rect class="group-box" width="${num(b.width)}" height="${num(b.height)}" rx="8"/>` +
    toggle(n.id, M.groupPad - 4, 8, true) +
    `<text class="title" x="${num(tx)}" y="20">${esc(title)}</text>` +
    `<text class="sub" x="${num(sx)}" y="20">${esc(fitText(sub, Math.max(20, b.width - sx - M.groupPad), M.subFontSize))}</text>` +
    problemDot(n, b.width) +
    '</g>'
  );
}

function missingNode(m: MissingNode, b: Box): string {
  return (
    `<g${attrs([
      ['class', 'missing-node'],
      ['data-name', m.name],
      ['data-id', m.id],
    ])} transform="translate(${num(b.x)},${num(b.y)})">` +
    `<title>${esc(`"${m.name}" is not a task of this DAG`)}</title>` +
    `<rect width="${num(b.width)}" height="${num(b.height)}" rx="6"/>` +
    `<text x="${num(b.width / 2)}" y="${num(b.height / 2 + 4)}" text-anchor="middle">${esc(fitText(m.name + '?', b.width - 12))}</text></g>`
  );
}

function edgeMarkup(e: GraphEdge, names: ReadonlyMap<string, string>, layout: GraphLayout, tips: boolean, artifacts: boolean): { path: string; label: string } {
  const g = layout.edges[e.id];
  if (!g || g.points.length < 2) return { path: '', label: '' };
  const severity = worstSeverity(e.problems);
  const marker = severity === 'error' || e.kind === 'missing' ? 'argo-arrow-error' : 'argo-arrow';
  const path =
    `<path${attrs([
      ['class', 'edge'],
      ['data-from', names.get(e.from) ?? e.from],
      ['data-to', names.get(e.to) ?? e.to],
      ['data-id', e.id],
      ['data-source', e.from],
      ['data-target', e.to],
      ['data-kind', e.kind],
      ['data-severity', severity],
      ['data-condition', e.condition],
    ])}` +
    ` d="${edgePath(g.points, layout.routing, layout.direction)}" marker-end="url(#${marker})">` +
    tooltip(
      [
        e.condition ? `condition: ${e.condition}` : undefined,
        e.artifacts.length ? `artifacts: ${e.artifacts.join(', ')}` : undefined,
        ...e.problems.map((p) => `${p.code}: ${p.message}`),
      ],
      tips,
    ) +
    '</path>';
  return { path, label: edgeLabel(e, layout, g.label, artifacts) };
}

function edgeLabel(e: GraphEdge, layout: GraphLayout, box: Box | undefined, artifacts: boolean): string {
  const text = edgeLabelText(e, artifacts);
  if (!text) return '';
  const w = textWidth(text, 10) + 8;
  const at = box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : midpoint(layout.edges[e.id]?.points ?? []);
  return (
    `<g${attrs([
      ['class', 'edge-label'],
      ['data-edge', e.id],
    ])} transform="translate(${num(at.x - w / 2)},${num(at.y - EDGE_LABEL_HEIGHT / 2)})">` +
    `<rect width="${num(w)}" height="${EDGE_LABEL_HEIGHT}" rx="3"/><text x="${num(w / 2)}" y="10.5" text-anchor="middle">${esc(text)}</text></g>`
  );
}

const DEFS =
  '<defs>' +
  '<marker id="argo-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker>' +
  '<marker id="argo-arrow-error" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow-error" d="M0,0 L10,5 L0,10 z"/></marker>' +
  '</defs>';

/** The drawing: groups (outer first), edges, edge labels, nodes, placeholders. */
export function renderGraphBody(graph: WorkflowGraph, layout: GraphLayout, options: RenderOptions = {}): string {
  const tips = options.tooltips ?? options.standalone !== false;
  const active = new Set(options.active ?? []);
  const names = new Map<string, string>(graph.nodes.map((n) => [n.id, n.name]));
  for (const m of graph.missing) names.set(m.id, m.name);
  const groups: string[] = [];
  const leaves: string[] = [];
  const parents = new Set<string>();
  for (const n of graph.nodes) if (n.parent !== undefined) parents.add(n.parent);
  const byDepth = [...graph.nodes].sort((a, b) => a.depth - b.depth);
  for (const n of byDepth) {
    const b = layout.nodes[n.id];
    if (!b) continue;
    const expanded = n.group !== undefined && !n.group.collapsed && parents.has(n.id);
    if (expanded) groups.push(groupNode(n, b, active, tips));
    else leaves.push(leafNode(n, b, active, tips));
  }
  const missing = graph.missing.map((m) => (layout.nodes[m.id] ? missingNode(m, layout.nodes[m.id]) : '')).join('');
  const edges = graph.edges.map((e) => edgeMarkup(e, names, layout, tips, graph.showArtifacts));
  return (
    DEFS +
    `<g class="groups">${groups.join('')}</g>` +
    `<g class="edges">${edges.map((e) => e.path).join('')}</g>` +
    `<g class="edge-labels">${edges.map((e) => e.label).join('')}</g>` +
    `<g class="nodes">${leaves.join('')}${missing}</g>`
  );
}

/** A complete SVG document of the graph. */
export function renderSvg(graph: WorkflowGraph, layout: GraphLayout, options: RenderOptions = {}): string {
  const body = renderGraphBody(graph, layout, { ...options, standalone: true });
  if (options.standalone === false) return body;
  const w = Math.ceil(layout.width);
  const h = Math.ceil(layout.height);
  const title = `${graph.workflowName ?? graph.kind} · ${graph.root.template}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs([
      ['class', 'argo-graph'],
      ['width', w],
      ['height', h],
      ['viewBox', `0 0 ${w} ${h}`],
      ['data-direction', layout.direction],
      ['data-template', graph.root.template],
    ])}>` +
    `<title>${esc(title)}</title>` +
    `<style>${standaloneCss(options.palette ?? LIGHT_PALETTE)}</style>` +
    `<rect class="bg" width="${w}" height="${h}"/>` +
    body +
    '</svg>\n'
  );
}
