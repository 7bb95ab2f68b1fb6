// @kubernetes/client-node is ESM-only: the cluster modules must still work once esbuild bundles them
// to CommonJS the way scripts/build.mjs bundles the extension (a plain Node process, no tsx).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { startTestCluster, type TestCluster } from './helpers/cluster';

describe('bundled cluster client', () => {
  let c: TestCluster;
  let dir: string;
  before(async () => {
    c = await startTestCluster();
    c.emu.controller.pause();
    dir = mkdtempSync(join(tmpdir(), 'argo-bundle-'));
  });
  after(async () => {
    await c.emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists and watches from a CJS bundle', { timeout: 60_000 }, async () => {
    c.emu.apply('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: bundled}\nspec: {entrypoint: main}\n');
    const out = join(dir, 'entry.js');
    await build({
      entryPoints: [join(process.cwd(), 'test/client/helpers/bundle-entry.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
      external: ['vscode'],
    });
    const { stdout } = await promisify(execFile)(process.execPath, [out, c.emu.kubeconfigPath], { timeout: 20_000 });
    assert.deepEqual(JSON.parse(stdout), { context: 'argo-studio-emulator', namespace: 'argo', workflows: ['argo/bundled'] });
  });
});
