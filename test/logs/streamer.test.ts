/**
 * The container log streamer against the API emulator: waiting for ContainerCreating, exact resume
 * after drops (bursts sharing one timestamp, repeated lines), a pod deleted mid-stream (with the
 * archived main-logs location), 401/403 explained, 503 retried.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { LogSource } from '../../client/src/logs/log-source';
import { ContainerStream, type StreamEnd, type StreamLine } from '../../client/src/logs/container-stream';
import type { StepStatus } from '../../client/src/logs/log-types';
import { podDef, shortSleep, startLogEmulator, tick, waitFor, wfDef, type LogEmulator } from './helpers';

describe('container log streamer (emulator)', () => {
  let t: LogEmulator;
  let n = 0;
  before(async () => {
    t = await startLogEmulator();
    t.emu.controller.script('talk', { lines: ['a', 'b', 'c'], intervalMs: 100, durationMs: 1000, pendingMs: 1000, initMs: 200 });
    t.emu.controller.script('forever', { lines: [], durationMs: 3_600_000, pendingMs: 100, initMs: 100 });
    t.emu.controller.script('stuck', { lines: [], stuckReason: 'ImagePullBackOff', pendingMs: 100 });
    // Real apiservers answer 204 for a pod not bound to a node, and 404 while its kubelet has not admitted it.
    t.emu.controller.script('unscheduled', { lines: ['x', 'y'], intervalMs: 100, durationMs: 1000, scheduleMs: 60_000, pendingMs: 100, initMs: 100 });
    t.emu.controller.script('unadmitted', { lines: ['x', 'y'], intervalMs: 100, durationMs: 1000, admitMs: 60_000, pendingMs: 100, initMs: 100 });
  });
  after(async () => {
    await t?.stop();
  });

  /** A one-pod workflow (the root node is the pod, named after the workflow). */
  function run(template: 'talk' | 'forever' | 'stuck' | 'unscheduled' | 'unadmitted'): string {
    const name = `s-${template}-${n++}`;
    t.emu.apply({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name },
      spec: { entrypoint: template, templates: [{ name: template, container: { image: 'alpine' } }] },
    });
    t.emu.manualClock.advance(0);
    return name;
  }

  function stream(
    pod: string,
    extra: Partial<ConstructorParameters<typeof ContainerStream>[0]> = {},
  ): { s: ContainerStream; lines: StreamLine[]; statuses: StepStatus[]; end: Promise<StreamEnd> } {
    const lines: StreamLine[] = [];
    const statuses: StepStatus[] = [];
    const s = new ContainerStream({
      source: t.source,
      namespace: 'argo',
      pod,
      container: 'main',
      workflowName: pod,
      nodeId: pod,
      sleep: shortSleep,
      idleCheckMs: 60_000,
      onLines: (l) => lines.push(...l),
      onStatus: (st) => statuses.push(st),
      ...extra,
    });
    return { s, lines, statuses, end: s.start() };
  }

  it('ContainerCreating for 3 tries, then the logs', async () => {
    const pod = run('talk');
    let sleeps = 0;
    const r = stream(pod, {
      sleep: async (ms, signal) => {
        sleeps++;
        if (sleeps === 3) t.emu.manualClock.advance(1200); // init done, main running, 'a' printed
        await shortSleep(ms, signal);
      },
    });
    await waitFor(() => r.statuses.some((s) => s.kind === 'streaming'), 'the stream to open');
    t.emu.manualClock.advance(1000);
    const end = await r.end;
    assert.deepEqual(
      r.statuses.map((s) => (s.kind === 'waiting' ? `waiting ${s.reason} #${s.attempt}` : s.kind)),
      ['connecting', 'waiting ContainerCreating #1', 'waiting ContainerCreating #2', 'waiting ContainerCreating #3', 'streaming', 'ended'],
    );
    assert.deepEqual(
      r.lines.map((l) => l.text),
      ['a', 'b', 'c'],
    );
    assert.deepEqual([end.reason, end.message, end.exitCode], ['completed', 'main completed', 0]);
    assert.equal(r.s.resumes, 0);
  });

  for (const [template, answer] of [
    ['unscheduled', '204 No Content'],
    ['unadmitted', '404 from a kubelet that does not know the pod yet'],
  ] as const) {
    it(`a pod not on a node yet (${answer}) is waited for, past maxFailures, then streamed`, async () => {
      const pod = run(template);
      let sleeps = 0;
      const r = stream(pod, {
        maxFailures: 3,
        sleep: async (ms, signal) => {
          // Ten rounds with no node (more than maxFailures), then the pod is scheduled and runs.
          if (++sleeps === 10) t.emu.manualClock.advance(60_000 + 300);
          await shortSleep(ms, signal);
        },
      });
      await waitFor(() => r.lines.length === 2, 'the lines once the pod runs');
      t.emu.manualClock.advance(2000);
      const end = await r.end;
      assert.deepEqual([end.reason, end.message], ['completed', 'main completed']);
      const kinds = r.statuses.map((s) => s.kind);
      assert.deepEqual(kinds.slice(0, 2), ['connecting', 'scheduling']);
      assert.ok(kinds.filter((k) => k === 'scheduling').length >= 9, kinds.join(' '));
      assert.ok(!kinds.includes('reconnecting'), 'no failure streak while the pod waits for its node');
      const codes = t.emu.requests.filter((q) => q.path.endsWith(`/pods/${pod}/log`)).map((q) => q.status);
      assert.equal(codes[0], template === 'unscheduled' ? 204 : 404);
      assert.equal(codes[codes.length - 1], 200);
    });
  }

  it('a pod deleted while it waits for a node ends as deleted (204, then the pod is gone)', async () => {
    const pod = run('unscheduled');
    let sleeps = 0;
    const r = stream(pod, {
      sleep: async (ms, signal) => {
        if (++sleeps === 2) t.emu.store.delete(podDef, 'argo', pod);
        await shortSleep(ms, signal);
      },
    });
    const end = await r.end;
    assert.equal(end.reason, 'pod-deleted');
    assert.ok(r.statuses.some((s) => s.kind === 'scheduling'));
  });

  it('drops mid-stream (also inside one-timestamp bursts with repeated lines): every line exactly once, in order', async () => {
    const pod = run('forever');
    t.emu.manualClock.advance(200);
    const r = stream(pod);
    await waitFor(() => r.statuses.some((s) => s.kind === 'streaming'), 'the stream to open');
    const expected: string[] = [];
    for (let round = 0; round < 12; round++) {
      // a burst sharing one timestamp, with lines that repeat exactly
      const burst = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'same line' : `r${round} b${i}`));
      t.emu.controller.kubelet.appendLog('argo', pod, 'main', burst);
      expected.push(...burst);
      t.emu.manualClock.advance(150); // several bursts per second: resumes replay lines of the same second
      await waitFor(() => r.lines.length >= expected.length - 20, 'part of the burst');
      const opened = r.s.resumes;
      assert.equal(t.emu.faults.dropLogStreams(), 1);
      await waitFor(() => r.s.resumes > opened, 'the resume');
    }
    await waitFor(() => r.lines.length >= expected.length, 'all lines');
    t.emu.manualClock.advance(3_600_000);
    const end = await r.end;
    assert.equal(end.reason, 'completed');
    assert.deepEqual(
      r.lines.map((l) => l.text),
      expected,
    );
    assert.ok(r.s.resumes >= 12, `resumes ${r.s.resumes}`);
    assert.ok(r.s.deduplicated > 0, 'the replays were de-duplicated');
    const sinceTimes = t.emu.requests.filter((q) => q.path.endsWith(`/pods/${pod}/log`) && q.query.sinceTime !== undefined);
    assert.ok(sinceTimes.length >= 12, 'resumed with sinceTime');
    assert.ok(
      sinceTimes.every(
        (q) =>
          q.query.timestamps === 'true' &&
          q.query.follow === 'true' &&
          q.query.tailLines === undefined &&
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(q.query.sinceTime),
      ),
    );
  });

  it('a pod deleted mid-stream ends with a clear notice that names the archived main-logs', async () => {
    const pod = run('forever');
    t.emu.manualClock.advance(200);
    t.emu.controller.kubelet.appendLog('argo', pod, 'main', ['before delete 1', 'before delete 2']);
    t.emu.store.mutate(wfDef, 'argo', pod, (wf) => {
      const nodes = (wf.status as { nodes: Record<string, { outputs?: unknown }> }).nodes;
      nodes[pod].outputs = { artifacts: [{ name: 'main-logs', s3: { bucket: 'my-bucket', key: `${pod}/${pod}/main.log` } }] };
    });
    const r = stream(pod);
    await waitFor(() => r.lines.length === 2, 'the first lines');
    t.emu.store.delete(podDef, 'argo', pod);
    const end = await r.end;
    assert.equal(end.reason, 'pod-deleted');
    assert.equal(
      end.message,
      `Pod ${pod} was deleted: its logs end here. The archived logs (main-logs) are at s3://my-bucket/${pod}/${pod}/main.log; open them in the Argo UI or with \`argo logs\`.`,
    );
    assert.deepEqual(
      r.lines.map((l) => l.text),
      ['before delete 1', 'before delete 2'],
    );
    // A pod that is already gone: said so at once.
    const again = stream(pod);
    const end2 = await again.end;
    assert.equal(end2.reason, 'pod-deleted');
    assert.match(end2.message, /no longer exists/);
  });

  it('a connection that goes silent after the container ended is noticed and resumed (no hang, nothing lost)', async () => {
    const pod = run('talk');
    t.emu.manualClock.advance(1200);
    t.emu.manualClock.advance(1000); // 'a', 'b', 'c' printed, main has terminated
    let first = true;
    const silent: LogSource = {
      ...t.source,
      openLogStream: async (ns, p, q, o) => {
        if (!first) return t.source.openLogStream(ns, p, q, o);
        first = false;
        // A dead connection: one line arrives, then nothing, never an end.
        const fake = new Readable({ read: () => undefined }) as unknown as IncomingMessage & Readable;
        Object.assign(fake, { statusCode: 200, headers: {}, complete: false });
        fake.push('2025-01-01T00:00:00Z early\n');
        return { ok: true, value: fake };
      },
    };
    const r = stream(pod, { source: silent, idleCheckMs: 30 });
    const end = await r.end;
    assert.equal(end.reason, 'completed');
    assert.deepEqual(
      r.lines.map((l) => l.text),
      ['early', 'a', 'b', 'c'],
    );
    assert.equal(r.s.resumes, 1, 'the silent stream was dropped and resumed once');
  });

  it('a container that never starts (the pod failed while waiting) ends with the reason', async () => {
    const pod = run('stuck');
    t.emu.manualClock.advance(200);
    let sleeps = 0;
    const r = stream(pod, {
      sleep: async (ms, signal) => {
        if (++sleeps === 2) t.emu.store.mutate(podDef, 'argo', pod, (p) => ((p.status as { phase: string; message?: string }).phase = 'Failed'));
        await shortSleep(ms, signal);
      },
    });
    const end = await r.end;
    assert.equal(end.reason, 'never-started');
    assert.match(
      end.message,
      new RegExp(`^Container main of pod ${pod} never started \\((ContainerCreating|PodInitializing|ImagePullBackOff)\\); the pod is Failed`),
    );
    assert.ok(r.statuses.filter((s) => s.kind === 'waiting').length >= 2);
  });

  it("403 Forbidden and 401 Unauthorized in the cluster's words; 503 is retried (Retry-After)", async () => {
    const pod = run('forever');
    t.emu.manualClock.advance(200);
    t.emu.controller.kubelet.appendLog('argo', pod, 'main', ['x']);
    t.emu.auth.deny({ resource: 'pods/log' });
    const forbidden = await stream(pod).end;
    t.emu.auth.clearDenies();
    assert.equal(forbidden.reason, 'forbidden');
    assert.equal(
      forbidden.message,
      'Forbidden (403): you may not get pods/log in namespace "argo". Ask a cluster admin for RBAC permission to get pods/log (check with: kubectl auth can-i get pods/log -n argo).',
    );

    t.emu.faults.failNext({ pathRegex: /\/log\?/, status: 503, retryAfterSeconds: 0, times: 2 });
    const retried = stream(pod);
    await waitFor(() => retried.lines.length === 1, 'the line after two 503s');
    assert.deepEqual(
      retried.statuses.filter((s) => s.kind === 'reconnecting').map((s) => s.kind === 'reconnecting' && s.attempt),
      [1, 2],
    );
    retried.s.stop();
    assert.equal((await retried.end).reason, 'stopped');

    const stale = readFileSync(t.emu.kubeconfigPath, 'utf8');
    t.emu.rotateToken();
    writeFileSync(t.emu.kubeconfigPath, stale); // the file still has the revoked token: reloading does not help
    const unauthorized = await stream(pod).end;
    assert.equal(unauthorized.reason, 'unauthorized');
    assert.equal(
      unauthorized.message,
      `Unauthorized (401): the API server at ${t.emu.url} rejected the credentials of context "argo-studio-emulator", also after reloading them. Log in again (refresh the token or re-run your cloud CLI login), then run "Argo: Reconnect to Cluster".`,
    );
    assert.doesNotMatch(unauthorized.message, new RegExp(t.emu.token));
    t.emu.rotateToken(); // a valid kubeconfig again: the transport reloads it on the next 401
    const ok = stream(pod);
    await waitFor(() => ok.lines.length === 1, 'the line with the new token');
    ok.s.stop();
    await ok.end;
    await tick();
  });
});
