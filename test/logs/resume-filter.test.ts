/** Timestamps as exact keys, and de-duplication across resumes (same-second replays, bursts, repeats). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResumeFilter } from '../../client/src/logs/resume-filter';
import { displayTime, keyOfMillis, sinceTimeOf, splitTimestamp, timestampKey } from '../../client/src/logs/timestamp';

test('timestamp keys: RFC3339Nano to a fixed 9-digit UTC key that sorts as text', () => {
  assert.equal(timestampKey('2025-01-01T00:00:11.2Z'), '2025-01-01T00:00:11.200000000Z');
  assert.equal(timestampKey('2025-01-01T00:00:11Z'), '2025-01-01T00:00:11.000000000Z');
  assert.equal(timestampKey('2025-01-01T00:00:11.123456789Z'), '2025-01-01T00:00:11.123456789Z');
  assert.equal(timestampKey('2025-01-01T02:00:11.5+02:00'), '2025-01-01T00:00:11.500000000Z');
  assert.equal(timestampKey('2025-01-01 00:00:11Z'), undefined);
  assert.equal(timestampKey('hello'), undefined);
  const keys = ['2025-01-01T00:00:11.2Z', '2025-01-01T00:00:11.19Z', '2025-01-01T00:00:11.000000001Z', '2025-01-01T00:00:10.999999999Z'].map(
    (t) => timestampKey(t) as string,
  );
  assert.deepEqual([...keys].sort(), [keys[3], keys[2], keys[1], keys[0]]);
  assert.equal(sinceTimeOf('2025-01-01T00:00:11.200000000Z'), '2025-01-01T00:00:11Z');
  assert.equal(displayTime('2025-01-01T00:00:11.200000000Z'), '2025-01-01T00:00:11.200Z');
  assert.equal(keyOfMillis(Date.parse('2025-01-01T00:00:11.2Z')), '2025-01-01T00:00:11.200000000Z');
  assert.deepEqual(splitTimestamp('2025-01-01T00:00:11.2Z hello world'), { key: '2025-01-01T00:00:11.200000000Z', text: 'hello world' });
  assert.deepEqual(splitTimestamp('2025-01-01T00:00:11.2Z '), { key: '2025-01-01T00:00:11.200000000Z', text: '' });
  assert.deepEqual(splitTimestamp('no timestamp here'), { key: undefined, text: 'no timestamp here' });
});

/** What a server with second-granular sinceTime sends back: every line from the start of that second. */
function replayFrom(log: [string, string][], key: string): [string, string][] {
  const since = sinceTimeOf(key).replace('Z', '.000000000Z');
  return log.filter(([k]) => k >= since);
}

const k = (s: string): string => timestampKey(`2025-01-01T00:00:${s}Z`) as string;

test('resume: lines before the last timestamp and the ones already shown at it are dropped, new ones kept', () => {
  const log: [string, string][] = [
    [k('10.1'), 'a'],
    [k('10.2'), 'b'],
    [k('10.2'), 'c'],
    [k('10.2'), 'b'],
    [k('10.3'), 'd'],
    [k('11.0'), 'e'],
  ];
  const f = new ResumeFilter();
  const shown: string[] = [];
  // First stream drops after the second 'b' (three lines at 10.2 shown: b, c, b).
  for (const [key, text] of log.slice(0, 4)) if (f.accept(key, text) !== undefined) shown.push(text);
  assert.equal(f.lastTimestampKey, k('10.2'));
  f.beginResume();
  for (const [key, text] of replayFrom(log, f.lastTimestampKey as string)) if (f.accept(key, text) !== undefined) shown.push(text);
  assert.deepEqual(shown, ['a', 'b', 'c', 'b', 'd', 'e']);
  assert.equal(f.droppedCount, 4);
});

test('resume: a genuinely repeated line at the same timestamp is kept (count, not content, decides)', () => {
  // A burst of identical lines sharing one timestamp; the stream dropped after two of them.
  const log: [string, string][] = [
    [k('20.5'), 'same'],
    [k('20.5'), 'same'],
    [k('20.5'), 'same'],
    [k('20.5'), 'same'],
    [k('21'), 'next'],
  ];
  const f = new ResumeFilter();
  const shown: string[] = [];
  for (const [key, text] of log.slice(0, 2)) if (f.accept(key, text) !== undefined) shown.push(text);
  f.beginResume();
  for (const [key, text] of replayFrom(log, f.lastTimestampKey as string)) if (f.accept(key, text) !== undefined) shown.push(text);
  assert.deepEqual(shown, ['same', 'same', 'same', 'same', 'next']);
});

test('resume: several drops in the same second, and a resume that brings nothing new', () => {
  const log: [string, string][] = [];
  for (let i = 0; i < 50; i++) log.push([k('30.25'), `burst ${i % 7}`]);
  log.push([k('30.5'), 'tail']);
  const f = new ResumeFilter();
  const shown: string[] = [];
  let pos = 0;
  for (const cut of [3, 3, 17, 40, 51, 51]) {
    const stream = pos === 0 ? log : replayFrom(log, f.lastTimestampKey as string);
    if (pos > 0) f.beginResume();
    // the stream delivers up to the cut (counted in the full log)
    const upTo = stream.slice(0, stream.length - (log.length - cut));
    for (const [key, text] of upTo) if (f.accept(key, text) !== undefined) shown.push(text);
    pos = cut;
  }
  assert.deepEqual(
    shown,
    log.map(([, t]) => t),
  );
});

test('resume: a line without timestamp counts at the last timestamp; out-of-order live lines are shown', () => {
  const f = new ResumeFilter();
  assert.equal(f.accept(k('40'), 'x'), k('40'));
  assert.equal(f.accept(undefined, 'continuation'), k('40'));
  assert.equal(f.accept(k('39'), 'late'), k('39'), 'a live line older than the last one is still shown');
  f.beginResume();
  assert.equal(f.accept(k('39'), 'late'), undefined);
  assert.equal(f.accept(k('40'), 'x'), undefined);
  assert.equal(f.accept(undefined, 'continuation'), undefined);
  assert.equal(f.accept(k('40'), 'new at the same time'), k('40'));
});

test('resume: if the replay differs from what was shown, the differing line is shown (nothing is lost)', () => {
  const f = new ResumeFilter();
  f.accept(k('50'), 'one');
  f.accept(k('50'), 'two');
  f.beginResume();
  assert.equal(f.accept(k('50'), 'one'), undefined);
  assert.equal(f.accept(k('50'), 'other'), k('50'));
  assert.equal(f.accept(k('50'), 'two'), k('50'));
});
