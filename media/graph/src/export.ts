/** SVG and PNG export in the webview, in the colours of the current theme. */
import {
  DARK_PALETTE,
  LIGHT_PALETTE,
  paletteKeys,
  paletteVariable,
  renderSvg,
  type GraphLayout,
  type Palette,
  type WorkflowGraph,
} from '../../../server/src/core/graph/view';

/** The theme's resolved `--ag-*` colours (set by graph.css from `--vscode-*`). */
export function themePalette(svg: Element): Palette {
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  const base = dark ? DARK_PALETTE : LIGHT_PALETTE;
  const style = getComputedStyle(svg);
  const out: Record<string, string> = {};
  for (const k of paletteKeys()) out[k] = style.getPropertyValue(paletteVariable(k)).trim() || base[k];
  return out as unknown as Palette;
}

export function exportSvg(graph: WorkflowGraph, layout: GraphLayout, palette: Palette): string {
  return renderSvg(graph, layout, { palette });
}

const MAX_CANVAS = 16384;

/** Rasterises the SVG (2x, within the canvas size limit) to a PNG data URL. */
export function exportPng(svg: string, width: number, height: number): Promise<string> {
  const scale = Math.max(0.1, Math.min(2, MAX_CANVAS / Math.max(width, 1), MAX_CANVAS / Math.max(height, 1)));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  return new Promise<string>((resolve, reject) => {
    const img = new Image();
    img.onload = (): void => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(width * scale);
        canvas.height = Math.ceil(height * scale);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas');
        ctx.scale(scale, scale);
        ctx.drawImage(img, 0, 0, width, height);
        resolve(canvas.toDataURL('image/png'));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      } finally {
        URL.revokeObjectURL(url);
      }
    };
    img.onerror = (): void => {
      URL.revokeObjectURL(url);
      reject(new Error('the SVG could not be loaded as an image'));
    };
    img.src = url;
  });
}
