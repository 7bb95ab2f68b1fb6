// The list+watch loop against the emulator: initial list, live events, reconnect after a clean end and a
// reset, 410 (in-stream and HTTP) re-list with synthetic DELETED, inactivity timeout, backoff on errors.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resourcePath, WORKFLOWS } from '../../client/src/cluster/api-paths';
import { ListWatch, type WatchEvent } from '../../client/src/cluster/list-watch';
import type { Workflow } from '../../client/src/cluster/types';
import { def, emulatorObjects, startTestCluster, tick, waitUntil, type TestCluster } from './helpers/cluster';

const wf = (name: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: ${name}}
spec: {entrypoint: main, templates: [{name: main, container: {image: busybox, command: [echo, hi]}}]}
`;

describe('ListWatch', () => {
  let c: TestCluster;
  let lw: ListWatch<Workflow> | undefined;
  before(async () => {
    c = await startTestCluster({ bookmarkIntervalMs: 200 });
    c.emu.controller.pause();
  });
  after(async () => {
    lw?.dispose();
    await c.emu.stop();
  });

  const open = (extra: Partial<ConstructorParameters<typeof ListWatch>[1]> = {}): ListWatch<Workflow> => {
    lw?.dispose();
    lw = new ListWatch<Workflow>(c.conn, { path: resourcePath(WORKFLOWS, 'argo'), backoff: { initialMs: 20, maxMs: 200 }, ...extra });
    lw.start();
    return lw;
  };
  const names = (l: ListWatch<Workflow>): string[] => [...l.cache.values()].map((w) => w.metadata?.name ?? '').sort();
  const sameAsEmulator = (l: ListWatch<Workflow>): boolean => {
    const server = emulatorObjects(c.emu, 'workflows');
    if (server.size !== l.cache.size) return false;
    for (const [k, o] of server) if (l.cache.get(k)?.metadata?.resourceVersion !== o.metadata.resourceVersion) return false;
    return true;
  };

  it('lists, then streams ADDED/MODIFIED/DELETED', { timeout: 10_000 }, async () => {
    c.emu.apply(wf('one'));
    const l = open();
    const events: string[] = [];
    l.onEvent((e: WatchEvent<Workflow>) => events.push(`${e.type} ${e.object.metadata?.name}${e.synthetic ? ' (list)' : ''}`));
    await l.whenSynced(5000);
    assert.deepEqual(names(l), ['one']);
    c.emu.apply(wf('two'));
    c.emu.store.mutate(def('workflows'), 'argo', 'one', (o) => (o.metadata.labels = { x: 'y' }));
    c.emu.store.delete(def('workflows'), 'argo', 'two');
    await waitUntil(() => events.length >= 4, 'four events');
    assert.deepEqual(events, ['ADDED one (list)', 'ADDED two', 'MODIFIED one', 'DELETED two']);
    assert.ok(sameAsEmulator(l));
  });

  it('reconnects after clean ends and resets without losing events', { timeout: 15_000 }, async () => {
    const l = open();
    await l.whenSynced(5000);
    for (let i = 0; i < 5; i++) {
      const watches = l.stats.watches;
      if (i % 2) c.emu.faults.endWatches();
      else c.emu.faults.dropWatches();
      c.emu.apply(wf(`drop-${i}`)); // written while no watch is open
      await waitUntil(() => l.stats.watches > watches, 'the watch to reopen');
    }
    await waitUntil(() => sameAsEmulator(l), 'the cache to equal the emulator');
    assert.equal(l.stats.lists, 1, 'no re-list was needed');
  });

  it('re-lists after 410 (in-stream ERROR and HTTP) and sends DELETED for objects that vanished', { timeout: 15_000 }, async () => {
    const l = open();
    await l.whenSynced(5000);
    const deleted: string[] = [];
    l.onEvent((e) => e.type === 'DELETED' && deleted.push(`${e.object.metadata?.name}${e.synthetic ? ' (list)' : ''}`));
    for (const mode of ['event', 'http'] as const) {
      const lists = l.stats.lists;
      c.emu.faults.dropWatches();
      const victim = [...l.cache.values()][0].metadata?.name ?? '';
      c.emu.store.delete(def('workflows'), 'argo', victim);
      c.emu.faults.expireHistory(mode);
      await waitUntil(() => l.stats.lists > lists, `a re-list after 410 (${mode})`);
      await waitUntil(() => sameAsEmulator(l), 'the cache to equal the emulator');
      assert.ok(deleted.includes(`${victim} (list)`), `synthetic DELETED for ${victim}: ${deleted.join(', ')}`);
      c.emu.faults.reset();
    }
    assert.ok(l.stats.expired >= 2);
  });

  it('drops a silent watch after the inactivity timeout and reconnects', { timeout: 15_000 }, async () => {
    const l = open({ inactivityMs: 300, bookmarks: false });
    await l.whenSynced(5000);
    await waitUntil(() => l.stats.inactivityTimeouts >= 2, 'two inactivity timeouts', 5000);
    c.emu.apply(wf('after-silence'));
    await waitUntil(() => l.cache.has('argo/after-silence'), 'the watch to resume');
  });

  it('gives up on a watch request that is never answered (blackhole) and reconnects', { timeout: 15_000 }, async () => {
    const l = open({ inactivityMs: 300 });
    await l.whenSynced(5000);
    const errors: string[] = [];
    l.onState((s) => s.state === 'retrying' && errors.push(s.error.kind));
    c.emu.faults.blackhole({ pathRegex: /watch=true/ });
    c.emu.faults.dropWatches();
    await waitUntil(() => errors.includes('timeout'), 'a timeout', 5000);
    c.emu.faults.unblackhole();
    c.emu.apply(wf('after-blackhole'));
    await waitUntil(() => l.cache.has('argo/after-blackhole'), 'the watch to resume', 5000);
  });

  it('keeps a watch with bookmarks alive past the inactivity timeout', { timeout: 10_000 }, async () => {
    const l = open({ inactivityMs: 600 });
    await l.whenSynced(5000);
    await tick(1500);
    assert.equal(l.stats.inactivityTimeouts, 0, 'bookmarks (every 200 ms) count as activity');
  });

  it('backs off on errors and reports them; Retry-After is honoured', { timeout: 15_000 }, async () => {
    const l = open();
    await l.whenSynced(5000);
    const states: string[] = [];
    l.onState((s) => s.state === 'retrying' && states.push(`${s.error.kind} ${s.error.status ?? ''} ${s.delayMs}`));
    await waitUntil(() => l.stats.watches >= 1, 'the watch');
    c.emu.faults.failNext({ pathRegex: /watch=true/, status: 503, times: 3 });
    c.emu.faults.failNext({ pathRegex: /watch=true/, status: 429, retryAfterSeconds: 1 });
    c.emu.faults.dropWatches();
    await waitUntil(() => states.length >= 5, 'five failures', 8000);
    c.emu.apply(wf('after-errors'));
    await waitUntil(() => l.cache.has('argo/after-errors'), 'the watch to resume', 8000);
    assert.equal(states.length, 5, states.join(' | '));
    assert.match(states[0], /^unreachable/, 'the dropped watch');
    const delays = states.map((s) => Number(s.split(' ').pop()));
    // initialMs 20, equal jitter: attempt n waits between 20*2^n/2 and 20*2^n.
    assert.ok(delays[0] <= 20 && delays[1] >= 10 && delays[2] >= 20 && delays[3] >= 40, `exponential: ${delays.join(', ')}`);
    assert.ok(
      states.slice(1, 4).every((s) => s.startsWith('server 503')),
      states.join(' | '),
    );
    assert.ok(delays[4] >= 1000, `Retry-After 1 s: ${delays[4]}`);
  });
});
