import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { HelmRender } from '../core/helm';
import type { ChartFile } from './chart-of';

export interface RenderRequest {
  readonly helm: string;
  readonly chart: ChartFile;
  /** The template's text (an editor's unsaved text is rendered in a copy of the chart). */
  readonly text: string;
  /** Values files, absolute or relative to the chart. */
  readonly valuesFiles: readonly string[];
  readonly timeoutMs: number;
}

/**
 * `helm template <chart> --show-only <file> [-f values]...`, in a child process stopped after
 * `timeoutMs`. When `text` is not what the file holds on disk, the chart is copied to a temporary
 * folder with `text` in its place, so the render is of what the user sees.
 */
export function renderTemplate(req: RenderRequest): HelmRender {
  const { chart } = req;
  const values = req.valuesFiles.map((v) => resolve(chart.root, v));
  const shown = ['helm template', basename(chart.root), '--show-only', chart.source, ...values.flatMap((v) => ['-f', basename(v)])].join(' ');
  let dir = chart.root;
  let tmp: string | undefined;
  try {
    if (readOrUndefined(join(chart.root, chart.source)) !== req.text) {
      tmp = mkdtempSync(join(tmpdir(), 'argo-studio-helm-'));
      dir = join(tmp, basename(chart.root));
      cpSync(chart.root, dir, { recursive: true, filter: (src) => !/[\\/](\.git|node_modules)$/.test(src) });
      writeFileSync(join(dir, chart.source), req.text);
    }
    const args = ['template', dir, '--show-only', chart.source, ...values.flatMap((v) => ['-f', v])];
    const r = spawnSync(req.helm, args, {
      encoding: 'utf8',
      timeout: req.timeoutMs,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, HELM_DEBUG: 'false' },
    });
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      return { ok: false, message: `helm template took longer than ${req.timeoutMs} ms and was stopped`, command: shown, source: chart.source };
    }
    if (r.error) return { ok: false, message: r.error.message, command: shown, source: chart.source };
    if (r.status !== 0) {
      const message = (r.stderr || r.stdout || `exit status ${r.status}`).split(tmp ? dir : '\0').join(chart.root);
      // The template writes nothing with these values (e.g. all of it inside a false `if`).
      if (/could not find template/.test(message)) return { ok: true, output: '', command: shown };
      return { ok: false, message, command: shown, source: chart.source };
    }
    return { ok: true, output: r.stdout, command: shown };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), command: shown, source: chart.source };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
