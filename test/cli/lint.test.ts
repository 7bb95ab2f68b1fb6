import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CLI, EXAMPLES, REPO, examplesSkip } from '../helpers/paths';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const SEED = 'test/fixtures/seed';

test('clean file: exit 0, text summary', () => {
  const r = cli('lint', `${SEED}/image-pipeline.yaml`);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /1 file\(s\), 1 Argo document\(s\): 0 error\(s\)/);
});

test('misspelled dependency: located error in text format, exit 1', () => {
  const r = cli('lint', `${SEED}/image-pipeline-typo.yaml`);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^test\/fixtures\/seed\/image-pipeline-typo\.yaml:26:28: error unknown-dependency "resise" is not a task/m);
});

test('cycle: JSON format with 1-based ranges', () => {
  const r = cli('lint', '--format', 'json', `${SEED}/image-pipeline-cycle.yaml`);
  assert.equal(r.status, 1);
  const problems = JSON.parse(r.stdout) as JsonProblem[];
  assert.equal(problems.length, 1);
  const p = problems[0];
  assert.deepEqual(
    { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, severity: p.severity, code: p.code },
    { line: 17, column: 28, endLine: 17, endColumn: 34, severity: 'error', code: 'dag-cycle' },
  );
  const line = readFileSync(join(REPO, SEED, 'image-pipeline-cycle.yaml'), 'utf8').split('\n')[p.line - 1];
  assert.equal(line.slice(p.column - 1, p.endColumn - 1), 'upload');
  // In the direction of the graph's arrows.
  assert.match(p.message, /download -> resize -> filter -> upload -> download/);
});

test('SARIF 2.1.0 output', () => {
  const r = cli('lint', '--format', 'sarif', SEED);
  assert.equal(r.status, 1);
  const sarif = JSON.parse(r.stdout) as {
    version: string;
    runs: {
      tool: { driver: { name: string; rules: { id: string }[] } };
      results: { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    }[];
  };
  assert.equal(sarif.version, '2.1.0');
  const run = sarif.runs[0];
  assert.equal(run.tool.driver.name, 'argo-studio');
  assert.deepEqual(run.results.map((x) => x.ruleId).sort(), ['dag-cycle', 'unknown-dependency']);
  assert.deepEqual(
    run.tool.driver.rules.map((x) => x.id),
    ['dag-cycle', 'unknown-dependency'],
  );
  assert.equal(run.results[0].level, 'error');
  assert.ok(run.results.every((x) => x.locations[0].physicalLocation.region.startLine > 0));
});

test('usage errors exit 2', () => {
  assert.equal(cli('lint').status, 2);
  assert.equal(cli('lint', '--format', 'xml', SEED).status, 2);
  assert.equal(cli('lint', 'does/not/exist.yaml').status, 2);
  assert.equal(cli('frobnicate').status, 2);
});

test('--rule changes severity; warnings alone exit 0', () => {
  const r = cli('lint', '--rule', 'unknown-dependency=warning', `${SEED}/image-pipeline-typo.yaml`);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /warning unknown-dependency/);
});

test('a directory: unparsable files are reported, never skipped; non-Argo files are ignored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-lint-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'ok.yaml'), readFileSync(join(REPO, SEED, 'image-pipeline.yaml')));
    writeFileSync(join(dir, 'sub', 'broken.yml'), 'apiVersion: [\n  kind: "Workflow\n');
    writeFileSync(join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    writeFileSync(join(dir, 'notes.txt'), 'not yaml');
    const r = cli('lint', '--format', 'json', dir);
    assert.equal(r.status, 1);
    const problems = JSON.parse(r.stdout) as JsonProblem[];
    assert.ok(problems.length >= 1);
    assert.ok(
      problems.every((p) => p.file.endsWith('broken.yml') && p.code === 'yaml-syntax'),
      r.stdout,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nothing to lint exits 1 with a message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-lint-'));
  try {
    writeFileSync(join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
    const r = cli('lint', dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /found nothing to lint/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Argo examples: no error-severity entries except the duplicate key in k8s-patch-json-workflow.yaml', { skip: examplesSkip() }, () => {
  const r = cli('lint', '--format', 'json', EXAMPLES);
  const problems = JSON.parse(r.stdout) as JsonProblem[];
  const errors = problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    errors.map((e) => [e.file.split('/').pop(), e.code, e.line]),
    [['k8s-patch-json-workflow.yaml', 'duplicate-key', 13]],
  );
  assert.equal(r.status, 1);
});

test('rules command lists every rule', () => {
  const r = cli('rules');
  assert.equal(r.status, 0);
  for (const code of ['dag-cycle', 'unknown-dependency', 'unknown-template', 'duplicate-key', 'depends-syntax'])
    assert.match(r.stdout, new RegExp(`^${code}\\s`, 'm'));
});
