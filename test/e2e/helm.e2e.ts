/**
 * Helm journey (issue 17) in real VS Code (code-server + headless Chromium): a chart template with
 * Helm's template actions (values, an include with nindent, an if block, an escaped Argo variable)
 * and one planted misspelled dependency. No false problems: one error, squiggled under the typo on
 * its template line; the first line's hover names the mode; Argo: Open Graph draws the DAG.
 * Rendered mode with the real Helm of scripts/helm-setup.sh (CI builds it: .ci/helm.sh); without
 * it (outside CI) the masked mode.
 *
 * Run alone: node --import tsx --test --test-reporter=spec test/e2e/helm.e2e.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journey, REPO, seconds, startSession, waitFor, type Session } from './harness';
import {
  clickText,
  errorCount,
  findWebview,
  graphNodes,
  hoverText,
  openFile,
  openProblemsPanel,
  problemRows,
  runCommand,
  statusProblems,
  textRect,
} from './vscode';
import { HELM_BIN } from '../helpers/tools';

const CHART = join(REPO, 'test', 'fixtures', 'helm', 'typo-chart');
const chartFile = (name: string): string => readFileSync(join(CHART, name), 'utf8');
const rendered = existsSync(HELM_BIN) || process.env.CI === 'true';

let session: Session | undefined;

describe('Argo Studio on a Helm chart in VS Code', { concurrency: 1 }, () => {
  before(
    async () => {
      session = await startSession({ results: 'helm' });
    },
    { timeout: 25 * 60_000 },
  );
  after(async () => {
    await session?.stop();
    session = undefined;
  });

  test(
    `helm journey (${rendered ? 'rendered by Helm' : 'masked: no Helm'}): no false problems, the typo underlined on its template line, the graph opens`,
    { timeout: 240_000 },
    async () => {
      if (!session) throw new Error('the e2e session did not start (see the error of the "before" hook above)');
      const wb = await session.openWorkspace('helm-typo', {
        'Chart.yaml': chartFile('Chart.yaml'),
        'values.yaml': chartFile('values.yaml'),
        'templates/_helpers.tpl': chartFile('templates/_helpers.tpl'),
        'templates/pipeline.yaml': chartFile('templates/pipeline.yaml'),
        '.vscode/settings.json': JSON.stringify({ 'argoStudio.helm.path': rendered ? HELM_BIN : 'off' }),
      });
      const { page } = wb;
      const j = new Journey('helm', 'helm journey', page);
      try {
        await j.step('open templates/pipeline.yaml', async () => {
          await page
            .locator('.explorer-folders-view .monaco-list-row')
            .filter({ hasText: /^\s*templates\s*$/ })
            .first()
            .click();
          await openFile(page, 'pipeline.yaml');
        });

        await j.step('one error, squiggled under "resise"', async () => {
          await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
          await waitFor('the status bar to count 1 error', async () => (await errorCount(page)) === 1, { describe: () => statusProblems(page) });
          // Lines move while CodeLenses arrive: the word and the squiggle are measured together until they agree.
          const squiggles = async (): Promise<{ x: number; y: number; width: number; height: number }[]> =>
            page.locator('.monaco-editor .squiggly-error').evaluateAll((els) =>
              els.map((e) => {
                const r = (e as unknown as { getBoundingClientRect(): { left: number; top: number; width: number; height: number } }).getBoundingClientRect();
                return { x: r.left, y: r.top, width: r.width, height: r.height };
              }),
            );
          await waitFor(
            'one error squiggle, under "resise"',
            async () => {
              const word = await textRect(page, { contains: 'depends: "resise"', sub: 'resise' });
              const all = await squiggles();
              const s = all[0];
              return (
                word !== undefined &&
                all.length === 1 &&
                s.y < word.y + word.height &&
                s.y + s.height > word.y &&
                s.x < word.x + word.width &&
                s.x + s.width > word.x
              );
            },
            {
              timeoutMs: 20_000,
              describe: async () =>
                `squiggles ${JSON.stringify(await squiggles())}, word ${JSON.stringify(await textRect(page, { contains: 'depends: "resise"', sub: 'resise' }))}`,
            },
          );
        });

        await j.step('the Problems panel: unknown-dependency on line 20 of the template, nothing else', async () => {
          await openProblemsPanel(page);
          const rows = await waitFor(
            'the problem row',
            async () => {
              const r = (await problemRows(page)).filter((t) => /unknown-dependency/.test(t));
              return r.length ? r : undefined;
            },
            { describe: async () => (await problemRows(page)).join(' | ') || 'no rows' },
          );
          assert.equal(rows.length, 1, rows.join(' | '));
          assert.match(rows[0], /"resise" is not a task of DAG template "main"/);
          assert.match(rows[0], /\[Ln 20, Col 19\]/);
          assert.equal((await problemRows(page)).filter((t) => /\[Ln \d+/.test(t)).length, 1, (await problemRows(page)).join(' | '));
        });

        await j.step(`the hover of the first line says ${rendered ? 'rendered' : 'masked'} mode`, async () => {
          await hoverText(page, { contains: 'apiVersion: argoproj.io/v1alpha1', sub: 'apiVersion' });
          const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /Helm \((rendered|masked) mode\)/ });
          await waitFor('the hover to name the Helm mode', async () => (await hover.count()) > 0, {
            timeoutMs: 20_000,
            describe: async () => (await page.locator('.monaco-hover').allInnerTexts()).join(' | ') || 'no hover',
          });
          assert.match(await hover.first().innerText(), rendered ? /rendered mode/ : /masked mode/);
          await page.keyboard.press('Escape');
        });

        await j.step('Argo: Open Graph draws the DAG of the template', async () => {
          await clickText(page, { contains: 'entrypoint: main' }, 'end');
          await runCommand(page, 'Argo: Open Graph');
          const frame = await findWebview(page, 'svg.argo-graph g.node', 45_000);
          const names = await waitFor(
            'the nodes fetch, resize, upload',
            async () => {
              const n = (await graphNodes(frame)).map((x) => x.name).sort();
              return ['fetch', 'resize', 'upload'].every((x) => n.includes(x)) ? n : undefined;
            },
            { describe: async () => JSON.stringify(await graphNodes(frame)) },
          );
          assert.ok(names.includes('upload'));
        });
      } finally {
        process.stderr.write(`helm journey: ${seconds(j.elapsed())} (${j.timings.map((t) => `${t.step} ${seconds(t.ms)}`).join(', ')})\n`);
        await wb.close();
      }
    },
  );
});
