/** ANSI colours to segments (never markup), control characters, search and highlight ranges. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paletteColor, parseAnsi, stripAnsi } from '../../client/src/logs/ansi';
import { compileSearch } from '../../media/logs/src/search';

test('ansi: SGR colours and attributes; 256 and true colour; reset; other escapes removed', () => {
  assert.deepEqual(parseAnsi('plain'), [{ text: 'plain' }]);
  assert.deepEqual(parseAnsi('\x1b[31merror\x1b[0m ok'), [{ text: 'error', style: { fg: 1 } }, { text: ' ok' }]);
  assert.deepEqual(parseAnsi('\x1b[1;92mB\x1b[22mN\x1b[39m'), [
    { text: 'B', style: { bold: true, fg: 10 } },
    { text: 'N', style: { fg: 10 } },
  ]);
  assert.deepEqual(parseAnsi('\x1b[38;5;208mo\x1b[48;2;1;2;255mx'), [
    { text: 'o', style: { fg: 208 } },
    { text: 'x', style: { fg: 208, bg: '#0102ff' } },
  ]);
  assert.deepEqual(parseAnsi('\x1b[2K\x1b[1Gline\x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\'), [{ text: 'line link' }]);
  assert.deepEqual(parseAnsi('\x1b[4;7;9;3mu\x1b[m'), [{ text: 'u', style: { underline: true, inverse: true, strike: true, italic: true } }]);
  assert.equal(paletteColor(196), '#ff0000');
  assert.equal(paletteColor(244), '#808080');
});

test('ansi: markup in a line stays text; control characters and progress-bar carriage returns', () => {
  const evil = '\x1b[31m<img src=x onerror=alert(1)>\x1b[0m<script>alert(2)</script>';
  const segs = parseAnsi(evil);
  assert.deepEqual(
    segs.map((s) => s.text),
    ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>'],
  );
  assert.equal(stripAnsi('10%\r50%\r100%\r'), '100%');
  assert.equal(stripAnsi('a\x00b\x07c\td'), 'abc\td');
  assert.equal(stripAnsi('\x1b[31mred\x1b[0m'), 'red');
  assert.equal(stripAnsi('broken \x1b[ escape'), 'broken scape', 'a CSI with an intermediate byte ends at its final byte');
  assert.equal(stripAnsi('cut \x1b'), 'cut ');
});

test('search: plain (escaped), case, regex, bad regex, highlight ranges', () => {
  const plain = compileSearch({ text: 'a.b', regex: false, caseSensitive: false });
  assert.ok(plain.ok && plain.matcher);
  assert.equal(plain.matcher.test('xA.Bx'), true);
  assert.equal(plain.matcher.test('axb'), false);
  assert.deepEqual(plain.matcher.ranges('a.b and A.B'), [
    [0, 3],
    [8, 11],
  ]);
  const cased = compileSearch({ text: 'Err', regex: false, caseSensitive: true });
  assert.ok(cased.ok && cased.matcher);
  assert.equal(cased.matcher.test('err'), false);
  const re = compileSearch({ text: 'line \\d+$', regex: true, caseSensitive: false });
  assert.ok(re.ok && re.matcher);
  assert.deepEqual(re.matcher.ranges('line 12'), [[0, 7]]);
  const bad = compileSearch({ text: '(', regex: true, caseSensitive: false });
  assert.equal(bad.ok, false);
  const empty = compileSearch({ text: '', regex: false, caseSensitive: false });
  assert.ok(empty.ok && empty.matcher === undefined);
  const zero = compileSearch({ text: 'x*', regex: true, caseSensitive: false });
  assert.ok(zero.ok && zero.matcher);
  assert.deepEqual(zero.matcher.ranges('ab xx'), [[3, 5]]);
});
