// Fidelity: the machine's real kubectl (the Google Cloud SDK dispatcher, which runs the client matching
// the server's /version minor) against the emulator over HTTPS with token auth.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { startEmulator, type Emulator } from './emulator/start.js';
import { podName } from './controller/node-ids.js';
import { killAll, run, start, type RunResult } from './helpers/processes.js';
import { sharedArgoSkip } from '../helpers/paths';
import { kubectlSkip, skipReasons } from '../helpers/tools';

const example = resolve(__dirname, '../../../shared/argo/examples/dag-diamond.yaml');

for (const minor of ['30', '33']) {
  describe(`kubectl 1.${minor} against the emulator`, { skip: skipReasons(sharedArgoSkip(), kubectlSkip()) }, () => {
    let emu: Emulator | undefined;
    const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
    after(async () => {
      killAll();
      await emu?.stop();
      rmSync(cache, { recursive: true, force: true });
    });
    const kubectl = (args: string[], timeoutMs = 20_000): Promise<RunResult> =>
      run('kubectl', ['--kubeconfig', emu?.kubeconfigPath ?? '', '--cache-dir', cache, ...args], { timeoutMs });
    const kubectlStart = (args: string[]): ReturnType<typeof start> =>
      start('kubectl', ['--kubeconfig', emu?.kubeconfigPath ?? '', '--cache-dir', cache, ...args], { timeoutMs: 20_000 });

    it('version, create, get -o json, get -w, get pods -l, logs -f, delete', { timeout: 60_000 }, async () => {
      emu = await startEmulator({ tls: true, kubectlMinor: minor });
      emu.controller.script('echo', (ctx) => ({
        lines: [1, 2, 3].map((i) => `${ctx.nodeName.split('.').pop()} line ${i}`),
        intervalMs: 1000,
        durationMs: 3000,
      }));

      const version = await kubectl(['version', '-o', 'json']);
      assert.equal(version.code, 0, version.stderr);
      const v = JSON.parse(version.stdout) as { clientVersion: { minor: string }; serverVersion: { minor: string } };
      assert.equal(v.clientVersion.minor, minor, 'the dispatcher picked the client matching /version');
      assert.equal(v.serverVersion.minor, minor);

      const created = await kubectl(['create', '-f', example]);
      assert.equal(created.code, 0, created.stderr);
      const m = /^workflow\.argoproj\.io\/(dag-diamond-[a-z0-9]{5}) created\n$/.exec(created.stdout);
      assert.ok(m, created.stdout);
      const name = m[1];
      assert.ok(
        emu.requests.some((r) => r.method === 'POST' && r.query.fieldValidation === 'Strict'),
        'kubectl trusted server-side validation (openapi v3)',
      );

      const listed = await kubectl(['get', 'workflows', '-o', 'json']);
      assert.equal(listed.code, 0, listed.stderr);
      const list = JSON.parse(listed.stdout) as { items: { metadata: { name: string }; status?: { phase?: string } }[] };
      assert.deepEqual(
        list.items.map((i) => i.metadata.name),
        [name],
      );
      assert.equal(list.items[0].status, undefined, 'not yet seen by the controller');

      const watch = kubectlStart(['get', 'wf', name, '-w']);
      await watch.waitFor(new RegExp(`${name}\\s`));

      emu.manualClock.advance(1000 + 200 + 10); // ContainerCreating, init, then main of A runs
      const podA = podName(name, `${name}.A`, 'echo');
      const pods = await kubectl(['get', 'pods', '-l', `workflows.argoproj.io/workflow=${name}`]);
      assert.equal(pods.code, 0, pods.stderr);
      assert.match(pods.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
      assert.match(pods.stdout, new RegExp(`^${podA}\\s+2/2\\s+Running\\s+0\\s+`, 'm'));

      const logs = kubectlStart(['logs', '-f', podA, '-c', 'main']);
      await logs.waitFor(/A line 1\n/);
      emu.controller.runToCompletion(name);
      const logsDone = await logs.exited;
      assert.equal(logsDone.code, 0, logsDone.stderr);
      assert.equal(logsDone.stdout, 'A line 1\nA line 2\nA line 3\n');

      await watch.waitFor(/Succeeded/);
      assert.equal(emu.faults.endWatches(), 1);
      const watched = await watch.exited;
      assert.equal(watched.code, 0, watched.stderr);
      const rows = watched.stdout.trim().split('\n');
      assert.match(rows[0], /^NAME\s+STATUS\s+AGE\s+MESSAGE$/);
      assert.ok(
        rows.some((r) => new RegExp(`^${name}\\s+Running`).test(r)),
        watched.stdout,
      );
      assert.match(rows[rows.length - 1], new RegExp(`^${name}\\s+Succeeded`));

      const done = await kubectl(['get', 'pods', '-l', `workflows.argoproj.io/workflow=${name}`, '-o', 'name']);
      assert.equal(done.stdout.trim().split('\n').length, 4);
      const phase = await kubectl(['get', 'wf', name, '-o', 'jsonpath={.status.phase} {.status.progress}']);
      assert.equal(phase.stdout, 'Succeeded 4/4');

      const missing = await kubectl(['logs', 'no-such-pod', '-c', 'main']);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /pods "no-such-pod" not found/);

      const deleted = await kubectl(['delete', 'wf', name]);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.equal(deleted.stdout, `workflow.argoproj.io "${name}" deleted\n`);
      const gone = await kubectl(['get', 'pods', '-l', `workflows.argoproj.io/workflow=${name}`]);
      assert.equal(gone.code, 0);
      assert.match(gone.stderr, /No resources found in argo namespace/);
      const other = await kubectl(['--context', emu.otherContextName, 'get', 'wf']);
      assert.match(other.stderr, /No resources found in other namespace/);
    });

    it('a bad token gets 401 Unauthorized', { timeout: 30_000 }, async () => {
      assert.ok(emu);
      const cmd = await run(
        'kubectl',
        ['--server', emu.url, '--token', 'wrong', '--certificate-authority', join(emu.tempDir, 'server.crt'), '--cache-dir', cache, 'get', 'wf', '-n', 'argo'],
        { timeoutMs: 20_000 },
      );
      assert.equal(cmd.code, 1);
      assert.match(cmd.stderr, /Unauthorized|You must be logged in/);
    });
  });
}
