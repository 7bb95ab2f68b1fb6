/**
 * Styles of the graph SVG. The rules use `--ag-*` custom properties; a palette sets them. The CLI embeds
 * rules + a fixed palette; the webview maps the properties to `--vscode-*` theme colours.
 */

export interface Palette {
  readonly bg: string;
  readonly fg: string;
  readonly muted: string;
  readonly nodeFill: string;
  readonly nodeStroke: string;
  readonly groupFill: string;
  readonly groupStroke: string;
  readonly edge: string;
  readonly labelBg: string;
  readonly accent: string;
  readonly error: string;
  readonly warning: string;
  readonly badgeBg: string;
  readonly badgeFg: string;
  readonly pending: string;
  readonly running: string;
  readonly succeeded: string;
  readonly failed: string;
  readonly skipped: string;
}

/** Phase colours as in Argo's UI. */
const PHASES = { pending: '#f4c030', running: '#0dadea', succeeded: '#18be94', failed: '#e96d76', skipped: '#8fa4b1' };

export const LIGHT_PALETTE: Palette = {
  bg: '#ffffff',
  fg: '#1f2328',
  muted: '#59636e',
  nodeFill: '#f6f8fa',
  nodeStroke: '#8c959f',
  groupFill: '#f3f4f6',
  groupStroke: '#b8c0c8',
  edge: '#7d8590',
  labelBg: '#ffffff',
  accent: '#0969da',
  error: '#cf222e',
  warning: '#9a6700',
  badgeBg: '#ddf4ff',
  badgeFg: '#0550ae',
  ...PHASES,
};

export const DARK_PALETTE: Palette = {
  bg: '#1e1e1e',
  fg: '#d4d4d4',
  muted: '#9d9d9d',
  nodeFill: '#252526',
  nodeStroke: '#6b6b6b',
  groupFill: '#232323',
  groupStroke: '#4b4b4b',
  edge: '#8b8b8b',
  labelBg: '#1e1e1e',
  accent: '#3794ff',
  error: '#f14c4c',
  warning: '#cca700',
  badgeBg: '#04395e',
  badgeFg: '#9cdcfe',
  ...PHASES,
};

const VAR_NAMES: Record<keyof Palette, string> = {
  bg: '--ag-bg',
  fg: '--ag-fg',
  muted: '--ag-muted',
  nodeFill: '--ag-node-fill',
  nodeStroke: '--ag-node-stroke',
  groupFill: '--ag-group-fill',
  groupStroke: '--ag-group-stroke',
  edge: '--ag-edge',
  labelBg: '--ag-label-bg',
  accent: '--ag-accent',
  error: '--ag-error',
  warning: '--ag-warning',
  badgeBg: '--ag-badge-bg',
  badgeFg: '--ag-badge-fg',
  pending: '--ag-pending',
  running: '--ag-running',
  succeeded: '--ag-succeeded',
  failed: '--ag-failed',
  skipped: '--ag-skipped',
};

export function paletteKeys(): (keyof Palette)[] {
  return Object.keys(VAR_NAMES) as (keyof Palette)[];
}

export function paletteVariable(key: keyof Palette): string {
  return VAR_NAMES[key];
}

/** Palette values are written into CSS: keep only characters a colour can have. */
function safeColour(v: string): string {
  return /^[#a-zA-Z0-9(),.%\s-]{1,64}$/.test(v) ? v : 'currentColor';
}

export function paletteCss(p: Palette, selector = '.argo-graph'): string {
  const vars = paletteKeys()
    .map((k) => `${VAR_NAMES[k]}:${safeColour(p[k])}`)
    .join(';');
  return `${selector}{${vars}}`;
}

const PHASE_RULES = (
  [
    ['Pending', '--ag-pending'],
    ['Running', '--ag-running'],
    ['Succeeded', '--ag-succeeded'],
    ['Failed', '--ag-failed'],
    ['Error', '--ag-failed'],
    ['Skipped', '--ag-skipped'],
    ['Omitted', '--ag-skipped'],
  ] as const
)
  .map(
    ([phase, v]) =>
      `.argo-graph [data-phase="${phase}"]>.box,.argo-graph [data-phase="${phase}"]>.group-box{stroke:var(${v})}.argo-graph [data-phase="${phase}"]>.icon>circle{fill:var(${v});stroke:var(${v})}`,
  )
  .join('\n');

/** The rules of the graph SVG (identical in the CLI's SVG and the webview). */
export const GRAPH_CSS = `
.argo-graph{font-family:var(--ag-font,-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif);font-size:12px}
.argo-graph .bg{fill:var(--ag-bg)}
.argo-graph .box{fill:var(--ag-node-fill);stroke:var(--ag-node-stroke);stroke-width:var(--ag-stroke-width,1.2)}
.argo-graph .group-box{fill:var(--ag-group-fill);stroke:var(--ag-group-stroke);stroke-width:var(--ag-stroke-width,1)}
.argo-graph .title{fill:var(--ag-fg);font-weight:600;font-size:12px}
.argo-graph .sub{fill:var(--ag-muted);font-size:11px}
.argo-graph .edge{fill:none;stroke:var(--ag-edge);stroke-width:1.4}
.argo-graph .edge[data-kind="exit"],.argo-graph .edge[data-kind="hook"],.argo-graph .edge[data-kind="artifact"]{stroke-dasharray:5 4}
.argo-graph .edge[data-kind="missing"]{stroke:var(--ag-error);stroke-dasharray:3 3}
.argo-graph .edge[data-severity="error"]{stroke:var(--ag-error);stroke-width:2.2}
.argo-graph .edge[data-severity="warning"]{stroke:var(--ag-warning);stroke-width:2}
.argo-graph .arrow{fill:var(--ag-edge)}
.argo-graph .arrow-error{fill:var(--ag-error)}
.argo-graph .edge-label>rect{fill:var(--ag-label-bg);opacity:.92}
.argo-graph .edge-label>text{fill:var(--ag-muted);font-size:10px}
.argo-graph .node[data-kind="exit"]>.box,.argo-graph .node[data-kind="hook"]>.box{stroke-dasharray:4 3}
.argo-graph .node[data-severity="error"]>.box,.argo-graph .node[data-severity="error"]>.group-box{stroke:var(--ag-error);stroke-width:2}
.argo-graph .node[data-severity="warning"]>.box,.argo-graph .node[data-severity="warning"]>.group-box{stroke:var(--ag-warning);stroke-width:2}
.argo-graph .node[data-active="true"]>.box,.argo-graph .node[data-active="true"]>.group-box{stroke:var(--ag-accent);stroke-width:2.6}
.argo-graph .badge>rect{fill:var(--ag-badge-bg)}
.argo-graph .badge>text{fill:var(--ag-badge-fg);font-size:10px}
.argo-graph .icon>circle{fill:none;stroke:var(--ag-muted);stroke-width:1.5}
.argo-graph .icon>path{fill:none;stroke:var(--ag-bg);stroke-width:1.8;stroke-linecap:round;stroke-linejoin:round}
.argo-graph .problem-dot{fill:var(--ag-error)}
.argo-graph .node[data-severity="warning"]>.problem-dot{fill:var(--ag-warning)}
.argo-graph .missing-node>rect{fill:none;stroke:var(--ag-error);stroke-dasharray:4 3}
.argo-graph .missing-node>text{fill:var(--ag-error)}
.argo-graph .toggle>rect{fill:var(--ag-node-fill);stroke:var(--ag-node-stroke)}
.argo-graph .toggle>path{stroke:var(--ag-fg);stroke-width:1.4}
${PHASE_RULES}
`.trim();

/**
 * A complete `<style>` body for a standalone SVG, with the palette's colours written in: many SVG
 * viewers and converters (librsvg, Inkscape) do not support CSS custom properties.
 */
export function standaloneCss(p: Palette): string {
  const byVar = new Map<string, string>(paletteKeys().map((k) => [VAR_NAMES[k], safeColour(p[k])]));
  return GRAPH_CSS.replace(
    /var\((--ag-[a-z-]+)(?:,([^()]*))?\)/g,
    (_m, name: string, fallback: string | undefined) => byVar.get(name) ?? fallback ?? 'currentColor',
  );
}
