/**
 * User journeys in real VS Code (code-server 4.100.3 + headless Chromium), one test each.
 * Run: npm run test:e2e   (screenshots of every step: test-results/e2e/)
 * Not part of `npm test` (scripts/run-tests.mjs only picks up *.test.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journey, REPO, seconds, startSession, themeSettings, waitFor, type Session } from './harness';
import {
  clickText,
  cursor,
  gotoLine,
  errorCount,
  findWebview,
  graphNodes,
  hoverText,
  lineOf,
  openFile,
  openProblemsPanel,
  problemRows,
  runCommand,
  statusProblems,
  suggestLabels,
  textRect,
  visibleLines,
  waitForText,
} from './vscode';
import { runJourneys } from './runs';

const SEED = join(REPO, 'test', 'fixtures', 'seed');
const seed = (name: string): string => readFileSync(join(SEED, name), 'utf8');

let session: Session | undefined;
const summary: string[] = [];

function report(j: Journey): void {
  summary.push(`${j.title}: ${seconds(j.elapsed())} (${j.timings.map((t) => `${t.step} ${seconds(t.ms)}`).join(', ')})`);
}

function requireSession(): Session {
  if (!session) throw new Error('the e2e session did not start (see the error of the "before" hook above)');
  return session;
}

describe('Argo Studio in VS Code (code-server + Chromium)', { concurrency: 1 }, () => {
  before(
    async () => {
      const t0 = Date.now();
      session = await startSession();
      summary.push(`setup (code-server, .vsix, emulator, Chromium): ${seconds(Date.now() - t0)}`);
    },
    { timeout: 25 * 60_000 },
  );

  after(
    async () => {
      await session?.stop();
      session = undefined;
      process.stderr.write(`e2e timings:\n  ${summary.join('\n  ')}\n`);
    },
    { timeout: 60_000 },
  );

  test('journey 1: a misspelled dependency is squiggled, listed with its rule code, and fixed from the light bulb', { timeout: 180_000 }, async () => {
    const wb = await requireSession().openWorkspace('j1-typo', { 'image-pipeline.yaml': seed('image-pipeline-typo.yaml'), ...themeSettings('dark') });
    const { page } = wb;
    const j = new Journey('j1', 'journey 1 (diagnostics and quick fix)', page);
    try {
      await j.step('open the pipeline with the misspelled dependency', () => openFile(page, 'image-pipeline.yaml'));

      await j.step('error squiggle under "resise"', async () => {
        await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 45_000 });
        const word = await waitForText(page, { contains: 'dependencies: [resise]', sub: 'resise' });
        const squiggles = await page.locator('.monaco-editor .squiggly-error').evaluateAll((els) =>
          els.map((e) => {
            const r = (e as unknown as { getBoundingClientRect(): { left: number; top: number; width: number; height: number } }).getBoundingClientRect();
            return { x: r.left, y: r.top, width: r.width, height: r.height };
          }),
        );
        const under = squiggles.filter((s) => s.y < word.y + word.height && s.y + s.height > word.y && s.x < word.x + word.width && s.x + s.width > word.x);
        assert.equal(squiggles.length, 1, `one error squiggle expected, found ${squiggles.length}`);
        assert.equal(under.length, 1, `the squiggle ${JSON.stringify(squiggles[0])} is not under "resise" ${JSON.stringify(word)}`);
        await waitFor('the status bar to count 1 error', async () => (await errorCount(page)) === 1, { describe: () => statusProblems(page) });
      });

      await j.step('Problems panel lists the message with its rule code', async () => {
        await openProblemsPanel(page);
        const rows = await waitFor(
          'a problem in the Problems panel',
          async () => {
            const r = (await problemRows(page)).filter((t) => t.includes('resise'));
            return r.length ? r : undefined;
          },
          { describe: async () => (await problemRows(page)).join(' | ') || 'no rows' },
        );
        assert.equal(rows.length, 1, rows.join(' | '));
        assert.match(rows[0], /"resise" is not a task of DAG template "pipeline"/);
        assert.match(rows[0], /unknown-dependency/, `rule code missing in: ${rows[0]}`);
        assert.match(rows[0], /Did you mean "resize"\?/);
        assert.match(rows[0], /\[Ln 26, Col 28\]/, `position missing in: ${rows[0]}`);
      });

      await j.step('light bulb offers the quick fix', async () => {
        await gotoLine(page, 26);
        await clickText(page, { contains: 'dependencies: [resise]', sub: 'resise' }, 'middle');
        // VS Code 1.100 draws the bulb in the gutter (codicon-gutter-lightbulb-*) or after the text
        // (.lightBulbWidget); with a preferred quick fix at the cursor it is the auto-fix bulb.
        const bulb = page.locator('.monaco-editor .codicon[class*="lightbulb" i][class*="fix" i]').filter({ visible: true });
        const menu = page.locator('.action-widget .monaco-list-row.action');
        const fix = menu.filter({ hasText: 'Change to "resize"' });
        await waitFor(
          'the light bulb menu to offer Change to "resize"',
          async () => {
            if ((await bulb.count()) === 0) return false;
            if ((await menu.count()) === 0) await bulb.first().click();
            await menu.first().waitFor({ timeout: 3000 });
            if ((await fix.count()) > 0) return true;
            await page.keyboard.press('Escape'); // a menu computed for an earlier cursor position
            return false;
          },
          {
            timeoutMs: 30_000,
            describe: async () =>
              `bulb classes: ${await bulb
                .first()
                .getAttribute('class')
                .catch(() => 'none')}; menu: ${(await menu.allInnerTexts()).join(' | ') || 'closed'}`,
          },
        );
      });

      await j.picture('quick-fix');

      await j.step('apply the quick fix: the problem disappears', async () => {
        // The menu holds the pointer while it is open (.context-view-pointerBlock): pick the row with the keyboard.
        const fix = page.locator('.action-widget .monaco-list-row.action').filter({ hasText: 'Change to "resize"' }).first();
        await waitFor(
          'Change to "resize" to be the focused menu row',
          async () => {
            if (/\bfocused\b/.test((await fix.getAttribute('class')) ?? '')) return true;
            await page.keyboard.press('ArrowDown');
            return false;
          },
          { timeoutMs: 5000 },
        );
        await page.keyboard.press('Enter');
        await waitForText(page, { contains: 'dependencies: [resize]', after: '- name: filter' });
        await waitFor('the error squiggle to disappear', async () => (await page.locator('.monaco-editor .squiggly-error').count()) === 0, {
          timeoutMs: 15_000,
        });
        await waitFor('the status bar to count no errors', async () => (await errorCount(page)) === 0, { describe: () => statusProblems(page) });
        await waitFor('the Problems panel to be empty', async () => (await problemRows(page)).length === 0, {
          describe: async () => (await problemRows(page)).join(' | '),
        });
        const lines = await visibleLines(page);
        assert.ok(!lines.some((l) => l.includes('resise')), 'the misspelling is still in the editor');
      });
    } finally {
      report(j);
      await wb.close();
    }
  });

  test('journey 2: completion after `template: ` lists the templates; hover on a reference shows its inputs', { timeout: 180_000 }, async () => {
    const wb = await requireSession().openWorkspace('j2-complete', { 'image-pipeline.yaml': seed('image-pipeline.yaml') });
    const { page } = wb;
    const j = new Journey('j2', 'journey 2 (completion and hover)', page);
    try {
      await j.step('open the pipeline', async () => {
        await openFile(page, 'image-pipeline.yaml');
        // The language server is up once the Argo CodeLens / graph action is there; wait for the first analysis.
        await page
          .locator('.monaco-editor .codelens-decoration')
          .first()
          .waitFor({ timeout: 45_000 })
          .catch(() => undefined);
      });

      await j.step('completion after `template: ` lists the document templates', async () => {
        // Empty the reference of task "upload" and ask for completion right after `template: `.
        await clickText(page, { contains: 'template: step', sub: 'step', after: '- name: upload' }, 'start');
        await page.keyboard.press('Shift+End');
        await page.keyboard.press('Delete');
        await waitForText(page, { contains: 'template: ', after: '- name: upload' });
        const labels = await waitFor(
          'the suggest widget to list the templates',
          async () => {
            if ((await suggestLabels(page)).length === 0) await page.keyboard.press('Control+Space');
            await page.locator('.editor-widget.suggest-widget.visible').waitFor({ timeout: 3000 });
            const l = await suggestLabels(page);
            return l.includes('step') && l.includes('pipeline') ? l : undefined;
          },
          { timeoutMs: 30_000, describe: async () => (await suggestLabels(page)).join(', ') || 'no suggest widget' },
        );
        assert.deepEqual([...labels].sort(), ['pipeline', 'step']);
      });

      await j.step(
        'accepting the suggestion writes the template name',
        async () => {
          const row = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row').filter({ hasText: /^\s*step/ });
          await row.first().click();
          await waitForText(page, { contains: 'template: step', after: '- name: upload' });
          await page.keyboard.press('Escape');
        },
        { screenshot: false },
      );

      await j.step('hover on a template reference shows its inputs', async () => {
        await page.keyboard.press('Escape');
        await hoverText(page, { contains: 'template: step', sub: 'step', after: '- name: resize' });
        const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').filter({ hasText: /msg/ });
        await waitFor('the hover to show template "step" with its input "msg"', async () => (await hover.count()) > 0, {
          timeoutMs: 20_000,
          describe: async () => (await page.locator('.monaco-hover').allInnerTexts()).join(' | ') || 'no hover',
        });
        const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
        assert.match(text, /step/);
        assert.match(text, /msg/);
      });
    } finally {
      report(j);
      await wb.close();
    }
  });

  test('journey 3: Argo: Open Graph shows the DAG beside the editor, follows typing, and reveals a task from a node', { timeout: 180_000 }, async () => {
    const text = seed('image-pipeline.yaml');
    // In the light theme (journeys 1, 4 and 5 in the dark one): the README shows both.
    const wb = await requireSession().openWorkspace('j3-graph', { 'image-pipeline.yaml': text, ...themeSettings('light') });
    const { page } = wb;
    const j = new Journey('j3', 'journey 3 (graph)', page);
    try {
      await j.step('open the pipeline', () => openFile(page, 'image-pipeline.yaml'));

      const graph = await j.step('Argo: Open Graph shows 4 nodes beside the editor', async () => {
        await clickText(page, { contains: 'entrypoint: pipeline' }, 'end');
        await runCommand(page, 'Argo: Open Graph');
        const frame = await findWebview(page, 'svg.argo-graph g.node', 45_000);
        const nodes = await waitFor(
          '4 task nodes',
          async () => {
            const n = await graphNodes(frame);
            return n.length === 4 ? n : undefined;
          },
          { describe: async () => JSON.stringify(await graphNodes(frame)) },
        );
        assert.deepEqual(nodes.map((n) => n.name).sort(), ['download', 'filter', 'resize', 'upload']);
        const editorBox = await page.locator('.editor-instance .monaco-editor').first().boundingBox();
        const viewBox = await page.locator('iframe.webview.ready').first().boundingBox();
        assert.ok(editorBox && viewBox, 'editor or graph not on screen');
        assert.ok(
          viewBox.x >= editorBox.x + editorBox.width - 2,
          `the graph (x=${viewBox.x}) is not beside the editor (x=${editorBox.x}, width ${editorBox.width})`,
        );
        return frame;
      });
      await j.picture('graph-light');

      await j.step('typing a new task adds a node without reopening', async () => {
        await clickText(page, { contains: '[{name: msg, value: upload}]' }, 'end');
        await page.keyboard.press('End');
        const lines = [
          '          - name: notify',
          '            template: step',
          '            dependencies: [upload]',
          '            arguments:',
          '              parameters: [{name: msg, value: notify}]',
        ];
        for (const line of lines) {
          await page.keyboard.press('Enter');
          await page.keyboard.type(line, { delay: 5 });
        }
        await page.keyboard.press('Escape');
        await page.keyboard.press('Home'); // first non-blank, then column 1: scrolls the editor back left
        await page.keyboard.press('Home');
        await waitForText(page, { contains: 'dependencies: [upload]', after: '- name: notify' });
        // The graph follows every keystroke; wait for the one of the finished text: edge upload -> notify,
        // and no problem on any node (half-typed versions have some).
        const edge = graph.locator('svg .edge[data-from="upload"][data-to="notify"]');
        const nodes = await waitFor(
          'a 5th node "notify" after "upload", and no problems',
          async () => {
            const n = await graphNodes(graph);
            return n.length === 5 && n.some((x) => x.name === 'notify') && n.every((x) => !x.severity) && (await edge.count()) === 1 ? n : undefined;
          },
          {
            timeoutMs: 20_000,
            describe: async () =>
              `nodes ${JSON.stringify(await graphNodes(graph))}, edges ${JSON.stringify(
                await graph.locator('svg .edge').evaluateAll((els) =>
                  els.map((e) => {
                    const el = e as unknown as { getAttribute(n: string): string | null };
                    return `${el.getAttribute('data-from')}->${el.getAttribute('data-to')}`;
                  }),
                ),
              )}`,
          },
        );
        assert.deepEqual(nodes.map((n) => n.name).sort(), ['download', 'filter', 'notify', 'resize', 'upload']);
        assert.equal(await page.locator('iframe.webview.ready').count(), 1, 'a second graph panel was opened');
        await waitFor('the status bar to count no errors', async () => (await errorCount(page)) === 0, { describe: () => statusProblems(page) });
      });
      await j.picture('graph-follows-typing-light');

      await j.step('clicking node "filter" moves the cursor to that task', async () => {
        // Park the cursor elsewhere first, so the move is the click's doing.
        await clickText(page, { contains: 'entrypoint: pipeline' }, 'end');
        const expected = lineOf(text, '- name: filter');
        assert.notEqual((await cursor(page))?.line, expected);
        await graph.locator('svg g.node[data-name="filter"]').click();
        const pos = await waitFor(
          `the cursor on line ${expected} (task "filter")`,
          async () => {
            const c = await cursor(page);
            return c?.line === expected ? c : undefined;
          },
          { timeoutMs: 10_000, describe: async () => JSON.stringify(await cursor(page)) },
        );
        assert.equal(pos.line, expected);
        const r = await textRect(page, { contains: '- name: filter' });
        assert.ok(r, 'task "filter" is not on screen after the click');
      });
    } finally {
      report(j);
      await wb.close();
    }
  });

  runJourneys(requireSession, report);
});
