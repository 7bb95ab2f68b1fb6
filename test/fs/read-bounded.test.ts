import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTextFileBoundedSync, type BoundedText } from '../../server/src/fs/read-bounded';
import { mkfifo, specialFilesSkip, withTempDir } from './special-tree';

// A reader that blocks on the FIFO fails by its timeout instead of hanging the suite.
const opts = { timeout: 30_000, skip: specialFilesSkip() };

const errorOf = (r: BoundedText): string => (typeof r === 'string' ? `read ${r.length} characters` : r.error);

test('reads a regular file, also through a symlink', opts, async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'a.yaml'), 'kind: Workflow\n# é\n');
    assert.equal(readTextFileBoundedSync(join(dir, 'a.yaml'), 100), 'kind: Workflow\n# é\n');
    writeFileSync(join(dir, 'empty.yaml'), '');
    assert.equal(readTextFileBoundedSync(join(dir, 'empty.yaml'), 0), '');
  });
});

test('a FIFO, /dev/zero and a directory are refused before reading, without blocking', opts, async () => {
  await withTempDir(async (dir) => {
    mkfifo(join(dir, 'pipe.yaml'));
    mkdirSync(join(dir, 'd.yaml'));
    for (const [path, kind] of [
      [join(dir, 'pipe.yaml'), /not a regular file: a FIFO/],
      ['/dev/zero', /not a regular file: a character device/],
      [join(dir, 'd.yaml'), /not a regular file: a directory/],
    ] as const) {
      assert.match(errorOf(readTextFileBoundedSync(path, 1024)), kind);
    }
    assert.match(errorOf(readTextFileBoundedSync(join(dir, 'missing.yaml'), 1024)), /ENOENT/);
  });
});

test('never more than maxBytes: by size, and for a file that reports size 0', opts, async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'big.yaml'), 'x'.repeat(101));
    assert.match(errorOf(readTextFileBoundedSync(join(dir, 'big.yaml'), 100)), /too large \(101 bytes; the limit is 100\)/);
    assert.equal(readTextFileBoundedSync(join(dir, 'big.yaml'), 101), 'x'.repeat(101));
  });
  const proc = '/proc/self/status'; // a regular file of size 0 with text in it
  if (existsSync(proc)) {
    assert.match(errorOf(readTextFileBoundedSync(proc, 16)), /more than 16 bytes read/);
    const whole = readTextFileBoundedSync(proc, 1 << 20);
    assert.ok(typeof whole === 'string' && whole.includes('Name:'), errorOf(whole));
  }
});
