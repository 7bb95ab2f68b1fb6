// `npm run bench`: a benchmark, not a timed test. Prints a table and writes bench/results/latest.json.
// Measures our language server side by side with yaml-language-server configured with our schema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { layoutBenchmark } from '../server/src/core/graph';
import { generateDag, generateSteps } from './generate';
import { measureLsp, percentile, type LspNumbers, type ServerUnderTest } from './lsp-bench';

interface Row {
  readonly measure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly target: string;
}

const OURS: ServerUnderTest = { name: 'argo-studio', command: [resolve('dist/server.js'), '--stdio'] };

function yamlLanguageServer(): ServerUnderTest | undefined {
  const bin = resolve('node_modules/yaml-language-server/bin/yaml-language-server');
  if (!existsSync(bin)) return undefined;
  // Our schema, rooted at the Workflow definition (yaml-language-server needs a root).
  const schema = JSON.parse(readFileSync('schemas/argo-workflows.schema.json', 'utf8')) as Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), 'argo-bench-'));
  const file = join(dir, 'workflow.schema.json');
  writeFileSync(file, JSON.stringify({ ...schema, allOf: [{ $ref: '#/definitions/io.argoproj.workflow.v1alpha1.Workflow' }] }));
  const yaml = { validate: true, hover: true, completion: true, schemas: { [pathToFileURL(file).toString()]: '*.yaml' }, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } };
  return { name: 'yaml-language-server', command: [bin, '--stdio'], settings: { yaml } };
}

const ms = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(0)} ms`);
const mb = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '-' : `${n.toFixed(0)} MB`);

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows: Row[] = [];
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: 2 };
  const baseline = yamlLanguageServer();
  const sizes = quick ? [10, 1000] : [10, 100, 1000, 5000];
  const targets: Record<number, { edit?: string; open?: string; rss?: string; req?: string }> = {
    1000: { edit: '<= 60 ms', open: '<= 250 ms', rss: '<= 150 MB', req: '<= 15 ms' },
    5000: { edit: '<= 300 ms', rss: '<= 400 MB' },
  };
  for (const n of sizes) {
    const text = generateDag({ tasks: n });
    const ours = await measureLsp(OURS, text);
    let base: LspNumbers | undefined;
    if (baseline && (!quick || n === 1000)) base = await measureLsp(baseline, text, n >= 5000 ? 10 : 20);
    results[`dag${n}`] = { bytes: text.length, ours, baseline: base };
    const t = targets[n] ?? {};
    const label = `${n}-task DAG (${Math.round(text.length / 1024)} KB)`;
    rows.push({ measure: `${label}: open -> diagnostics`, ours: ms(ours.openMs), baseline: ms(base?.openMs), target: t.open ?? '' });
    rows.push({ measure: `${label}: edit -> diagnostics p50 / p95`, ours: `${ms(ours.editP50Ms)} / ${ms(ours.editP95Ms)}`, baseline: base ? `${ms(base.editP50Ms)} / ${ms(base.editP95Ms)}` : '-', target: t.edit ?? '' });
    rows.push({ measure: `${label}: completion p50 (after template:)`, ours: ms(ours.completionP50Ms), baseline: ms(base?.completionP50Ms), target: t.req ?? '' });
    rows.push({ measure: `${label}: hover p50`, ours: ms(ours.hoverP50Ms), baseline: ms(base?.hoverP50Ms), target: t.req ?? '' });
    rows.push({ measure: `${label}: server peak RSS`, ours: mb(ours.peakRssMb), baseline: mb(base?.peakRssMb), target: t.rss ?? '' });
    rows.push({ measure: `${label}: findings (errors found)`, ours: String(ours.diagnostics), baseline: base ? String(base.diagnostics) : '-', target: '' });
  }
  if (!quick) {
    const steps = generateSteps(300, 3);
    const s = await measureLsp(OURS, steps);
    results.steps900 = s;
    rows.push({ measure: '900-step steps workflow: open / edit p50', ours: `${ms(s.openMs)} / ${ms(s.editP50Ms)}`, baseline: '', target: '' });
  }

  const layout = await layoutBenchmark(quick ? [10, 1000] : [10, 100, 1000, 5000], { repeat: 3 });
  results.layout = layout;
  for (const l of layout) {
    rows.push({ measure: `graph layout ${l.nodes} nodes / ${l.edges} edges (${l.engine}, best of 3; first)`, ours: `${l.ms} ms (${l.firstMs} ms)`, baseline: '', target: l.nodes === 1000 ? '<= 500 ms' : l.nodes === 5000 ? '<= 3000 ms' : '' });
  }

  const examples = join('..', 'shared', 'argo', 'examples');
  if (existsSync(examples)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', examples], { encoding: 'utf8' });
      times.push(performance.now() - t0);
    }
    results.cliLintExamples = { medianMs: percentile(times, 50) };
    rows.push({ measure: "CLI: lint Argo's 217 examples (whole process, median of 5)", ours: ms(percentile(times, 50)), baseline: '', target: '<= 2000 ms' });
  }

  const activation = measureActivationImport();
  results.activation = activation;
  rows.push({ measure: 'extension bundle load (require dist/extension.js, median of 5)', ours: ms(activation), baseline: '', target: '<= 100 ms' });

  const logs = await optionalLogsBench();
  if (logs) {
    results.logs = logs;
    for (const [k, v] of Object.entries(logs)) rows.push({ measure: `logs: ${k}`, ours: String(v), baseline: '', target: '' });
  }

  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const w = Math.max(...rows.map((r) => r.measure.length));
  const c = (s: string, n: number): string => s.padEnd(n);
  console.log(`${c('measure', w)}  ${c('argo-studio', 22)}  ${c('yaml-language-server', 22)}  target`);
  console.log(`${'-'.repeat(w)}  ${'-'.repeat(22)}  ${'-'.repeat(22)}  ------`);
  for (const r of rows) console.log(`${c(r.measure, w)}  ${c(r.ours, 22)}  ${c(r.baseline, 22)}  ${r.target}`);
  console.log('\nwritten bench/results/latest.json');
}

/** Time to load the extension bundle in a fresh Node process (vscode stubbed), as activation's floor. */
function measureActivationImport(): number {
  const script = `const Module=require('module');const orig=Module._load;Module._load=function(r,...a){if(r==='vscode')return new Proxy({}, {get:()=>new Proxy(function(){}, {get:()=>()=>({}),apply:()=>({})})});return orig.call(this,r,...a)};const t=performance.now();require(${JSON.stringify(resolve('dist/extension.js'))});process.stdout.write(String(performance.now()-t));`;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
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
