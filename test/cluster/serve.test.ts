// serve.ts runs the emulator as a separate process with the real clock; a workflow runs to completion.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';
import { killAll, start } from './helpers/processes.js';

interface Kubeconfig {
  clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { user: { token: string } }[];
}

function call(kc: Kubeconfig, method: string, path: string, body?: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const c = kc.clusters[0].cluster;
  return new Promise((resolvePromise, reject) => {
    const payload = body ? JSON.stringify(body) : undefined;
    const req = request(
      new URL(path, c.server),
      {
        method,
        ca: Buffer.from(c['certificate-authority-data'], 'base64'),
        headers: { Authorization: `Bearer ${kc.users[0].user.token}`, 'Content-Type': 'application/json' },
        timeout: 5000,
      },
      (res) => {
        let text = '';
        res
          .setEncoding('utf8')
          .on('data', (d: string) => (text += d))
          .on('end', () => resolvePromise({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

describe('serve.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  after(() => {
    killAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON line, serves HTTPS with a real clock, stops on SIGTERM', { timeout: 60_000 }, async () => {
    const kcPath = join(dir, 'kc.yaml');
    const proc = start(process.execPath, ['--import', 'tsx', resolve(__dirname, 'serve.ts'), '--port', '0', '--kubeconfig', kcPath], { timeoutMs: 55_000 });
    const line = await proc.waitFor(/^\{.*\}\n/, 30_000);
    const info = JSON.parse(line) as { url: string; kubeconfigPath: string; pid: number };
    assert.match(info.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.kubeconfigPath, kcPath);
    assert.ok(!line.includes(parse(readFileSync(kcPath, 'utf8')).users[0].user.token), 'the token is not printed');
    const kc = parse(readFileSync(kcPath, 'utf8')) as Kubeconfig;
    const created = await call(kc, 'POST', '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'hello-' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox', command: ['echo', 'hi'] } }] },
    });
    assert.equal(created.status, 201);
    const name = (created.json.metadata as { name: string }).name;
    let phase = '';
    for (let i = 0; i < 100 && phase !== 'Succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const wf = await call(kc, 'GET', `/apis/argoproj.io/v1alpha1/namespaces/argo/workflows/${name}`);
      phase = (wf.json.status as { phase?: string } | undefined)?.phase ?? '';
    }
    assert.equal(phase, 'Succeeded');
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    assert.equal(exit.code, 0, exit.stderr);
  });
});
