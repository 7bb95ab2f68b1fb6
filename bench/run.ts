// `npm run bench`: a benchmark, not a timed test. Prints a table and writes bench/results/latest.json.
// Measures our language server side by side with yaml-language-server configured with our schema:
// bare edits (lsp-bench.ts), the editor pattern with and without the graph panel (editor-pattern.ts),
// the noisy neighbour (noisy-neighbour.ts); then layout, CLI, activation and logs. `--quick`: fewer sizes.
// Every wait is bounded: a server that fails or hangs shows "error" / "timeout" and the bench goes on.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layoutBenchmark } from './graph-generators';
import { editorNotes, editorRows, EDITOR_TARGETS, NEIGHBOUR_TARGET, neighbourRows } from './editor-rows';
import { measureEditorPattern, type EditorOptions } from './editor-pattern';
import { generateDag, generateSteps } from './generate';
import { measureLsp, percentile, type LspNumbers } from './lsp-bench';
import { measureNoisyNeighbour, type NeighbourNumbers } from './noisy-neighbour';
import { argoCliPath } from '../test/real-cluster/binaries';
import { OURS, yamlLanguageServer } from './servers';
import { mb, ms } from './stats';
import { printTable, section, type Row } from './table';

/** A bare figure, or the failure that ended its measure. */
const bare = (n: LspNumbers | undefined, v: number | undefined, unit: 'ms' | 'MB' = 'ms'): string => {
  if (!n) return '-';
  const f = unit === 'ms' ? ms(v) : mb(v);
  return f === '-' && n.failure ? (n.failure.startsWith('timeout') ? 'timeout' : 'error') : f;
};

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = performance.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: 2,
    quick,
    targets: { editor: EDITOR_TARGETS, noisyNeighbour: NEIGHBOUR_TARGET },
  };
  const baseline = yamlLanguageServer();
  const sizes = quick ? [10, 1000] : [10, 100, 1000, 5000];
  // Targets of the bare measure (edit alone, nothing else asked), as before the editor pattern.
  const targets: Record<number, { edit?: string; open?: string; rss?: string; req?: string }> = {
    1000: { edit: '<= 60 ms', open: '<= 250 ms', rss: '<= 150 MB', req: '<= 15 ms' },
    5000: { edit: '<= 300 ms', rss: '<= 400 MB' },
  };
  for (const n of sizes) {
    const text = generateDag({ tasks: n });
    const withBaseline = baseline !== undefined && (!quick || n === 1000);
    const t = targets[n] ?? {};
    const label = `${n}-task DAG (${Math.round(text.length / 1024)} KB)`;
    progress(`${label}: bare`);
    const ours = await measureLsp(OURS, text);
    const base = withBaseline ? await measureLsp(baseline, text, n >= 5000 ? 10 : 20) : undefined;
    rows.push(section(`${label}: bare (edit -> diagnostics, nothing else asked)`));
    rows.push({ measure: `${label}: open -> diagnostics`, ours: bare(ours, ours.openMs), baseline: bare(base, base?.openMs), target: t.open ?? '' });
    rows.push({
      measure: `${label}: edit -> diagnostics p50 / p95`,
      ours: `${bare(ours, ours.editP50Ms)} / ${bare(ours, ours.editP95Ms)}`,
      baseline: base ? `${bare(base, base.editP50Ms)} / ${bare(base, base.editP95Ms)}` : '-',
      target: t.edit ?? '',
    });
    rows.push({
      measure: `${label}: completion p50 (after template:)`,
      ours: bare(ours, ours.completionP50Ms),
      baseline: bare(base, base?.completionP50Ms),
      target: t.req ?? '',
    });
    rows.push({ measure: `${label}: hover p50`, ours: bare(ours, ours.hoverP50Ms), baseline: bare(base, base?.hoverP50Ms), target: t.req ?? '' });
    rows.push({
      measure: `${label}: server peak RSS`,
      ours: bare(ours, ours.peakRssMb, 'MB'),
      baseline: bare(base, base?.peakRssMb, 'MB'),
      target: t.rss ?? '',
    });
    rows.push({
      measure: `${label}: findings (errors found)`,
      ours: Number.isNaN(ours.diagnostics) ? '-' : String(ours.diagnostics),
      baseline: base && !Number.isNaN(base.diagnostics) ? String(base.diagnostics) : '-',
      target: '',
    });
    for (const b of [ours, base]) if (b?.failure) notes.push(`${label}, bare, ${b === ours ? OURS.name : baseline?.name}: ${b.failure.slice(0, 300)}`);

    // The editor pattern: typing cadence, then fast typing; fewer edits on the 5,000-task document.
    const opts: EditorOptions = { graph: false, edits: n >= 5000 ? 8 : 20, bursts: quick || n >= 5000 ? 1 : 3, timeoutMs: 30_000, budgetMs: 40_000 };
    progress(`${label}: editor pattern`);
    const editor = await measureEditorPattern(OURS, text, opts);
    const baseEditor = withBaseline ? await measureEditorPattern(baseline, text, opts) : undefined;
    progress(`${label}: editor pattern + graph`);
    const graph = await measureEditorPattern(OURS, text, { ...opts, graph: true });
    results[`dag${n}`] = { bytes: text.length, ours, baseline: base, editor: { ours: editor, baseline: baseEditor }, editorGraph: { ours: graph } };
    rows.push(section(`${label}: editor pattern (edit + documentSymbol, foldingRange, codeLens, codeAction at once)`));
    rows.push(...editorRows(label, n, { editor, graph }, baseEditor));
    notes.push(...editorNotes(label, 'editor', editor), ...editorNotes(label, 'editor', baseEditor), ...editorNotes(label, 'editor + graph', graph));
    if (baseEditor) {
      const skipped = baseEditor.skipped.length
        ? `does not declare ${baseEditor.skipped.join(', ')} (not sent)`
        : 'declares documentSymbol, foldingRange, codeLens and codeAction (all sent)';
      const note = `yaml-language-server ${skipped}; it has no argoStudio/graph: its "editor + graph" cells are its editor figures${baseEditor.unversionedDiagnostics ? '; it publishes unversioned diagnostics 200 ms after the last change (its validationDelayMs): "diagnostics of a version" is its first publication after that edit' : ''}.`;
      if (!notes.includes(note)) notes.push(note);
    }
    for (const [mode, e] of [
      ['editor', editor],
      ['editor + graph', graph],
    ] as const) {
      const s = e.fastTyping.superseded;
      if (s.cancelledPending === 0) continue;
      notes.push(
        `${label}, ${mode}, fast typing: ${s.cancelledPending} request(s) of superseded versions still pending at the next edit, so cancelled ($/cancelRequest): argo-studio answered ${s.answered} anyway, ${s.cancelled} "cancelled" (or "content modified"), ${s.failed} failed${s.failures.length ? ` (${s.failures.join('; ')})` : ''}.`,
      );
    }
  }
  if (!quick) {
    progress('steps workflow');
    const steps = generateSteps(300, 3);
    const s = await measureLsp(OURS, steps);
    results.steps900 = s;
    rows.push(section('other'));
    rows.push({ measure: '900-step steps workflow: open / edit p50', ours: `${bare(s, s.openMs)} / ${bare(s, s.editP50Ms)}`, baseline: '', target: '' });
  }

  // Noisy neighbour: every pathological input next to a small open document (ours; the baseline in the full run).
  progress('noisy neighbour');
  const neighbours = await measureNoisyNeighbour(OURS, 60_000, quick ? 5_000 : 10_000);
  let baseNeighbours: NeighbourNumbers[] | undefined;
  if (baseline && !quick) {
    progress('noisy neighbour (yaml-language-server)');
    baseNeighbours = await measureNoisyNeighbour(baseline, 15_000, 5_000);
  }
  results.noisyNeighbour = { ours: neighbours, baseline: baseNeighbours };
  rows.push(section('noisy neighbour (a small document open next to a pathological one; slowest of documentSymbol, hover, completion)'));
  rows.push(...neighbourRows(neighbours, baseNeighbours));
  for (const x of [...neighbours, ...(baseNeighbours ?? [])]) if (x.error) notes.push(`noisy neighbour, ${x.input}: ${x.error.slice(0, 300)}`);
  if (baseNeighbours) notes.push('noisy neighbour, yaml-language-server: requests bounded at 15 s, its own diagnostics at 5 s (argo-studio: 60 s and 10 s).');

  rows.push(section('graph layout, CLI, extension, logs'));
  progress('layout, CLI, activation, logs');
  const layout = await layoutBenchmark(quick ? [10, 1000] : [10, 100, 1000, 5000], { repeat: 3 });
  results.layout = layout;
  for (const l of layout) {
    rows.push({
      measure: `graph layout ${l.nodes} nodes / ${l.edges} edges (${l.engine}, best of 3; first)`,
      ours: `${l.ms} ms (${l.firstMs} ms)`,
      baseline: '',
      target: l.nodes === 1000 ? '<= 500 ms' : l.nodes === 5000 ? '<= 3000 ms' : '',
    });
  }

  const examples = join('..', 'shared', 'argo', 'examples');
  if (existsSync(examples)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', examples], { encoding: 'utf8', timeout: 60_000 });
      times.push(performance.now() - t0);
    }
    // Beside the real argo CLI, when it is built (npm run real-cluster:build -- argo).
    const argo = argoCliPath();
    const argoTimes: number[] = [];
    for (let i = 0; argo && i < 5; i++) {
      const t0 = performance.now();
      spawnSync(argo, ['lint', '--offline', '-o', 'simple', examples], { encoding: 'utf8', timeout: 60_000 });
      argoTimes.push(performance.now() - t0);
    }
    results.cliLintExamples = { medianMs: percentile(times, 50), ...(argo ? { argoLintMedianMs: percentile(argoTimes, 50), argo } : {}) };
    rows.push({
      measure: "CLI: lint Argo's 217 examples (whole process, median of 5; baseline: argo lint --offline)",
      ours: ms(percentile(times, 50)),
      baseline: argo ? ms(percentile(argoTimes, 50)) : 'argo CLI not built',
      target: argo ? 'faster than argo lint' : '<= 2000 ms',
    });
  }

  const activation = measureActivationImport();
  results.activation = activation;
  rows.push({ measure: 'extension bundle load (require dist/extension.js, median of 5)', ours: ms(activation), baseline: '', target: '<= 100 ms' });

  const logs = await optionalLogsBench();
  if (logs) {
    results.logs = logs;
    for (const [k, v] of Object.entries(logs)) rows.push({ measure: `logs: ${k}`, ours: String(v), baseline: '', target: '' });
  }

  results.totalSeconds = Math.round((performance.now() - started) / 1000);
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(rows, notes);
  console.log(`\nwritten bench/results/latest.json (${results.totalSeconds} s)`);
}

/** Progress on stderr (the table goes to stdout). */
function progress(what: string): void {
  process.stderr.write(`bench: ${what}...\n`);
}

/** Time to load the extension bundle in a fresh Node process (vscode stubbed), as activation's floor. */
function measureActivationImport(): number {
  const script = `const Module=require('module');const orig=Module._load;Module._load=function(r,...a){if(r==='vscode')return new Proxy({}, {get:()=>new Proxy(function(){}, {get:()=>()=>({}),apply:()=>({})})});return orig.call(this,r,...a)};const t=performance.now();require(${JSON.stringify(resolve('dist/extension.js'))});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    const v = Number(r.stdout);
    if (Number.isFinite(v)) times.push(v);
  }
  return times.length ? percentile(times, 50) : NaN;
}

async function optionalLogsBench(): Promise<Record<string, number | string> | undefined> {
  const file = resolve('bench/logs-bench.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).toString())) as { benchLogs?: () => Promise<Record<string, number | string>> };
  return mod.benchLogs ? mod.benchLogs() : undefined;
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
