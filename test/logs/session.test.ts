/**
 * The multiplexing log session against the API emulator: 5 parallel steps of 20,000 numbered lines
 * each, their streams dropped 10 times at random points; steps picked up as their pods start; a
 * focused step; notices; a container switch; batching to the view with bounded updates.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LogSession, type SessionUpdate } from '../../client/src/logs/log-session';
import { LineStore } from '../../client/src/logs/line-store';
import type { JsonObject } from '../cluster/emulator/types.js';
import { podsOf, prng, shortSleep, startLogEmulator, tick, waitFor, wfDef, type LogEmulator } from './helpers';

const STEPS = 5;
const LINES = 20_000;
const DROPS = 10;

describe('log session (emulator)', () => {
  let t: LogEmulator;
  before(async () => {
    t = await startLogEmulator();
    t.emu.controller.script('printer', { lines: [], durationMs: 3_600_000, pendingMs: 500, initMs: 100 });
    t.emu.controller.script('quick', (ctx) => ({
      lines: [`hello from ${ctx.nodeName}`],
      intervalMs: 100,
      durationMs: 300,
      pendingMs: 300,
      initMs: 100,
      exitCode: ctx.nodeName.endsWith('.b') ? 3 : 0,
    }));
  });
  after(async () => {
    await t?.stop();
  });

  it(
    `${STEPS} parallel steps x ${LINES} numbered lines, each stream dropped ${DROPS} times at random points: every line exactly once, in order per step`,
    { timeout: 120_000 },
    async () => {
      const seed = Number(process.env.LOGS_SEED ?? Date.now() % 1_000_000);
      const random = prng(seed);
      const steps = Array.from({ length: STEPS }, (_, i) => ({ name: `s${i}`, template: 'printer' }));
      t.emu.apply({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Workflow',
        metadata: { name: 'par' },
        spec: {
          entrypoint: 'main',
          templates: [
            { name: 'main', steps: [steps] },
            { name: 'printer', container: { image: 'alpine' } },
          ],
        },
      });
      t.emu.manualClock.advance(0);
      const updates: SessionUpdate[] = [];
      const view = new LineStore(200_000);
      const session = new LogSession({
        source: t.source,
        pods: t.pods,
        target: { namespace: 'argo', workflowName: 'par' },
        maxLines: 200_000,
        flushMs: 20,
        tuning: { sleep: shortSleep, idleCheckMs: 60_000 },
        onUpdate: (u) => {
          updates.push({ ...u, lines: [] });
          view.add(u.lines); // what the webview does with each update
          return tick(1);
        },
      });
      try {
        session.start();
        await waitFor(() => session.stepViews().length === STEPS, 'the five step pods');
        const pods = podsOf(t.emu, 'par').map((p) => p.metadata.name as string);
        assert.equal(pods.length, STEPS);
        t.emu.manualClock.advance(600); // main containers run
        const printed = new Map(pods.map((p) => [p, 0]));
        const label = (pod: string): string => session.stepViews().find((s) => s.podName === pod)?.label ?? '?';
        const total = STEPS * LINES;
        // Drop points: DROPS random points of the whole output, all streams dropped there.
        const dropAt = Array.from({ length: DROPS }, () => Math.floor(random() * total * 0.9) + 1).sort((a, b) => a - b);
        let written = 0;
        let drops = 0;
        const resumesBefore = (): number => Math.min(...session.streamStats().map((s) => s.resumes));
        while (written < total) {
          // Each step writes a random burst (sharing one timestamp), the clock moves a random few ms.
          for (const pod of pods) {
            const done = printed.get(pod) as number;
            const n = Math.min(LINES - done, 1 + Math.floor(random() * 400));
            if (n <= 0) continue;
            t.emu.controller.kubelet.appendLog(
              'argo',
              pod,
              'main',
              Array.from({ length: n }, (_, i) => `${label(pod)} line ${done + i + 1}`),
            );
            printed.set(pod, done + n);
            written += n;
          }
          t.emu.manualClock.advance(Math.floor(random() * 300));
          await tick(random() < 0.5 ? 0 : 2);
          while (drops < DROPS && written >= dropAt[drops]) {
            // Only drop when every stream is open (so each of them is dropped DROPS times).
            await waitFor(() => session.stepViews().every((s) => s.status.kind === 'streaming'), 'all streams open');
            const before = resumesBefore();
            assert.equal(t.emu.faults.dropLogStreams(), STEPS, 'every stream was open when dropped');
            drops++;
            await waitFor(() => resumesBefore() > before, 'every stream to resume');
          }
        }
        await waitFor(() => session.stepViews().reduce((n, s) => n + s.lines, 0) >= total, `all ${total} lines`, 60_000);
        t.emu.manualClock.advance(3_600_000); // the containers end, the workflow succeeds
        await session.whenSettled();
        session.flush();
        await tick(20);
        session.flush();

        assert.equal(drops, DROPS);
        for (const s of session.streamStats()) assert.ok(s.resumes >= DROPS, `${s.podName} resumed ${s.resumes} times (seed ${seed})`);
        assert.ok(
          session.streamStats().some((s) => s.deduplicated > 0),
          'replayed lines were dropped',
        );
        const lines = session.store.toArray().filter((l) => !l.notice);
        assert.equal(lines.length, total, `seed ${seed}`);
        for (const step of session.stepViews()) {
          const own = lines.filter((l) => l.step === step.index).map((l) => l.text);
          assert.equal(own.length, LINES, `${step.label}: ${own.length} lines (seed ${seed})`);
          for (let i = 0; i < LINES; i++)
            if (own[i] !== `${step.label} line ${i + 1}`) assert.fail(`${step.label}: line ${i + 1} is "${own[i]}" (seed ${seed})`);
          assert.deepEqual(step.status, { kind: 'ended', reason: 'completed', message: 'main completed' });
        }
        // Interleaved by timestamp across steps.
        for (let i = 1; i < lines.length; i++) assert.ok(lines[i - 1].key <= lines[i].key, 'sorted by timestamp');
        // The view, fed only the batched updates, holds the same lines.
        assert.deepEqual(view.toArray(), session.store.toArray());
        assert.ok(updates.length < 2000, `${updates.length} updates: batched`);
        assert.equal(session.info.done, true);
      } finally {
        session.dispose();
      }
    },
  );

  it('picks up steps as their pods start, focuses a node, writes notices, switches container', { timeout: 30_000 }, async () => {
    t.emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'seq' },
      spec: {
        entrypoint: 'main',
        templates: [
          { name: 'main', steps: [[{ name: 'a', template: 'quick' }], [{ name: 'b', template: 'quick' }]] },
          { name: 'quick', container: { image: 'alpine' } },
        ],
      },
    });
    t.emu.manualClock.advance(0);
    const session = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'seq' },
      flushMs: 10,
      tuning: { sleep: shortSleep, idleCheckMs: 60_000 },
      onUpdate: () => undefined,
    });
    try {
      session.start();
      await waitFor(() => session.stepViews().length === 1, 'the first step');
      assert.equal(session.stepViews()[0].label, 'a');
      // Step a waits in ContainerCreating, then runs; step b's pod appears only after a succeeded.
      await waitFor(() => session.stepViews()[0].status.kind === 'waiting', 'a waiting');
      for (let i = 0; i < 20 && session.stepViews().length < 2; i++) {
        t.emu.manualClock.advance(200);
        await tick(20);
      }
      await waitFor(() => session.stepViews().length === 2, 'the second step');
      for (let i = 0; i < 40 && !session.info.done; i++) {
        t.emu.manualClock.advance(200);
        await tick(20);
      }
      await session.whenSettled();
      const text = session.store.toArray().map((l) => `${l.step}:${l.notice ?? 'line'}:${l.text}`);
      // Step b's stream may open while its pod is still ContainerCreating, PodInitializing, or already running.
      const waitingB = /^1:info:Waiting for container main to start \((ContainerCreating|PodInitializing)\)…$/;
      assert.deepEqual(
        text.filter((l) => !waitingB.test(l)),
        [
          '0:info:Waiting for container main to start (ContainerCreating)…',
          '0:line:hello from seq[0].a',
          '1:line:hello from seq[1].b',
          '1:warning:main exited with code 3 (Error).',
        ],
      );
      assert.ok(text.filter((l) => waitingB.test(l)).length <= 1);
      assert.deepEqual(session.info.containers, ['main', 'wait', 'init']);

      // The init container of every step.
      session.setContainer('init');
      await waitFor(() => session.stepViews().every((s) => s.status.kind === 'ended'), 'init streams');
      const init = session.store.toArray().filter((l) => !l.notice);
      assert.equal(init.length, 4);
      assert.ok(init.every((l) => /msg="(Starting Workflow Executor|Alloc=)/.test(l.text)));
    } finally {
      session.dispose();
    }

    // A session opened on one node streams only that step, until asked for all.
    const b = podsOf(t.emu, 'seq').find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] === 'seq[1].b');
    const nodeId = b?.metadata.annotations?.['workflows.argoproj.io/node-id'] as string;
    const focused = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'seq', nodeId },
      flushMs: 10,
      tuning: { sleep: shortSleep },
    });
    try {
      focused.start();
      await waitFor(() => focused.stepViews().length === 2 && focused.stepViews()[1].status.kind === 'ended', 'the focused step');
      assert.equal(focused.info.focusPod, b?.metadata.name);
      assert.equal(focused.stepViews()[0].status.kind, 'pending', 'the other step is not streamed');
      assert.deepEqual(
        focused.store
          .toArray()
          .filter((l) => !l.notice)
          .map((l) => l.text),
        ['hello from seq[1].b'],
      );
      focused.streamAll();
      await waitFor(() => focused.stepViews()[0].status.kind === 'ended', 'the other step');
      assert.deepEqual(
        focused.store
          .toArray()
          .filter((l) => !l.notice)
          .map((l) => l.text),
        ['hello from seq[0].a', 'hello from seq[1].b'],
      );
    } finally {
      focused.dispose();
    }

    // A node without a pod of its own (the steps root node): every step, and a word why.
    const group = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'seq', nodeId: 'seq' },
      flushMs: 10,
      tuning: { sleep: shortSleep },
    });
    try {
      group.start();
      await waitFor(() => group.info.streamAll, 'all steps');
      assert.equal(group.info.banner, 'seq is a Steps node with no pod of its own: showing all steps.');
      await waitFor(() => group.stepViews().every((s) => s.status.kind === 'ended'), 'both steps');
    } finally {
      group.dispose();
    }
  });

  it('a pod without main (containerSet): its default container is shown, members can be picked', { timeout: 20_000 }, async () => {
    const now = t.emu.clock.now();
    const at = new Date(now).toISOString();
    const running = (name: string): JsonObject => ({
      name,
      image: 'alpine',
      imageID: 'x',
      restartCount: 0,
      ready: false,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at } },
    });
    const [pod] = t.emu.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'cs-main-1',
        labels: { 'workflows.argoproj.io/workflow': 'cs' },
        annotations: { 'workflows.argoproj.io/node-id': 'cs', 'workflows.argoproj.io/node-name': 'cs' },
      },
      spec: {
        nodeName: 'node-1',
        containers: [
          { name: 'wait', image: 'argoexec' },
          { name: 'build', image: 'alpine' },
          { name: 'test', image: 'alpine' },
        ],
        initContainers: [{ name: 'init', image: 'argoexec' }],
      },
      status: { phase: 'Succeeded', containerStatuses: ['wait', 'build', 'test'].map(running), initContainerStatuses: [running('init')] },
    });
    const uid = pod.metadata.uid as string;
    for (const c of ['build', 'test']) {
      t.emu.logs.append(uid, c, 0, `${c}: step 1`, now);
      t.emu.logs.end(uid, c, 0);
    }
    const session = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'cs' },
      flushMs: 10,
      tuning: { sleep: shortSleep },
    });
    try {
      session.start();
      await session.whenSettled();
      assert.deepEqual(session.info.containers, ['build', 'test', 'wait', 'init']);
      assert.deepEqual(
        session.store.toArray().map((l) => l.text),
        ['build: step 1'],
      );
      session.setContainer('test');
      await waitFor(() => session.stepViews()[0]?.status.kind === 'ended', 'the test container');
      assert.deepEqual(
        session.store.toArray().map((l) => l.text),
        ['test: step 1'],
      );
    } finally {
      session.dispose();
    }
  });

  it('a retry node shows its latest attempt', { timeout: 20_000 }, async () => {
    t.emu.controller.script('flaky', (ctx) => ({
      lines: [`attempt ${ctx.retries}`],
      intervalMs: 100,
      durationMs: 200,
      pendingMs: 100,
      initMs: 100,
      exitCode: ctx.retries === 0 ? 1 : 0,
    }));
    t.emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'retry' },
      spec: { entrypoint: 'flaky', templates: [{ name: 'flaky', retryStrategy: { limit: 2 }, container: { image: 'alpine' } }] },
    });
    t.emu.manualClock.advance(0);
    for (let i = 0; i < 30 && podsOf(t.emu, 'retry').length < 2; i++) t.emu.manualClock.advance(200);
    t.emu.manualClock.advance(2000);
    const wf = t.emu.store.get(wfDef, 'argo', 'retry');
    const nodes = (wf?.status as { nodes: Record<string, { id: string; type: string }> }).nodes;
    const retryNode = Object.values(nodes).find((n) => n.type === 'Retry');
    assert.ok(retryNode, 'a Retry node');
    const session = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'retry', nodeId: retryNode.id },
      flushMs: 10,
      tuning: { sleep: shortSleep },
    });
    try {
      session.start();
      await waitFor(() => session.info.focusPod !== undefined && session.stepViews().some((s) => s.status.kind === 'ended'), 'the latest attempt');
      assert.deepEqual(
        session.store
          .toArray()
          .filter((l) => !l.notice)
          .map((l) => l.text),
        ['attempt 1'],
      );
      assert.equal(session.info.streamAll, false);
    } finally {
      session.dispose();
    }
  });

  it('a workflow that does not exist says so', async () => {
    const session = new LogSession({ source: t.source, pods: t.pods, target: { namespace: 'argo', workflowName: 'nope' }, flushMs: 10 });
    try {
      session.start();
      await waitFor(() => session.store.size === 1, 'the notice');
      assert.equal(session.store.at(0).text, 'Workflow nope was not found in namespace argo (context argo-studio-emulator).');
      assert.equal(session.store.at(0).notice, 'error');
    } finally {
      session.dispose();
    }
  });
  it('a step whose pod is not on a node yet says it waits to be scheduled, then shows its lines', { timeout: 20_000 }, async () => {
    t.emu.controller.script('late', { lines: ['scheduled at last'], intervalMs: 100, durationMs: 300, scheduleMs: 3000, pendingMs: 100, initMs: 100 });
    t.emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'unscheduled' },
      spec: {
        entrypoint: 'main',
        templates: [
          { name: 'main', steps: [[{ name: 'late-step', template: 'late' }]] },
          { name: 'late', container: { image: 'alpine' } },
        ],
      },
    });
    t.emu.manualClock.advance(0);
    const session = new LogSession({
      source: t.source,
      pods: t.pods,
      target: { namespace: 'argo', workflowName: 'unscheduled' },
      flushMs: 10,
      tuning: { sleep: shortSleep, idleCheckMs: 60_000 },
      onUpdate: () => undefined,
    });
    try {
      session.start();
      await waitFor(() => session.stepViews()[0]?.status.kind === 'scheduling', 'the step waiting for a node');
      for (let i = 0; i < 40 && !session.info.done; i++) {
        t.emu.manualClock.advance(200);
        await tick(20);
      }
      await session.whenSettled();
      // (the container may or may not still be starting when the pod is bound: that notice is optional)
      assert.deepEqual(
        session.store
          .toArray()
          .map((l) => `${l.notice ?? 'line'}:${l.text}`)
          .filter((l) => !l.startsWith('info:Waiting for container main to start')),
        ['info:Waiting for step late-step to be scheduled…', 'line:scheduled at last'],
      );
    } finally {
      session.dispose();
    }
  });
});
