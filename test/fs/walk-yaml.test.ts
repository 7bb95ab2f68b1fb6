import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findYamlFilesUnder, walkYamlFiles, type YamlWalkResult } from '../../server/src/fs/walk-yaml';
import { makeTree, mkfifo, specialFilesSkip, withTempDir } from './special-tree';
import { REPO } from '../helpers/paths';

// Each test has a timeout: a walker that hangs (a FIFO, a loop) fails instead of blocking the suite.
const opts = { timeout: 30_000, skip: specialFilesSkip() };
const Y = 'kind: Workflow\n';

const rel = (dir: string, r: YamlWalkResult): string[] => r.files.map((f) => relative(dir, f));
const skips = (dir: string, r: YamlWalkResult): string[] => r.skipped.map((s) => `${relative(dir, s.path)} ${s.kind}`).sort();

test('a `loop -> .` link: each file once, the loop reported as a duplicate directory', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'a.yaml': Y, 'sub/b.yml': Y, 'sub/notes.txt': 'x' }, { loop: '.' });
    const r = await findYamlFilesUnder(dir);
    assert.deepEqual(rel(dir, r), ['a.yaml', 'sub/b.yml']);
    assert.deepEqual(skips(dir, r), ['loop duplicate']);
    assert.equal(r.truncated, undefined);
  });
});

test('three `x -> .` links and a `.. ` link below: finishes, each file once', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'a.yaml': Y, 'm/b.yaml': Y, 'm/n/c.yaml': Y }, { x: '.', y: '.', z: '.', 'm/n/up': '..', 'm/n/top': '../..' });
    const r = await findYamlFilesUnder(dir);
    assert.deepEqual(rel(dir, r), ['a.yaml', 'm/b.yaml', 'm/n/c.yaml']);
    assert.deepEqual(skips(dir, r), ['m/n/top duplicate', 'm/n/up duplicate', 'x duplicate', 'y duplicate', 'z duplicate']);
  });
});

test('zero.yaml -> /dev/zero and a FIFO pipe.yaml are skipped as not regular files, never opened', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'a.yaml': Y }, { 'zero.yaml': '/dev/zero' });
    mkfifo(join(dir, 'pipe.yaml'));
    mkfifo(join(dir, 'other-pipe')); // not a YAML name: passed over silently
    const r = await findYamlFilesUnder(dir);
    assert.deepEqual(rel(dir, r), ['a.yaml']);
    assert.deepEqual(skips(dir, r), ['pipe.yaml not-regular', 'zero.yaml not-regular']);
    const reasons = Object.fromEntries(r.skipped.map((s) => [relative(dir, s.path), s.reason]));
    assert.match(reasons['pipe.yaml'], /not a regular file: a FIFO/);
    assert.match(reasons['zero.yaml'], /not a regular file: a character device/);
  });
});

test('symlinks whose real path is outside the root are not followed', opts, async () => {
  await withTempDir(async (top) => {
    makeTree(
      top,
      { 'outside/c.yaml': Y, 'root/a.yaml': Y, 'root/in/b.yaml': Y },
      { 'root/out': '../outside', 'root/out.yaml': '../outside/c.yaml', 'root/in-link.yaml': 'in/b.yaml', 'root/abs': join(top, 'outside') },
    );
    const root = join(top, 'root');
    const r = await findYamlFilesUnder(root);
    // in-link.yaml is inside the root, but the same file as in/b.yaml (found first: "in" < "in-link.yaml").
    assert.deepEqual(rel(root, r), ['a.yaml', 'in/b.yaml']);
    assert.deepEqual(skips(root, r), ['abs outside-root', 'in-link.yaml duplicate', 'out outside-root', 'out.yaml outside-root']);
    assert.ok(r.skipped.filter((s) => s.kind === 'outside-root').every((s) => s.reason.includes(join(top, 'outside'))));
  });
});

test('maxBytes, maxDepth, maxFiles: skipped or truncated with a reason', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'big.yaml': Y.repeat(100), 'small.yaml': Y, 'd1/d2/deep.yaml': Y, 'd1/one.yaml': Y });
    const r = await findYamlFilesUnder(dir, { maxBytes: 50, maxDepth: 1 });
    assert.deepEqual(rel(dir, r), ['d1/one.yaml', 'small.yaml']);
    assert.deepEqual(skips(dir, r), ['big.yaml too-large', 'd1/d2 depth']);
    const limited = await findYamlFilesUnder(dir, { maxFiles: 2 });
    assert.deepEqual(rel(dir, limited), ['big.yaml', 'd1/d2/deep.yaml']);
    assert.match(limited.truncated ?? '', /file limit/);
    const exact = await findYamlFilesUnder(dir, { maxFiles: 4 });
    assert.equal(exact.files.length, 4);
    assert.equal(exact.truncated, undefined);
  });
});

test('an aborted signal and a spent deadline stop the walk', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'a.yaml': Y, 'b/c.yaml': Y });
    const aborted = await findYamlFilesUnder(dir, { signal: AbortSignal.abort() });
    assert.deepEqual(aborted, { files: [], skipped: [], truncated: 'aborted' });
    const late = await findYamlFilesUnder(dir, { deadlineMs: 0 });
    assert.match(late.truncated ?? '', /time limit/);
  });
});

test('skipDirs, hidden names, directories named *.yaml, hard links, missing root', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'node_modules/x.yaml': Y, '.hidden/y.yaml': Y, '.z.yaml': Y, 'dir.yaml/inner.yaml': Y, 'a.yaml': Y });
    linkSync(join(dir, 'a.yaml'), join(dir, 'hard.yaml'));
    const r = await findYamlFilesUnder(dir, { skipDirs: new Set(['node_modules']), skipHidden: true });
    // A directory named *.yaml is a directory: entered, never read as a file.
    assert.deepEqual(rel(dir, r), ['a.yaml', 'dir.yaml/inner.yaml']);
    assert.deepEqual(skips(dir, r), ['hard.yaml duplicate']);
    const missing = await findYamlFilesUnder(join(dir, 'nope'));
    assert.deepEqual([missing.files, missing.skipped.map((s) => s.kind)], [[], ['unreadable']]);
    const notDir = await findYamlFilesUnder(join(dir, 'a.yaml'));
    assert.match(notDir.skipped[0].reason, /not a directory/);
  });
});

/**
 * Root reads every directory: as root the walk runs in a child process as user nobody (65534), so
 * the test runs everywhere (CI is root).
 */
function walkAsNobody(dir: string): YamlWalkResult {
  const walker = join(REPO, 'server', 'src', 'fs', 'walk-yaml.ts');
  const script = `import(${JSON.stringify(walker)}).then(async (m) => { const walk = m.findYamlFilesUnder ?? m.default.findYamlFilesUnder; console.log(JSON.stringify(await walk(${JSON.stringify(dir)}))); })`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, uid: 65534, gid: 65534, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as YamlWalkResult;
}

test('an unreadable directory is reported in skipped', opts, async () => {
  await withTempDir(async (dir) => {
    makeTree(dir, { 'a.yaml': Y, 'locked/b.yaml': Y });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'locked'), 0);
    try {
      const r = process.getuid?.() === 0 ? walkAsNobody(dir) : await findYamlFilesUnder(dir);
      assert.deepEqual(rel(dir, r), ['a.yaml']);
      assert.deepEqual(skips(dir, r), ['locked unreadable']);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });
});

test('the walk yields to the event loop between directories', opts, async () => {
  await withTempDir(async (dir) => {
    for (let i = 0; i < 20; i++) mkdirSync(join(dir, `d${i}`));
    writeFileSync(join(dir, 'd7', 'a.yaml'), Y);
    let turns = 0;
    let walking = true;
    const tick = (): void => {
      turns++;
      if (walking) setImmediate(tick);
    };
    setImmediate(tick);
    const r = await findYamlFilesUnder(dir);
    walking = false;
    assert.deepEqual(rel(dir, r), ['d7/a.yaml']);
    assert.ok(turns >= 20, `the event loop turned ${turns} times during the walk of 21 directories`);
  });
});

test('the sync walkYamlFiles (kept for the language server until it switches) is loop-safe too', opts, async () => {
  await withTempDir((dir) => {
    makeTree(dir, { 'a.yaml': Y, 'outside/o.yaml': Y, 'r/b.yaml': Y }, { 'r/x': '.', 'r/y': '.', 'r/zero.yaml': '/dev/zero', 'r/out': '../outside' });
    mkfifo(join(dir, 'r', 'pipe.yaml'));
    const seen: string[] = [];
    walkYamlFiles(join(dir, 'r'), { skipDirs: new Set() }, (f) => seen.push(relative(dir, f)) > 0);
    assert.deepEqual(seen, ['r/b.yaml']);
  });
});
