/** Byte chunks to lines: UTF-8 across chunks, partial lines on a drop, very long lines, a cap. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../client/src/logs/line-splitter';

test('splitter: lines across chunks, UTF-8 split inside a character, trailing rest at a clean end', () => {
  const s = new LineSplitter();
  const bytes = Buffer.from('héllo wörld\nsecond ✓ line\nthird');
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) out.push(...s.push(bytes.subarray(i, i + 3)));
  assert.deepEqual(out, ['héllo wörld', 'second ✓ line']);
  assert.equal(s.finish(), 'third');
  assert.equal(new LineSplitter().finish(), undefined);
});

test('splitter: a very long line arrives in many chunks (linear), and one above the cap is cut', () => {
  const s = new LineSplitter();
  const long = 'x'.repeat(300_000);
  const out: string[] = [];
  for (let i = 0; i < long.length; i += 1000) out.push(...s.push(Buffer.from(long.slice(i, i + 1000))));
  out.push(...s.push(Buffer.from('\nshort\n')));
  assert.equal(out.length, 2);
  assert.equal(out[0].length, 300_000);
  assert.equal(out[1], 'short');
  const capped = new LineSplitter(10);
  assert.deepEqual(capped.push(Buffer.from('0123456789abcdef\n')), ['0123456789 … [6 more characters not kept]']);
  assert.deepEqual(
    [...capped.push(Buffer.from('01234')), ...capped.push(Buffer.from('56789abc')), ...capped.push(Buffer.from('def\nok\n'))],
    ['0123456789 … [6 more characters not kept]', 'ok'],
  );
});
