/** The bounded line store: interleaving by time, per-step order, eviction, mirror equality. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineStore } from '../../client/src/logs/line-store';
import type { LogLine } from '../../client/src/logs/log-types';

let seq = 0;
const line = (step: number, sec: number, text: string): LogLine => ({
  seq: ++seq,
  step,
  key: `2025-01-01T00:00:${String(sec).padStart(2, '0')}.000000000Z`,
  text,
});

test('store: batches from several steps interleave by timestamp; equal timestamps keep arrival order', () => {
  const s = new LineStore(100);
  s.add([line(0, 1, 'a1'), line(0, 3, 'a3'), line(0, 5, 'a5')]);
  const r = s.add([line(1, 2, 'b2'), line(1, 3, 'b3'), line(1, 6, 'b6')]);
  assert.equal(r.inserted, true);
  s.add([line(2, 3, 'c3')]);
  assert.deepEqual(
    s.toArray().map((l) => l.text),
    ['a1', 'b2', 'a3', 'b3', 'c3', 'a5', 'b6'],
  );
  assert.equal(s.add([line(0, 7, 'a7')]).inserted, false);
  assert.equal(s.size, 8);
  assert.equal(s.at(0).text, 'a1');
  assert.equal(s.last()?.text, 'a7');
});

test('store: bounded, the oldest go; a batch larger than the bound keeps its newest lines', () => {
  const s = new LineStore(5);
  for (let i = 0; i < 20; i++) s.add([line(0, i, `l${i}`)]);
  assert.deepEqual(
    s.toArray().map((l) => l.text),
    ['l15', 'l16', 'l17', 'l18', 'l19'],
  );
  s.add(Array.from({ length: 12 }, (_, i) => line(1, 40 + i, `m${i}`)));
  assert.deepEqual(
    s.toArray().map((l) => l.text),
    ['m7', 'm8', 'm9', 'm10', 'm11'],
  );
  assert.equal(s.setMax(2), 3);
  assert.deepEqual(
    s.toArray().map((l) => l.text),
    ['m10', 'm11'],
  );
  assert.throws(() => new LineStore(0));
});

test('store: a mirror fed coalesced batches ends equal to the store fed line by line (many evictions)', () => {
  const host = new LineStore(1000);
  const mirror = new LineStore(1000);
  let rnd = 7;
  const random = (): number => (rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648;
  const next = [0, 0, 0];
  let batch: LogLine[] = [];
  for (let i = 0; i < 20_000; i++) {
    const step = Math.floor(random() * 3);
    next[step] += Math.floor(random() * 3); // same second often
    const l = line(step, next[step] % 60, `s${step}-${i}`);
    host.add([l]);
    batch.push(l);
    if (random() < 0.05) {
      mirror.add(batch);
      batch = [];
    }
  }
  mirror.add(batch);
  assert.deepEqual(mirror.toArray(), host.toArray());
  assert.equal(host.size, 1000);
});

test('store: 1,000,000 lines through a 100,000-line store stay fast and bounded', () => {
  const s = new LineStore(100_000);
  const started = Date.now();
  for (let b = 0; b < 1000; b++) {
    const batch: LogLine[] = [];
    for (let i = 0; i < 1000; i++)
      batch.push({
        seq: ++seq,
        step: i % 5,
        key: `2025-01-01T00:${String(Math.floor(b / 60) % 60).padStart(2, '0')}:${String(b % 60).padStart(2, '0')}.${String(i).padStart(9, '0')}Z`,
        text: 'x',
      });
    s.add(batch);
  }
  assert.equal(s.size, 100_000);
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});
