/** Table rows (and notes) of the editor pattern and the noisy neighbour, with the targets. */
import type { EditorNumbers } from './editor-pattern';
import type { NeighbourNumbers } from './noisy-neighbour';
import { cellOne, cellP50Max, cellP50P95, mb, ms, targetText, verdict, type Stat, type Target } from './stats';
import type { Row } from './table';

/** The targets (2-core machine, editor pattern, graph panel open). */
export const EDITOR_TARGETS: Readonly<Record<number, { diagnostics?: Target; everyAnswer?: Target; open?: Target; rss?: Target; graph?: Target }>> = {
  1000: {
    diagnostics: { p50: 40, p95: 100, unit: 'ms' },
    everyAnswer: { p50: 60, p95: 150, unit: 'ms' },
    open: { p50: 200, unit: 'ms' },
    rss: { p50: 150, unit: 'MB' },
    graph: { p50: 250, p95: 250, unit: 'ms' },
  },
  5000: { diagnostics: { p50: 150, p95: 300, unit: 'ms' }, rss: { p50: 350, unit: 'MB' } },
};

/** A small document's request while a pathological one is open. */
export const NEIGHBOUR_TARGET: Target = { p50: 50, unit: 'ms' };

function statRow(measure: string, ours: Stat | undefined, base: string, target?: Target, fmt = cellP50P95): Row {
  const timedOut = ours !== undefined && ours.n === 0 && (ours.failures.timeout ?? 0) > 0;
  return {
    measure,
    ours: fmt(ours),
    baseline: base,
    target: targetText(target),
    verdict: target && timedOut ? 'MISSED (timeout)' : ours ? verdict(target, ours.p50, target?.p95 !== undefined ? ours.p95 : undefined) : '',
  };
}

const noGraph = (s: string): string => (s === '-' ? s : `${s} (no graph)`);

/** Rows of one document size: editor pattern (both servers), editor + graph (ours; the baseline has no graph). */
export function editorRows(label: string, size: number, ours: { editor?: EditorNumbers; graph?: EditorNumbers }, base: EditorNumbers | undefined): Row[] {
  const t = EDITOR_TARGETS[size] ?? {};
  const e = ours.editor;
  const g = ours.graph;
  const bursts = (n: EditorNumbers | undefined): string => {
    const b = n?.fastTyping.bursts ?? 0;
    return `${b} burst${b === 1 ? '' : 's'} of 10 @ 50 ms`;
  };
  const rows: Row[] = [];
  if (e) {
    rows.push(statRow(`${label}: editor: edit -> diagnostics p50 / p95`, e.typing.diagnostics, cellP50P95(base?.typing.diagnostics)));
    rows.push(statRow(`${label}: editor: edit -> every answer p50 / p95`, e.typing.everyAnswer, cellP50P95(base?.typing.everyAnswer)));
    rows.push(
      statRow(
        `${label}: editor, fast typing: last edit -> diagnostics p50 / max (${bursts(e)})`,
        e.fastTyping.lastDiagnostics,
        cellP50Max(base?.fastTyping.lastDiagnostics),
        undefined,
        cellP50Max,
      ),
    );
  }
  if (g) {
    const openTarget = t.open;
    rows.push({
      measure: `${label}: editor + graph: open -> diagnostics`,
      ours: cellOne(g.openMs, g.openFailure ?? g.error),
      baseline: noGraph(cellOne(base?.openMs, base?.openFailure)),
      target: targetText(openTarget),
      verdict: verdict(openTarget, g.openMs),
    });
    rows.push(
      statRow(`${label}: editor + graph: edit -> diagnostics p50 / p95`, g.typing.diagnostics, noGraph(cellP50P95(base?.typing.diagnostics)), t.diagnostics),
    );
    rows.push(
      statRow(`${label}: editor + graph: edit -> every answer p50 / p95`, g.typing.everyAnswer, noGraph(cellP50P95(base?.typing.everyAnswer)), t.everyAnswer),
    );
    rows.push(statRow(`${label}: editor + graph: edit -> graph response p50 / p95`, g.typing.graph, 'n/a', t.graph));
    rows.push(
      statRow(
        `${label}: editor + graph, fast typing: last edit -> diagnostics p50 / max (${bursts(g)})`,
        g.fastTyping.lastDiagnostics,
        noGraph(cellP50Max(base?.fastTyping.lastDiagnostics)),
        undefined,
        cellP50Max,
      ),
    );
    rows.push(statRow(`${label}: editor + graph, fast typing: last edit -> graph p50 / max`, g.fastTyping.lastGraph, 'n/a', undefined, cellP50Max));
    rows.push({
      measure: `${label}: editor + graph: server peak RSS`,
      ours: mb(g.peakRssMb),
      baseline: noGraph(mb(base?.peakRssMb)),
      target: targetText(t.rss),
      verdict: verdict(t.rss, g.peakRssMb),
    });
  }
  return rows;
}

/** Notes on what an editor measure could not do (stopped early, errors, skipped requests). */
export function editorNotes(label: string, mode: string, n: EditorNumbers | undefined): string[] {
  if (!n) return [];
  const out: string[] = [];
  const at = `${label}, ${mode}, ${n.server}`;
  if (n.error) out.push(`${at}: ${n.error}`);
  if (n.openFailure) out.push(`${at}: open: ${n.openFailure}`);
  if (n.typing.stopped) out.push(`${at}: typing stopped: ${n.typing.stopped}`);
  if (n.fastTyping.stopped) out.push(`${at}: fast typing stopped: ${n.fastTyping.stopped}`);
  const failures = Object.entries(n.typing.requests).filter(([, s]) => Object.keys(s.failures).length);
  for (const [m, s] of failures) out.push(`${at}: ${m}: ${JSON.stringify(s.failures)} of ${s.n + Object.values(s.failures).reduce((a, b) => a + (b ?? 0), 0)}`);
  return out;
}

const neighbourCell = (n: NeighbourNumbers | undefined): string => (n === undefined ? '-' : typeof n.maxMs === 'number' ? ms(n.maxMs) : n.maxMs);
const ownCell = (n: NeighbourNumbers | undefined): string =>
  n === undefined ? '-' : typeof n.pathologicalOpenMs === 'number' ? ms(n.pathologicalOpenMs) : n.pathologicalOpenMs;

/** Two rows per pathological input: the small document's slowest request, and the input's own open -> diagnostics. */
export function neighbourRows(ours: readonly NeighbourNumbers[], base: readonly NeighbourNumbers[] | undefined): Row[] {
  const rows: Row[] = [];
  for (const o of ours) {
    const b = base?.find((x) => x.input === o.input);
    rows.push({
      measure: `noisy neighbour, ${o.input}: small doc's slowest request (at open, 1 s later)`,
      ours: neighbourCell(o),
      baseline: neighbourCell(b),
      target: targetText(NEIGHBOUR_TARGET),
      verdict:
        typeof o.maxMs === 'string' && o.maxMs.startsWith('timeout')
          ? 'MISSED (timeout)'
          : verdict(NEIGHBOUR_TARGET, typeof o.maxMs === 'number' ? o.maxMs : null),
    });
    rows.push({ measure: `noisy neighbour, ${o.input}: its own open -> diagnostics`, ours: ownCell(o), baseline: ownCell(b), target: '' });
  }
  return rows;
}
