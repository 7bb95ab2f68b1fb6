/**
 * `argo lint --offline` (the real argo CLI, built from its Go module) as an oracle: over our examples,
 * Argo's examples and seeded mutants of them, every document argo rejects must get an error from us,
 * unless the case is listed below as deliberately more lenient, with the reason. Where we are stricter
 * (an error argo accepts) the rule must be listed with the run-time reason. Benign edits must stay clean.
 * Prints the confusion matrix (errors only) and how often our error is on the mistake's line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/text';
import { indexText, MapWorkspaceIndex } from '../../server/src/core/workspace';
import { argoCliPath, argoCliSkip } from '../real-cluster/binaries';
import { corpus, Rng } from '../helpers/corpus';
import { mutate, type Mutant } from '../helpers/mutants';

const SEED = 18;
const MUTANTS = 600;

/** Where we are more lenient than this argo on purpose. */
const LENIENT: readonly { readonly re: RegExp; readonly why: string }[] = [
  {
    re: /unknown field "spec\.(templates\[\d+\]\.)?(podResources|resourceClaims|executorPlugins)"/,
    why: 'fields of Argo v4.1 (our schema) that the argo CLI built here (v4.0.5, the newest the module proxy serves) does not know',
  },
  {
    re: /couldn't find (cluster )?workflow template/,
    why: 'a templateRef to a WorkflowTemplate in no file given: the cluster resolves it (our rule template-ref-not-found, info)',
  },
];

/** Our errors that argo lint accepts, each with why the workflow fails anyway. */
const STRICTER: Readonly<Record<string, string>> = {
  'schema-enum': 'the Kubernetes API server rejects the pod (e.g. imagePullPolicy: Sometimes)',
  'invalid-active-deadline': 'Kubernetes rejects a pod whose activeDeadlineSeconds is not >= 1',
  'depends-syntax': 'the controller cannot parse the expression and fails the task at run time',
  'missing-dependency': 'the task may start before the one whose outputs it reads, so the variable is empty or the task waits forever',
  'unterminated-tag': 'Argo cannot find the end tag and fails the workflow when it resolves the template',
  'retry-invalid': 'the controller fails the node when it retries',
  'unknown-volume': 'the API server rejects the pod (volumeMounts[].name: Not found)',
  'script-source-required': 'there is no script to run',
  'reserved-container-name': 'a sidecar named like the main container makes an invalid pod',
  'unresolved-variable': 'Argo fails the workflow when the variable cannot be resolved at run time',
  'unknown-template': 'a lifecycle hook naming no template (argo lint does not check hooks): the hook fails when it fires',
  'unknown-property': 'a misspelled field of a lifecycle hook (argo lint decodes hooks leniently): the hook then has no template and fails when it fires',
  'template-ref-with-template': 'Argo rejects a call that sets both (argo lint does not reach that check offline when the WorkflowTemplate is absent)',
};

interface Case {
  readonly name: string;
  readonly text: string;
  readonly mutant?: Mutant;
}

function parseArgo(out: string, dir: string): Map<string, string[]> {
  const rejected = new Map<string, string[]>();
  for (const line of out.split('\n')) {
    const m = /^(.+?\.yaml): (.*)$/.exec(line.trim());
    if (!m) continue;
    const file = m[1].startsWith(dir) ? m[1].slice(dir.length + 1) : m[1];
    rejected.set(file, [...(rejected.get(file) ?? []), m[2]]);
  }
  return rejected;
}

test(`argo lint --offline as an oracle: what argo rejects, we reject (seed ${SEED}, ${MUTANTS} mutants)`, { skip: argoCliSkip(), timeout: 300_000 }, () => {
  const argo = argoCliPath();
  assert.ok(argo, 'argo CLI not built (npm run real-cluster:build -- argo)');
  const rng = new Rng(SEED);
  const base = corpus().filter((f) => f.text.includes('argoproj.io/') && !/templateRef|workflowTemplateRef/.test(f.text));
  assert.ok(base.length > 0, 'no corpus');
  const cases: Case[] = corpus().map((f) => ({ name: f.name.replace(/\//g, '__'), text: f.text }));
  for (let i = 0; cases.length < corpus().length + MUTANTS && i < MUTANTS * 4; i++) {
    const f = rng.pick(base);
    const m = mutate(rng, f.text);
    if (m && m.text !== f.text) cases.push({ name: `mutant-${String(i).padStart(4, '0')}-${m.kind}.yaml`, text: m.text, mutant: m });
  }
  const dir = mkdtempSync(join(tmpdir(), 'argo-oracle-'));
  try {
    mkdirSync(dir, { recursive: true });
    for (const c of cases) writeFileSync(join(dir, c.name), c.text);
    // One file per run would pay Go's start-up 800 times: argo lints many at once and names the file of
    // each problem. It refuses a set where two files define the same WorkflowTemplate: batches keep them apart.
    // The WorkflowTemplates each case defines (read once: for the batches and for our workspace).
    const defines = new Map(cases.map((c) => [c, indexText(c.name, c.text)]));
    const batches: { names: Set<string>; files: string[] }[] = [];
    for (const c of cases) {
      const defined = (defines.get(c) ?? []).map((e) => `${e.kind}/${e.name}`);
      let b = batches.find((x) => defined.every((n) => !x.names.has(n)));
      if (!b) batches.push((b = { names: new Set(), files: [] }));
      defined.forEach((n) => b.names.add(n));
      b.files.push(join(dir, c.name));
    }
    let output = '';
    for (const b of batches) {
      let files = b.files;
      // A file argo cannot read at all stops the whole run ("Error: failed to parse YAML from file F: ..."):
      // that file is rejected with that message, and the rest run again without it.
      for (let round = 0; files.length > 0 && round < 500; round++) {
        const r = spawnSync(argo, ['lint', '--offline', '--no-color', '-o', 'simple', ...files], {
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: 120_000,
        });
        assert.ok(r.status === 0 || r.status === 1, `argo lint failed to run: ${r.status} ${r.stderr.slice(0, 500)}`);
        const fatal = /^Error: .*? from file (\S+?\.yaml): (.*)$/m.exec(r.stderr);
        if (!fatal) {
          assert.doesNotMatch(r.stderr, /^Error: /m, 'argo lint refused the whole batch');
          output += `${r.stdout}\n`;
          break;
        }
        output += `${fatal[1]}: ${fatal[2]}\n`;
        files = files.filter((f) => f !== fatal[1]);
      }
    }
    const rejected = parseArgo(output, dir);

    const matrix = { both: 0, onlyArgo: 0, onlyUs: 0, neither: 0 };
    const misses: string[] = [];
    const lenient = new Map<string, number>();
    const stricter = new Map<string, number>();
    const unlisted: string[] = [];
    let located = 0;
    let locatedRelated = 0;
    let locatable = 0;
    const benignBroken: string[] = [];
    // As `argo-studio lint DIR` sees the unchanged files: each with the others' WorkflowTemplates.
    const workspace = new MapWorkspaceIndex(cases.filter((c) => !c.mutant).flatMap((c) => defines.get(c) ?? []));
    for (const c of cases) {
      const analysis = analyzeText(c.text, { reportNonArgoSyntax: true, ...(c.mutant ? {} : { workspace }) });
      const errors = analysis.findings.filter((f) => f.severity === 'error');
      let argoSays = rejected.get(c.name);
      if (!argoSays && errors.length > 0) {
        // In a batch argo skips a file it cannot read as a manifest without a word; alone it says so.
        const alone = spawnSync(argo, ['lint', '--offline', '--no-color', '-o', 'simple', join(dir, c.name)], { encoding: 'utf8', timeout: 60_000 });
        if (/found nothing to lint/i.test(`${alone.stdout}${alone.stderr}`)) argoSays = ['argo cannot read the file as a manifest (found nothing to lint)'];
        else if (alone.status === 1) argoSays = parseArgo(alone.stdout, dir).get(c.name);
      }
      const argoObjects = argoSays !== undefined && !LENIENT.some((l) => argoSays?.every((m) => l.re.test(m)));
      if (c.mutant?.benign && (errors.length > 0 || argoObjects))
        benignBroken.push(`${c.name}: ours ${errors.map((e) => e.code).join(',')}; argo ${argoSays?.join(' | ') ?? 'ok'}`);
      if (argoSays && errors.length > 0) {
        matrix.both++;
        if (c.mutant && !c.mutant.benign) {
          locatable++;
          const idx = new LineIndex(c.text);
          const near = (offset: number): boolean => Math.abs(idx.positionAt(offset).line - c.mutant!.line) <= 1;
          if (errors.some((e) => near(e.range.start))) located++;
          if (errors.some((e) => near(e.range.start) || (e.related ?? []).some((rel) => near(rel.range.start)))) locatedRelated++;
        }
      } else if (argoSays) {
        const why = LENIENT.find((l) => argoSays.every((m) => l.re.test(m)));
        if (why) lenient.set(why.why, (lenient.get(why.why) ?? 0) + 1);
        else {
          matrix.onlyArgo++;
          misses.push(`${c.name}: argo: ${argoSays.join(' | ')}; ours: ${analysis.findings.map((f) => `${f.severity} ${f.code}`).join(', ') || 'nothing'}`);
        }
      } else if (errors.length > 0) {
        matrix.onlyUs++;
        for (const code of new Set(errors.map((e) => e.code))) {
          stricter.set(code, (stricter.get(code) ?? 0) + 1);
          if (!STRICTER[code]) unlisted.push(`${c.name}: ${code}: ${errors.find((e) => e.code === code)?.message ?? ''}`);
        }
      } else matrix.neither++;
    }
    const pct = (n: number, d: number): string => `${d ? ((100 * n) / d).toFixed(1) : '0'}%`;
    console.log(
      [
        `argo lint oracle (${argo}): ${cases.length} documents (${cases.filter((c) => c.mutant).length} mutants)`,
        `  errors: both reject ${matrix.both}, only argo ${matrix.onlyArgo}, only argo-studio ${matrix.onlyUs}, neither ${matrix.neither}; lenient on purpose ${[...lenient.values()].reduce((a, b) => a + b, 0)}`,
        `  agreement ${pct(matrix.both + matrix.neither, cases.length)}`,
        `  location (mutants both reject): error within one line of the mistake ${pct(located, locatable)}, counting related ${pct(locatedRelated, locatable)} (${locatable})`,
        `  stricter than argo: ${[...stricter].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
        ...[...lenient].map(([why, n]) => `  lenient (${n}): ${why}`),
      ].join('\n'),
    );
    assert.deepEqual(misses, [], 'argo rejects, we give no error');
    assert.deepEqual(unlisted, [], 'errors argo accepts, from rules not listed with a run-time reason');
    assert.deepEqual(benignBroken, [], 'benign edits must stay clean for both');
    assert.ok(locatable > 50, `only ${locatable} located cases`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
