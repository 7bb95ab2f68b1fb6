/** Batched updates to the view: coalescing, one update in flight, bounded backlog, reset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UpdateBatcher, type SessionUpdate } from '../../client/src/logs/update-batcher';
import type { LogLine, SessionInfo } from '../../client/src/logs/log-types';

const info: SessionInfo = {
  target: { namespace: 'n', workflowName: 'w' },
  contextName: 'c',
  container: 'main',
  containers: [],
  range: {},
  streamAll: true,
  done: false,
  maxLines: 100,
};
let seq = 0;
const lines = (n: number): LogLine[] =>
  Array.from({ length: n }, () => ({ seq: ++seq, step: 0, key: `2025-01-01T00:00:00.${String(seq).padStart(9, '0')}Z`, text: `l${seq}` }));
const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('batcher: coalesces lines, one update in flight, the backlog keeps only the newest maxLines, reset sends all', async () => {
  const got: SessionUpdate[] = [];
  let release: () => void = () => undefined;
  let commits = 0;
  const all = lines(3);
  const b = new UpdateBatcher(
    { commit: () => commits++, allLines: () => all, steps: () => [], info: () => info, maxLines: () => 100 },
    (u) => {
      got.push(u);
      return new Promise<void>((r) => (release = r));
    },
    5,
  );
  try {
    b.lines(lines(10));
    b.lines(lines(10));
    await tick(20);
    assert.equal(got.length, 1, 'one update for both batches');
    assert.equal(got[0].lines.length, 20);
    assert.ok(got[0].steps && got[0].info, 'first update carries steps and info');
    // While the view has not taken the update, more lines wait (bounded).
    for (let i = 0; i < 10; i++) b.lines(lines(50));
    await tick(20);
    assert.equal(got.length, 1, 'nothing while one update is in flight');
    release();
    await tick(20);
    assert.equal(got.length, 2);
    assert.equal(got[1].lines.length, 100, 'only the newest maxLines');
    assert.equal(got[1].lines[99].seq, seq, 'ends with the newest line');
    assert.equal(got[1].steps, undefined, 'steps only when they changed');
    b.markReset();
    release();
    await tick(20);
    assert.equal(got.length, 3);
    assert.deepEqual([got[2].reset, got[2].lines], [true, all]);
    assert.ok(commits >= 3, 'the store is merged before each update');
  } finally {
    b.dispose();
  }
});
