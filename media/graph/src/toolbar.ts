/** Toolbar, banner and status line of the graph view (DOM APIs only, no inline handlers). */
import type { GraphDirection, TemplateSummary } from '../../../server/src/core/graph/view';

export interface ToolbarActions {
  template(name: string): void;
  direction(d: GraphDirection): void;
  artifacts(show: boolean): void;
  expandAll(): void;
  collapseAll(): void;
  fit(): void;
  zoom(factor: number): void;
  export(format: 'svg' | 'png'): void;
}

export interface Ui {
  readonly canvas: HTMLElement;
  readonly tooltip: HTMLElement;
  setTemplates(templates: readonly TemplateSummary[], current: string): void;
  setDirection(d: GraphDirection): void;
  setArtifacts(show: boolean): void;
  setStatus(text: string): void;
  setBanner(text: string | undefined): void;
  setBusy(busy: boolean): void;
}

function button(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

export function buildUi(root: HTMLElement, actions: ToolbarActions): Ui {
  const toolbar = document.createElement('div');
  toolbar.className = 'toolbar';
  toolbar.setAttribute('role', 'toolbar');
  const select = document.createElement('select');
  select.title = 'Template to draw';
  select.addEventListener('change', () => actions.template(select.value));
  let direction: GraphDirection = 'TB';
  const dirButton = button('↓ TB', 'Direction: top-down / left-right', () => actions.direction(direction === 'TB' ? 'LR' : 'TB'));
  let artifacts = true;
  const artButton = button('Artifacts', 'Show artifacts passed between tasks', () => actions.artifacts(!artifacts));
  const sep = (): HTMLElement => {
    const s = document.createElement('span');
    s.className = 'sep';
    return s;
  };
  toolbar.append(
    select,
    dirButton,
    artButton,
    sep(),
    button('Expand all', 'Expand all nested DAG/steps templates', () => actions.expandAll()),
    button('Collapse all', 'Collapse the nested DAG/steps templates', () => actions.collapseAll()),
    sep(),
    button('Fit', 'Fit the graph to the view (0)', () => actions.fit()),
    button('−', 'Zoom out (-)', () => actions.zoom(1 / 1.2)),
    button('+', 'Zoom in (+)', () => actions.zoom(1.2)),
    sep(),
    button('SVG', 'Export as SVG', () => actions.export('svg')),
    button('PNG', 'Export as PNG', () => actions.export('png')),
  );
  const banner = document.createElement('div');
  banner.className = 'banner';
  banner.hidden = true;
  banner.setAttribute('role', 'alert');
  const canvas = document.createElement('div');
  canvas.className = 'canvas';
  canvas.setAttribute('aria-label', 'Graph: drag to pan, wheel to zoom, 0 to fit, click a node to reveal its YAML');
  const tooltip = document.createElement('div');
  tooltip.className = 'tooltip';
  tooltip.hidden = true;
  canvas.append(tooltip);
  const status = document.createElement('div');
  status.className = 'status';
  status.setAttribute('aria-live', 'polite');
  root.append(toolbar, banner, canvas, status);

  return {
    canvas,
    tooltip,
    setTemplates(templates, current) {
      select.replaceChildren(
        ...templates.map((t) => {
          const o = document.createElement('option');
          o.value = t.name;
          o.textContent = `${t.name}${t.type ? ` (${t.type})` : ''}`;
          o.selected = t.name === current;
          return o;
        }),
      );
    },
    setDirection(d) {
      direction = d;
      dirButton.textContent = d === 'TB' ? '↓ TB' : '→ LR';
    },
    setArtifacts(show) {
      artifacts = show;
      artButton.setAttribute('aria-pressed', String(show));
    },
    setStatus(text) {
      status.textContent = text;
    },
    setBanner(text) {
      banner.hidden = text === undefined;
      banner.textContent = text ?? '';
      canvas.classList.toggle('stale', text !== undefined);
    },
    setBusy(busy) {
      root.classList.toggle('busy', busy);
    },
  };
}
