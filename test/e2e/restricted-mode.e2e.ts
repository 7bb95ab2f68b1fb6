/**
 * Restricted Mode in real VS Code: with workspace trust on, a new folder opens untrusted. The extension
 * must still start (package.json capabilities.untrustedWorkspaces: limited) with its diagnostics and
 * graph, and must not connect to the cluster (connecting can run the kubeconfig's exec plugins): the
 * API emulator must see no request until the user trusts the folder.
 * Run: npm run test:e2e (this file has a session of its own; results are prefixed "rm").
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Journey, REPO, seconds, startSession, waitFor, type Session } from './harness';
import { errorCount, findWebview, graphNodes, openFile, runCommand, statusProblems } from './vscode';

const TYPO = readFileSync(join(REPO, 'test', 'fixtures', 'seed', 'image-pipeline-typo.yaml'), 'utf8');

let session: Session | undefined;

describe('Argo Studio in Restricted Mode (workspace trust on)', { concurrency: 1 }, () => {
  before(
    async () => {
      const t0 = Date.now();
      session = await startSession({ results: 'rm', workspaceTrust: true });
      process.stderr.write(`e2e: restricted-mode setup ${seconds(Date.now() - t0)}\n`);
    },
    { timeout: 25 * 60_000 },
  );

  after(
    async () => {
      await session?.stop();
      session = undefined;
    },
    { timeout: 60_000 },
  );

  test('journey R: an untrusted folder gets diagnostics and the graph, and no cluster connection until trusted', { timeout: 240_000 }, async () => {
    if (!session) throw new Error('the e2e session did not start (see the error of the "before" hook above)');
    const s = session;
    const wb = await s.openWorkspace('rm-untrusted', { 'image-pipeline.yaml': TYPO });
    const { page } = wb;
    const j = new Journey('rm', 'journey R (Restricted Mode)', page);
    // The extension's status bar item (DOM id: <extension id>.<item id>).
    const argoItem = page.locator('[id$="argoStudio.cluster"]');
    try {
      await j.step('the folder opens in Restricted Mode and the extension says why the cluster is off', async () => {
        await openFile(page, 'image-pipeline.yaml');
        await waitFor('the Argo status bar item to say Restricted Mode', async () => (await argoItem.innerText().catch(() => '')).includes('Restricted Mode'), {
          timeoutMs: 60_000,
          describe: async () => (await page.locator('.statusbar-item').allInnerTexts()).join(' | '),
        });
      });

      await j.step('diagnostics: the misspelled dependency is squiggled and counted', async () => {
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 45_000 });
        await waitFor('the status bar to count 1 error', async () => (await errorCount(page)) === 1, { describe: () => statusProblems(page) });
      });

      await j.step('Argo: Open Graph draws the DAG beside the editor', async () => {
        await page
          .locator('.editor-instance .monaco-editor .view-lines')
          .first()
          .click({ position: { x: 5, y: 5 } });
        await runCommand(page, 'Argo: Open Graph');
        const frame = await findWebview(page, 'svg.argo-graph g.node', 45_000);
        await waitFor('4 task nodes', async () => (await graphNodes(frame)).length === 4, { describe: async () => JSON.stringify(await graphNodes(frame)) });
      });
      await j.picture('restricted-mode');

      await j.step('no request reached the cluster', async () => {
        assert.deepEqual(
          s.emu.requests.map((r) => `${r.method} ${r.path}`).slice(0, 5),
          [],
          'the extension talked to the API server from an untrusted workspace',
        );
      });

      await j.step('trusting the folder (Manage Workspace Trust from the Argo item) connects', async () => {
        await argoItem.first().click();
        await runQuickPick(page, 'Manage Workspace Trust');
        const trust = page.locator('.workspace-trust-editor .monaco-button').filter({ hasText: /^\s*Trust\s*$/ });
        await trust.first().waitFor({ timeout: 20_000 });
        await trust.first().click();
        await waitFor('the extension to reach the API server', async () => s.emu.requests.length > 0, { timeoutMs: 30_000 });
        await waitFor('the Argo status bar item to show the context', async () => /argo-studio-emulator/.test(await argoItem.innerText().catch(() => '')), {
          timeoutMs: 30_000,
          describe: async () => (await page.locator('.statusbar-item').allInnerTexts()).join(' | '),
        });
      });
    } finally {
      await wb.close();
    }
  });
});

/** Picks the row of the open quick pick that contains `text`. */
async function runQuickPick(page: Page, text: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: text });
  await row.first().waitFor({ timeout: 15_000 });
  await row.first().click();
}
