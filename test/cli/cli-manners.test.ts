import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../helpers/paths';
import { cli, cliReadOnce, STACK_FRAME } from '../helpers/cli-run';

const SEED = 'test/fixtures/seed';
const TYPO = readFileSync(join(REPO, SEED, 'image-pipeline-typo.yaml'), 'utf8');

/** A DAG of n tasks that each depend on a task that does not exist: n errors, a long output. */
function manyErrors(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `      - {name: t${i}, template: echo, dependencies: [nope${i}]}`).join('\n');
  return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: many-}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
${tasks}
  - name: echo
    container: {image: alpine}
`;
}

function withTemp<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'argo-cli-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a reader that goes away (lint | head -1): no EPIPE trace, the exit status stays the lint result', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'argo-cli-'));
  try {
    writeFileSync(join(dir, 'many.yaml'), manyErrors(3000)); // ~300 KB of text, far beyond a pipe's buffer
    const r = await cliReadOnce(['lint', join(dir, 'many.yaml')]);
    assert.match(r.stdout, /error unknown-dependency/);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lint -o and graph -o to paths that cannot be written: one clean line, exit 2 / 1, no stack', () =>
  withTemp((dir) => {
    const file = join(dir, 'a-file');
    writeFileSync(file, '');
    for (const [out, reason] of [
      [join(dir, 'no', 'such', 'dir.json'), 'no such file or directory'],
      [join(file, 'under-a-file.json'), 'a part of the path is not a directory'],
      [dir, 'is a directory'],
    ]) {
      const lint = cli(['lint', '--format', 'json', '-o', out, `${SEED}/image-pipeline.yaml`]);
      assert.equal(lint.stderr, `argo-studio lint: cannot write ${out}: ${reason}\n`);
      assert.equal(lint.status, 2);
      const graph = cli(['graph', `${SEED}/image-pipeline.yaml`, '-o', out]);
      assert.equal(graph.stderr, `argo-studio graph: cannot write ${out}: ${reason}\n`);
      assert.equal(graph.status, 1);
      assert.doesNotMatch(lint.stderr + graph.stderr, STACK_FRAME);
    }
  }));

test('--format github: one annotation per problem, with file, range and rule', () => {
  const r = cli(['lint', '--format', 'github', `${SEED}/image-pipeline-typo.yaml`, `${SEED}/image-pipeline.yaml`]);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /^::error file=test\/fixtures\/seed\/image-pipeline-typo\.yaml,line=26,col=28,endLine=26,endColumn=34,title=argo-studio unknown-dependency::"resise" is not a task/,
  );
  assert.equal(r.stdout.trimEnd().split('\n').length, 1, r.stdout);
  const warning = cli(['lint', '--format', 'github', '--rule', 'unknown-dependency=warning', `${SEED}/image-pipeline-typo.yaml`]);
  assert.match(warning.stdout, /^::warning file=/);
  assert.equal(warning.status, 0);
});

test('--format github escapes what GitHub would read as syntax (%, newlines, : and , in properties)', () =>
  withTemp((dir) => {
    const file = join(dir, 'a,b:c.yaml');
    writeFileSync(file, TYPO.replace('resise', 'res%ise'));
    const r = cli(['lint', '--format', 'github', file]);
    const line = r.stdout.trimEnd();
    assert.equal(line.split('\n').length, 1, r.stdout);
    assert.ok(line.includes(`file=${dir.replace(/:/g, '%3A')}/a%2Cb%3Ac.yaml,`), line);
    assert.match(line, /::"res%25ise" is not a task/);
  }));

test('PATH - reads standard input (lint and graph)', () => {
  const lint = cli(['lint', '-'], TYPO);
  assert.equal(lint.status, 1);
  assert.match(lint.stdout, /^<stdin>:26:28: error unknown-dependency "resise"/m);
  assert.match(lint.stdout, /1 file\(s\), 1 Argo document\(s\): 1 error\(s\)/);
  const both = cli(['lint', '--format', 'json', '-', `${SEED}/image-pipeline.yaml`], TYPO);
  assert.deepEqual(
    (JSON.parse(both.stdout) as { file: string }[]).map((p) => p.file),
    ['<stdin>'],
  );
  const graph = cli(['graph', '-'], readFileSync(join(REPO, SEED, 'image-pipeline.yaml'), 'utf8'));
  assert.equal(graph.status, 0, graph.stderr);
  assert.match(graph.stdout, /^<svg[^>]*>/);
  assert.match(graph.stdout, /<g class="node" data-name="resize"/);
});

test('--version and version print the package version', () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  for (const arg of ['--version', 'version']) assert.deepEqual(cli([arg]), { status: 0, stdout: `${version}\n`, stderr: '' });
});

test('names with control characters: the SVG holds only characters XML allows', () => {
  const yaml = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: "ctl\\x01name"}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: "a\\x01b\\x1f", template: "t\\x08"}
      - {name: "c\\ud800", template: "t\\x08", depends: "a\\x01b\\x1f"}
  - name: "t\\x08"
    container: {image: alpine}
`;
  const r = cli(['graph', '-', '--engine', 'fast'], yaml);
  assert.equal(r.status, 0, r.stderr);
  // XML 1.0 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF (no lone surrogates).
  const forbidden = [...r.stdout].filter((c) => !/^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]$|^[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(c));
  assert.deepEqual(forbidden, []);
  assert.match(r.stdout, /data-name="a\uFFFDb\uFFFD"/);
});

test('a collection used as a mapping key: analysed without a process warning on stderr', () =>
  withTemp((dir) => {
    const file = join(dir, 'wf.yaml');
    writeFileSync(file, readFileSync(join(REPO, SEED, 'image-pipeline.yaml'), 'utf8').replace(/^metadata:\n/m, 'metadata:\n  ? [a, b]\n  : c\n'));
    const r = cli(['lint', file]);
    assert.doesNotMatch(r.stderr, /Warning|collection values/);
    assert.match(r.stdout, /1 file\(s\), 1 Argo document\(s\)/);
  }));

test('--allow-empty: paths without an Argo document pass (pre-commit passes every YAML file of a commit)', () =>
  withTemp((dir) => {
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services: {web: {image: nginx}}\n');
    const strict = cli(['lint', file]);
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /found nothing to lint/);
    const allowed = cli(['lint', '--allow-empty', file]);
    assert.deepEqual([allowed.status, allowed.stderr], [0, '']);
    assert.equal(cli(['lint', '--allow-empty', file, `${SEED}/image-pipeline-typo.yaml`]).status, 1, 'errors still fail');
  }));
