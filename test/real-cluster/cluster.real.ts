// The real cluster itself (npm run test:real-cluster): the kubeconfig's contexts (token, client
// certificate, a user without RBAC), the fake kubelet's containerLogs through the real apiserver with
// the log options, orphaned pods deleted, and the argo CLI of the same build.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { kubeJson, KubeTransport, type ClusterError } from '../../client/src/cluster';
import { argoCliPath, argoCliSkip, realClusterSkip } from './binaries';
import { startRealCluster, type RealCluster } from './cluster';
import { waitUntil } from './wait';

const run = promisify(execFile);

describe('real cluster', { skip: realClusterSkip(), timeout: 300_000 }, () => {
  let c: RealCluster;
  before(async () => {
    c = await startRealCluster();
  });
  after(async () => {
    await c?.stop();
  });

  const open = (context: string): KubeTransport => KubeTransport.open({ files: [c.kubeconfigPath], origin: 'setting' }, context, c.namespace);

  it('contexts: token and client certificate are admins; the RBAC-less user gets 403', async () => {
    for (const ctx of [c.contexts.token, c.contexts.cert]) {
      const list = await kubeJson<{ items: unknown[] }>(open(ctx), 'GET', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows');
      assert.ok(Array.isArray(list.items), ctx);
    }
    const err = await kubeJson(open(c.contexts.noRbac), 'GET', '/api/v1/namespaces/argo/pods').then(
      () => assert.fail('expected 403'),
      (e: unknown) => e as ClusterError,
    );
    assert.equal(err.status, 403);
  });

  it('a workflow runs; its log through the apiserver honours tailLines, timestamps, limitBytes; previous is refused', async () => {
    c.kubelet.script('talk', { lines: ['l1', 'l2', 'l3'], intervalMs: 50 });
    await c.admin.must('POST', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'talker' },
      spec: { entrypoint: 'talk', templates: [{ name: 'talk', container: { image: 'alpine', command: ['true'] } }] },
    });
    await waitUntil('talker to succeed', 60_000, async () => {
      const r = await c.admin.request('GET', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/talker');
      return (r.body as { status?: { phase?: string } }).status?.phase === 'Succeeded';
    });
    const log = async (q: string): Promise<{ status: number; text: string; body: unknown }> =>
      c.admin.request('GET', `/api/v1/namespaces/argo/pods/talker/log?container=main&${q}`);
    assert.deepEqual(await log(''), { ...(await log('')), status: 200, text: 'l1\nl2\nl3\n' });
    assert.equal((await log('tailLines=1')).text, 'l3\n');
    assert.match((await log('timestamps=true&tailLines=1')).text, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z l3\n$/);
    assert.equal((await log('limitBytes=4')).text, 'l1\nl');
    const prev = await log('previous=true');
    assert.equal(prev.status, 400);
    assert.equal((prev.body as { message?: string }).message, 'previous terminated container "main" in pod "talker" not found');
  });

  it('pods of a deleted workflow are deleted (there is no garbage collector)', async () => {
    c.kubelet.script('sleeper', { lines: [], durationMs: 600_000 });
    await c.admin.must('POST', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { name: 'orphaner' },
      spec: { entrypoint: 'sleeper', templates: [{ name: 'sleeper', container: { image: 'alpine', command: ['sleep', '600'] } }] },
    });
    const podGone = async (): Promise<boolean> => (await c.admin.request('GET', '/api/v1/namespaces/argo/pods/orphaner')).status === 404;
    await waitUntil('the pod', 60_000, async () => !(await podGone()));
    await c.admin.must('DELETE', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/orphaner');
    await waitUntil('the orphaned pod to be deleted', 60_000, podGone);
  });

  it('the argo CLI of the same build: `argo lint --offline` accepts a valid Workflow and rejects an unknown template', { skip: argoCliSkip() }, async () => {
    const argo = argoCliPath() ?? 'argo';
    const { stdout } = await run(argo, ['version', '--short'], { timeout: 30_000 });
    assert.match(stdout, /v4\.0\.5/);
    const dir = mkdtempSync(join(tmpdir(), 'argo-lint-'));
    try {
      const wf = (template: string): string =>
        `apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    steps: [[{name: a, template: ${template}}]]\n  - name: echo\n    container: {image: alpine, command: [echo]}\n`;
      writeFileSync(join(dir, 'good.yaml'), wf('echo'));
      writeFileSync(join(dir, 'bad.yaml'), wf('ecko'));
      await run(argo, ['lint', '--offline', join(dir, 'good.yaml')], { timeout: 60_000 });
      const bad = await run(argo, ['lint', '--offline', join(dir, 'bad.yaml')], { timeout: 60_000 }).then(
        () => assert.fail('argo lint should reject bad.yaml'),
        (e: unknown) => e as { code: number; stdout: string; stderr: string },
      );
      assert.notEqual(bad.code, 0);
      assert.match(`${bad.stdout}${bad.stderr}`, /ecko/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
