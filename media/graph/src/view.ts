/** The drawing: the shared SVG renderer's output in a zoomable, pannable viewport with delegated events. */
import { renderGraphBody, type GraphLayout, type WorkflowGraph } from '../../../server/src/core/graph/view';
import type { ViewTransform } from '../../../client/src/graph/messages';
import { edgeTooltip, nodeTooltip } from './tooltip';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_K = 0.05;
const MAX_K = 4;

export interface ViewEvents {
  reveal(id: string): void;
  toggle(id: string): void;
  transformed(t: ViewTransform): void;
}

export class GraphView {
  readonly svg: SVGSVGElement;
  private readonly viewport: SVGGElement;
  private t: ViewTransform = { x: 0, y: 0, k: 1 };
  private graph: WorkflowGraph | undefined;
  private byId = new Map<string, WorkflowGraph['nodes'][number]>();
  private layout: GraphLayout | undefined;
  private active: string[] = [];
  private drag: { x: number; y: number; moved: boolean } | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly tooltip: HTMLElement,
    private readonly events: ViewEvents,
  ) {
    this.svg = document.createElementNS(SVG_NS, 'svg');
    this.svg.setAttribute('class', 'argo-graph');
    this.viewport = document.createElementNS(SVG_NS, 'g');
    this.svg.append(this.viewport);
    host.append(this.svg);
    host.tabIndex = 0;
    host.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    host.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    host.addEventListener('pointermove', (e) => this.onPointerMove(e));
    host.addEventListener('pointerup', (e) => this.onPointerUp(e));
    host.addEventListener('pointerleave', () => this.hideTooltip());
    host.addEventListener('keydown', (e) => this.onKey(e));
  }

  get transform(): ViewTransform {
    return this.t;
  }

  /** Draws a graph; keeps the zoom and position unless `fit` (or `at` restores a saved view). */
  render(graph: WorkflowGraph, layout: GraphLayout, active: readonly string[], fit: boolean, at?: ViewTransform): void {
    this.graph = graph;
    this.byId = new Map(graph.nodes.map((n) => [n.id, n]));
    this.layout = layout;
    this.active = [...active];
    // The renderer escapes every string from the YAML, so this markup holds no markup from the document.
    this.viewport.innerHTML = renderGraphBody(graph, layout, { standalone: false, tooltips: false, active: this.active });
    if (at) this.apply(at);
    else if (fit) this.fit();
    else this.apply(this.t);
  }

  setActive(ids: readonly string[], scroll: boolean): void {
    this.active = [...ids];
    for (const el of this.viewport.querySelectorAll('[data-active]')) el.removeAttribute('data-active');
    for (const id of ids) this.nodeElement(id)?.setAttribute('data-active', 'true');
    if (scroll && ids.length > 0) this.ensureVisible(ids[0]);
  }

  fit(): void {
    const l = this.layout;
    if (!l) return;
    const w = this.host.clientWidth || 800;
    const h = this.host.clientHeight || 600;
    const k = Math.max(MIN_K, Math.min(1.25, (w - 24) / Math.max(l.width, 1), (h - 24) / Math.max(l.height, 1)));
    this.apply({ k, x: (w - l.width * k) / 2, y: Math.max(12, (h - l.height * k) / 2) });
  }

  zoomBy(factor: number, cx = this.host.clientWidth / 2, cy = this.host.clientHeight / 2): void {
    const k = Math.max(MIN_K, Math.min(MAX_K, this.t.k * factor));
    const f = k / this.t.k;
    this.apply({ k, x: cx - (cx - this.t.x) * f, y: cy - (cy - this.t.y) * f });
  }

  /** Pans so that a node (e.g. the target of a recursive call) is in the middle. */
  centerOn(id: string): void {
    const b = this.layout?.nodes[id];
    if (!b) return;
    const w = this.host.clientWidth;
    const h = this.host.clientHeight;
    this.apply({ k: this.t.k, x: w / 2 - (b.x + b.width / 2) * this.t.k, y: h / 2 - (b.y + Math.min(b.height, 80) / 2) * this.t.k });
  }

  private ensureVisible(id: string): void {
    const b = this.layout?.nodes[id];
    if (!b) return;
    const x = b.x * this.t.k + this.t.x;
    const y = b.y * this.t.k + this.t.y;
    const inside = x >= 0 && y >= 0 && x + b.width * this.t.k <= this.host.clientWidth && y + b.height * this.t.k <= this.host.clientHeight;
    if (!inside) this.centerOn(id);
  }

  private nodeElement(id: string): Element | undefined {
    for (const el of this.viewport.querySelectorAll('.node')) if (el.getAttribute('data-id') === id) return el;
    return undefined;
  }

  private apply(t: ViewTransform): void {
    this.t = t;
    this.viewport.setAttribute('transform', `translate(${t.x.toFixed(1)},${t.y.toFixed(1)}) scale(${t.k.toFixed(4)})`);
    this.events.transformed(t);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const rect = this.host.getBoundingClientRect();
    if (e.ctrlKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX))
      this.zoomBy(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - rect.left, e.clientY - rect.top);
    else this.apply({ ...this.t, x: this.t.x - e.deltaX });
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.drag = { x: e.clientX, y: e.clientY, moved: false };
    this.host.setPointerCapture(e.pointerId);
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.drag) {
      const dx = e.clientX - this.drag.x;
      const dy = e.clientY - this.drag.y;
      if (!this.drag.moved && Math.hypot(dx, dy) < 4) return;
      this.drag = { x: e.clientX, y: e.clientY, moved: true };
      this.host.classList.add('panning');
      this.hideTooltip();
      this.apply({ ...this.t, x: this.t.x + dx, y: this.t.y + dy });
      return;
    }
    this.hover(e);
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    this.drag = undefined;
    this.host.classList.remove('panning');
    if (this.host.hasPointerCapture(e.pointerId)) this.host.releasePointerCapture(e.pointerId);
    if (!drag || drag.moved) return;
    const target = document.elementFromPoint(e.clientX, e.clientY);
    const toggle = target?.closest('[data-toggle]');
    if (toggle) {
      this.events.toggle(toggle.getAttribute('data-toggle') ?? '');
      return;
    }
    const node = target?.closest('.node');
    const id = node?.getAttribute('data-id');
    if (!id) return;
    this.events.reveal(id);
    const link = node?.getAttribute('data-link');
    if (link) {
      if (link === '(root)') this.fit();
      else this.centerOn(link);
      this.setActive([id, ...(link === '(root)' ? [] : [link])], false);
    }
  }

  private hover(e: PointerEvent): void {
    const target = e.target instanceof Element ? e.target : undefined;
    const node = target?.closest('.node');
    const edge = target?.closest('.edge');
    const g = this.graph;
    if (!g || (!node && !edge)) return this.hideTooltip();
    if (node) {
      const n = this.byId.get(node.getAttribute('data-id') ?? '');
      if (!n) return this.hideTooltip();
      nodeTooltip(this.tooltip, n);
    } else {
      const ed = g.edges.find((x) => x.id === edge?.getAttribute('data-id'));
      if (!ed) return this.hideTooltip();
      edgeTooltip(this.tooltip, ed, edge?.getAttribute('data-from') ?? ed.from, edge?.getAttribute('data-to') ?? ed.to);
    }
    const rect = this.host.getBoundingClientRect();
    const x = Math.min(e.clientX - rect.left + 14, Math.max(0, rect.width - this.tooltip.offsetWidth - 8));
    const y = e.clientY - rect.top + 16;
    this.tooltip.style.transform = `translate(${x}px, ${y + this.tooltip.offsetHeight > rect.height ? Math.max(0, e.clientY - rect.top - this.tooltip.offsetHeight - 8) : y}px)`;
    this.tooltip.hidden = false;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  private onKey(e: KeyboardEvent): void {
    const step = 60;
    const keys: Record<string, () => void> = {
      '+': () => this.zoomBy(1.2),
      '=': () => this.zoomBy(1.2),
      '-': () => this.zoomBy(1 / 1.2),
      '0': () => this.fit(),
      ArrowLeft: () => this.apply({ ...this.t, x: this.t.x + step }),
      ArrowRight: () => this.apply({ ...this.t, x: this.t.x - step }),
      ArrowUp: () => this.apply({ ...this.t, y: this.t.y + step }),
      ArrowDown: () => this.apply({ ...this.t, y: this.t.y - step }),
    };
    const action = keys[e.key];
    if (action && !e.metaKey && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      action();
    }
  }
}
