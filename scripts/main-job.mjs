// The main job: lint the bundled examples (and Argo's own examples when ../shared is present),
// then render each bundled example's graph to out/graphs/*.svg. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const cli = (args) => {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  return { status: r.status ?? 1, out: r.stdout, err: r.stderr };
};

let failed = false;
console.log('== argo-studio lint examples/');
const own = cli(['lint', 'examples']);
process.stdout.write(own.out + own.err);
if (own.status !== 0) failed = true;

const argoExamples = join('..', 'shared', 'argo', 'examples');
if (existsSync(argoExamples)) {
  console.log(`\n== argo-studio lint ${argoExamples} (Argo's own examples; the one error is a duplicate key that argo lint rejects too)`);
  const r = cli(['lint', '--format', 'json', argoExamples]);
  const problems = JSON.parse(r.out);
  const count = (s) => problems.filter((p) => p.severity === s).length;
  console.log(`${problems.length} finding(s): ${count('error')} error(s), ${count('warning')} warning(s)`);
  for (const p of problems.filter((x) => x.severity === 'error')) console.log(`${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}`);
}

console.log('\n== argo-studio graph examples/*.yaml -> out/graphs/');
mkdirSync(join('out', 'graphs'), { recursive: true });
for (const f of readdirSync('examples')
  .filter((n) => /\.ya?ml$/.test(n))
  .sort()) {
  const out = join('out', 'graphs', `${basename(f).replace(/\.ya?ml$/, '')}.svg`);
  const r = cli(['graph', join('examples', f), '-o', out]);
  if (r.status === 0) console.log(`${out}`);
  else {
    failed = true;
    process.stdout.write(`graph ${f} failed (exit ${r.status}): ${r.err}`);
  }
}
process.exit(failed ? 1 : 0);
