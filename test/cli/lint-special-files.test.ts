import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_CLI, REPO } from '../helpers/paths';
import { makeTree, mkfifo, specialFilesSkip, withTempDir } from '../fs/special-tree';

// A CLI that hangs is killed by spawnSync's timeout (status null) and the test fails; the test's own
// timeout is the second guard. No timing is asserted.
const opts = { timeout: 60_000, skip: specialFilesSkip() };
const TYPO = readFileSync(join(REPO, 'test/fixtures/seed/image-pipeline-typo.yaml'), 'utf8'); // 1 error
const CLEAN = readFileSync(join(REPO, 'test/fixtures/seed/image-pipeline.yaml'), 'utf8');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(...args: string[]): Run {
  const r = spawnSync(process.execPath, [DIST_CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonProblem {
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

function lintJson(...args: string[]): { status: number | null; problems: JsonProblem[]; stderr: string } {
  const r = cli('lint', '--format', 'json', ...args);
  assert.notEqual(r.status, null, `argo-studio lint did not finish: ${r.stderr}`);
  return { status: r.status, problems: JSON.parse(r.stdout) as JsonProblem[], stderr: r.stderr };
}

const codesByFile = (dir: string, problems: readonly JsonProblem[]): string[] =>
  problems.map((p) => `${p.file.slice(dir.length + 1)} ${p.severity} ${p.code}`).sort();

test('lint DIR with one `loop -> .`: each file linted once', opts, async () => {
  await withTempDir((dir) => {
    makeTree(dir, { 'typo.yaml': TYPO, 'sub/clean.yaml': CLEAN }, { loop: '.' });
    const r = lintJson(dir);
    assert.equal(r.status, 1);
    assert.deepEqual(codesByFile(dir, r.problems), ['typo.yaml error unknown-dependency']);
    const text = cli('lint', dir);
    assert.match(text.stdout, /^2 file\(s\), 2 Argo document\(s\): 1 error\(s\)/m);
  });
});

test('lint DIR with three `x -> .` links and a `..` link: finishes, each file once', opts, async () => {
  await withTempDir((dir) => {
    makeTree(dir, { 'typo.yaml': TYPO, 'a/b/clean.yaml': CLEAN }, { x: '.', y: '.', z: '.', 'a/b/up': '..', 'a/top': '..' });
    const r = lintJson(dir);
    assert.deepEqual(codesByFile(dir, r.problems), ['typo.yaml error unknown-dependency']);
    assert.match(cli('lint', dir).stdout, /^2 file\(s\), 2 Argo document\(s\)/m);
  });
});

test('lint DIR with zero.yaml -> /dev/zero, a FIFO pipe.yaml, a file too large, a link outside', opts, async () => {
  await withTempDir((top) => {
    makeTree(
      top,
      { 'outside/o.yaml': TYPO, 'dir/clean.yaml': CLEAN },
      { 'dir/zero.yaml': '/dev/zero', 'dir/out': '../outside', 'dir/o.yaml': '../outside/o.yaml' },
    );
    const dir = join(top, 'dir');
    mkfifo(join(dir, 'pipe.yaml'));
    writeFileSync(join(dir, 'huge.yaml'), '');
    truncateSync(join(dir, 'huge.yaml'), 65 * 1024 * 1024); // sparse: over the CLI's 64 MiB, nothing written
    const r = lintJson(dir);
    assert.equal(r.status, 1);
    assert.deepEqual(codesByFile(dir, r.problems), [
      'huge.yaml error read-error',
      'o.yaml warning read-error',
      'out warning read-error',
      'pipe.yaml error read-error',
      'zero.yaml error read-error',
    ]);
    const message = (f: string): string => r.problems.find((p) => p.file === join(dir, f))?.message ?? '';
    assert.match(message('pipe.yaml'), /not a regular file: a FIFO/);
    assert.match(message('zero.yaml'), /not a regular file: a character device/);
    assert.match(message('huge.yaml'), /too large/);
    assert.match(message('out'), /outside/);
    const sarif = cli('lint', '--format', 'sarif', dir);
    const runs = (JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string }[] }[] }).runs;
    assert.equal(runs[0].results.length, 5);
    // Only the link outside: a warning, and the clean file lints clean.
    const onlyLink = join(top, 'only-link');
    makeTree(onlyLink, { 'clean.yaml': CLEAN }, { out: '../outside' });
    assert.equal(cli('lint', onlyLink).status, 0);
  });
});

test('lint pipe.yaml, /dev/zero, a directory loop given directly: a located message, exit 1, no hang', opts, async () => {
  await withTempDir((dir) => {
    mkfifo(join(dir, 'pipe.yaml'));
    makeTree(dir, { 'clean.yaml': CLEAN }, { 'zero.yaml': '/dev/zero', 'self.yaml': 'self.yaml', loop: '.' });
    const pipe = cli('lint', join(dir, 'pipe.yaml'));
    assert.equal(pipe.status, 1, pipe.stderr);
    assert.match(pipe.stdout, new RegExp(`^${join(dir, 'pipe.yaml')}:1:1: error read-error not a regular file: a FIFO`, 'm'));
    const json = lintJson(join(dir, 'pipe.yaml'), join(dir, 'zero.yaml'), '/dev/null', join(dir, 'self.yaml'), join(dir, 'loop'), join(dir, 'clean.yaml'));
    assert.equal(json.status, 1);
    assert.deepEqual(
      json.problems.map((p) => [p.file.replace(dir, 'D'), p.code, p.message.replace(/[,:] .*/, '')]),
      [
        ['D/pipe.yaml', 'read-error', 'not a regular file'],
        ['D/zero.yaml', 'read-error', 'not a regular file'],
        ['/dev/null', 'read-error', 'not a regular file'],
        ['D/self.yaml', 'read-error', 'cannot read'], // ELOOP: the symlink points to itself
      ],
    );
    const graph = cli('graph', join(dir, 'pipe.yaml'));
    assert.equal(graph.status, 1);
    assert.match(graph.stderr, /not a regular file: a FIFO/);
  });
});
