// `npm run bench`: a benchmark (not a timed test). Prints a table and writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDag, generateSteps } from './generate';
import { measureLsp, percentile } from './lsp-bench';

interface Row {
  readonly name: string;
  readonly value: string;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  for (const n of [10, 100, 1000, 5000]) {
    const text = generateDag({ tasks: n });
    const r = await measureLsp(text);
    results[`lsp.dag${n}`] = { bytes: text.length, ...r };
    rows.push({ name: `LSP ${n}-task DAG (${(text.length / 1024).toFixed(0)} KB): open->diagnostics`, value: `${r.openMs.toFixed(0)} ms` });
    rows.push({ name: `LSP ${n}-task DAG: edit->diagnostics p50 / p95`, value: `${r.editP50Ms.toFixed(0)} / ${r.editP95Ms.toFixed(0)} ms` });
    rows.push({ name: `LSP ${n}-task DAG: server peak RSS`, value: `${r.peakRssMb.toFixed(0)} MB` });
  }
  const steps = generateSteps(300, 3);
  const s = await measureLsp(steps);
  results['lsp.steps900'] = s;
  rows.push({ name: 'LSP 900-step workflow: open->diagnostics / edit p50', value: `${s.openMs.toFixed(0)} / ${s.editP50Ms.toFixed(0)} ms` });

  const examples = join('..', 'shared', 'argo', 'examples');
  if (existsSync(examples)) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['dist/cli.js', 'lint', '--format', 'json', examples], { encoding: 'utf8' });
      times.push(performance.now() - t0);
    }
    results['cli.lintExamples'] = { medianMs: percentile(times, 50) };
    rows.push({ name: "CLI lint of Argo's 217 examples (median of 5, whole process)", value: `${percentile(times, 50).toFixed(0)} ms` });
  }

  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'measure'.padEnd(w)}  value`);
  console.log(`${'-'.repeat(w)}  -----`);
  for (const r of rows) console.log(`${r.name.padEnd(w)}  ${r.value}`);
  console.log('\nwritten bench/results/latest.json');
}

void main();
