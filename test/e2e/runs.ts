/**
 * Journeys 4 and 5: submit to the API emulator (or, with ARGO_STUDIO_E2E_CLUSTER=real, a real
 * kube-apiserver + Argo controller: npm run test:e2e:real-cluster), the runs view, the live graph and the logs panel.
 * They use the cluster features of issues 5 (submit, runs view, run overlay on the graph) and 6 (logs
 * panel). Each checks package.json `contributes` first and skips, naming what is missing, when a
 * feature is not there; the logs steps are subtests of their own for the same reason.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { EXAMPLES } from '../helpers/paths';
import { commandTitle, contributes, Journey, type Session, themeSettings, waitFor } from './harness';
import {
  clearNotifications,
  clickRowAction,
  findWebview,
  graphNodes,
  openActivity,
  openFile,
  runCommand,
  sidebarRows,
  sidebarRowTexts,
  toasts,
  widenSidebar,
} from './vscode';

export interface Features {
  submit?: { id: string; title: string };
  runsView?: { id: string; name: string; container: string; containerTitle: string };
  openLogs?: { id: string; title: string };
}

/** The cluster features the extension contributes now. */
export function clusterFeatures(): Features {
  const c = contributes();
  const f: Features = {};
  const submit = commandTitle('argoStudio.submit');
  if (submit) f.submit = { id: 'argoStudio.submit', title: submit };
  for (const [container, views] of Object.entries(c.views ?? {})) {
    const v = views.find((x) => x.id === 'argoStudio.runs');
    const title = Object.values(c.viewsContainers ?? {})
      .flat()
      .find((x) => x.id === container)?.title;
    if (v && title) f.runsView = { id: v.id, name: v.name, container, containerTitle: title };
  }
  const logs = commandTitle('argoStudio.openLogs');
  if (logs) f.openLogs = { id: 'argoStudio.openLogs', title: logs };
  return f;
}

const WHAT: Record<keyof Features, string> = {
  submit: 'the command argoStudio.submit (issue 5)',
  runsView: 'the view argoStudio.runs in an activity-bar container (issue 5)',
  openLogs: 'the logs panel command argoStudio.openLogs (issue 6)',
};

function missing(f: Features, need: (keyof Features)[]): string | undefined {
  const absent = need.filter((k) => !f[k]).map((k) => WHAT[k]);
  return absent.length ? `not contributed by package.json yet: ${absent.join('; ')}` : undefined;
}

const FIXTURES = join(__dirname, 'fixtures');

interface Wf {
  metadata: { name: string; generateName?: string };
  status?: { phase?: string; message?: string; nodes?: Record<string, { displayName?: string; phase?: string; message?: string }> };
}

/** The workflows of the cluster the extension talks to (the emulator, or a real cluster). */
async function workflows(s: Session): Promise<Wf[]> {
  return (await s.cluster.workflows()) as unknown as Wf[];
}

/** Opens the file, then its graph beside it (so the run is drawn on it live). */
async function openWithGraph(page: Page, file: string, nodes: number): Promise<FrameLocator> {
  await openFile(page, file);
  await runCommand(page, 'Argo: Open Graph');
  const frame = await findWebview(page, 'svg.argo-graph g.node', 45_000);
  await waitFor(`${nodes} graph nodes`, async () => (await graphNodes(frame)).length === nodes, {
    describe: async () => JSON.stringify(await graphNodes(frame)),
  });
  return frame;
}

/** Runs Argo: Submit from the palette; returns the name of the workflow it created in the cluster. */
async function submit(s: Session, page: Page, title: string, prefix: string): Promise<string> {
  const before = new Set((await workflows(s)).map((w) => w.metadata.name));
  await page
    .locator('.editor-instance .monaco-editor .view-lines')
    .first()
    .click({ position: { x: 5, y: 5 } });
  await runCommand(page, title);
  const name = await waitFor(
    `a new ${prefix}* workflow in the cluster`,
    async () => (await workflows(s)).find((w) => !before.has(w.metadata.name) && w.metadata.name.startsWith(prefix))?.metadata.name,
    {
      timeoutMs: 20_000,
      describe: async () => `workflows ${JSON.stringify((await workflows(s)).map((w) => w.metadata.name))}; toasts ${JSON.stringify(await toasts(page))}`,
    },
  );
  await waitFor(`the notification "Submitted ${name}"`, async () => (await toasts(page)).some((t) => t.includes(`Submitted ${name}`)), {
    timeoutMs: 10_000,
    describe: async () => JSON.stringify(await toasts(page)),
  });
  return name;
}

/** Waits for the run's row in the runs view to show `phase`; returns the row text. */
async function runRowWith(page: Page, name: string, phase: string, s: Session): Promise<string> {
  return waitFor(
    `run ${name} to show ${phase} in the runs view`,
    async () => (await sidebarRowTexts(page)).find((t) => t.includes(name) && t.includes(phase)),
    {
      timeoutMs: 45_000,
      describe: async () =>
        `rows ${JSON.stringify(await sidebarRowTexts(page))}; cluster phase ${(await workflows(s)).find((w) => w.metadata.name === name)?.status?.phase ?? '(none)'}`,
    },
  );
}

/** The texts of the lines in the logs panel (a webview; rows `.row`, text `.text`). */
async function logLines(frame: FrameLocator): Promise<string[]> {
  return (await frame.locator('.row .text').allInnerTexts()).map((t) => t.trim());
}

async function waitForLogLines(page: Page, want: string[]): Promise<string[]> {
  const frame = await findWebview(page, '.row .text', 30_000);
  return waitFor(
    `the logs panel to show ${JSON.stringify(want)}`,
    async () => {
      const lines = await logLines(frame);
      return want.every((w) => lines.some((l) => l.includes(w))) ? lines : undefined;
    },
    { timeoutMs: 30_000, describe: async () => JSON.stringify(await logLines(frame)) },
  );
}

export function runJourneys(session: () => Session, report: (j: Journey) => void): void {
  test('journey 4: submit dag-diamond.yaml; the run succeeds in the runs view, the graph and the logs panel', { timeout: 240_000 }, async (t: TestContext) => {
    const f = clusterFeatures();
    const why = missing(f, ['submit', 'runsView']);
    if (why) return t.skip(why);
    // Argo's own example, read from ../shared at test time (never copied into this repository).
    const diamond = join(EXAMPLES, 'dag-diamond.yaml');
    if (!existsSync(diamond)) return t.skip(`Argo's examples are not at ${EXAMPLES} (../shared/argo/examples): journey 4 needs dag-diamond.yaml`);
    const s = session();
    const wb = await s.openWorkspace('j4-submit', { 'dag-diamond.yaml': readFileSync(diamond, 'utf8'), ...themeSettings('dark') });
    const { page } = wb;
    const j = new Journey('j4', 'journey 4 (submit, runs view, live graph, logs)', page);
    try {
      const graph = await j.step('open dag-diamond.yaml and its graph (4 nodes, no run yet)', async () => {
        const frame = await openWithGraph(page, 'dag-diamond.yaml', 4);
        assert.deepEqual(
          (await graphNodes(frame)).map((n) => n.phase),
          ['', '', '', ''],
        );
        return frame;
      });

      const name = await j.step(`${f.submit!.title} creates the run in the cluster`, () => submit(s, page, f.submit!.title, 'dag-diamond-'));

      await j.step('the run appears in the Argo runs view and reaches Succeeded', async () => {
        await openActivity(page, f.runsView!.containerTitle);
        await widenSidebar(page, 140);
        await waitFor(`run ${name} in the runs view`, async () => (await sidebarRowTexts(page)).some((x) => x.includes(name)), {
          timeoutMs: 20_000,
          describe: async () => JSON.stringify(await sidebarRowTexts(page)),
        });
        const row = await runRowWith(page, name, 'Succeeded', s);
        assert.match(row, /4\/4/, `progress 4/4 expected in: ${row}`);
        assert.equal((await workflows(s)).find((w) => w.metadata.name === name)?.status?.phase, 'Succeeded', `the ${s.cluster.name} disagrees`);
      });

      await j.step('the graph shows every node as Succeeded', async () => {
        const nodes = await waitFor(
          '4 Succeeded nodes in the graph',
          async () => {
            const n = await graphNodes(graph);
            return n.length === 4 && n.every((x) => x.phase === 'Succeeded') ? n : undefined;
          },
          { timeoutMs: 20_000, describe: async () => JSON.stringify(await graphNodes(graph)) },
        );
        assert.deepEqual(nodes.map((n) => n.name).sort(), ['A', 'B', 'C', 'D']);
        const green = await graph
          .locator('svg g.node[data-name="D"] > .box')
          .evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(e).stroke);
        assert.equal(green, 'rgb(24, 190, 148)', 'a Succeeded node is drawn in Argo green (#18be94)');
        // Fit the graph so that the step's screenshot shows all four nodes.
        await graph.locator('button', { hasText: 'Fit' }).first().click();
        await new Promise((r) => setTimeout(r, 400));
      });
      await clearNotifications(page);
      await j.picture('run-succeeded');

      await t.test('logs panel shows the lines each step printed', async (st: TestContext) => {
        if (!f.openLogs) return st.skip(missing(f, ['openLogs']));
        await j.step('Open Run Logs (runs view) shows the lines A, B, C, D', async () => {
          await clearNotifications(page);
          const row = sidebarRows(page).filter({ hasText: name }).first();
          await clickRowAction(row, 'Open Run Logs');
          await waitForLogLines(page, ['A', 'B', 'C', 'D']);
        });
      });
    } finally {
      report(j);
      await wb.close();
    }
  });

  test('journey 5: a failing run is red in the graph with its message, and its logs open from the node', { timeout: 240_000 }, async (t: TestContext) => {
    const f = clusterFeatures();
    const why = missing(f, ['submit', 'runsView']);
    if (why) return t.skip(why);
    const s = session();
    s.cluster.script('convert', { lines: ['converting 3 images', 'error: cat.png is not a PNG file'], intervalMs: 300, exitCode: 3 });
    const wb = await s.openWorkspace('j5-failing', {
      'failing-pipeline.yaml': readFileSync(join(FIXTURES, 'failing-pipeline.yaml'), 'utf8'),
      ...themeSettings('dark'),
    });
    const { page } = wb;
    const j = new Journey('j5', 'journey 5 (failing run)', page);
    try {
      const graph = await j.step('open failing-pipeline.yaml and its graph', () => openWithGraph(page, 'failing-pipeline.yaml', 3));

      const name = await j.step(`${f.submit!.title} creates the run`, () => submit(s, page, f.submit!.title, 'failing-pipeline-'));

      await j.step('the run fails in the runs view', async () => {
        await openActivity(page, f.runsView!.containerTitle);
        await widenSidebar(page, 140);
        await runRowWith(page, name, 'Failed', s);
        assert.equal((await workflows(s)).find((w) => w.metadata.name === name)?.status?.phase, 'Failed', `the ${s.cluster.name} disagrees`);
      });

      await j.step('node "convert" is red in the graph and its message is shown', async () => {
        const nodes = await waitFor(
          'convert Failed, prepare Succeeded in the graph',
          async () => {
            const n = await graphNodes(graph);
            return n.find((x) => x.name === 'convert')?.phase === 'Failed' && n.find((x) => x.name === 'prepare')?.phase === 'Succeeded' ? n : undefined;
          },
          { timeoutMs: 20_000, describe: async () => JSON.stringify(await graphNodes(graph)) },
        );
        assert.notEqual(nodes.find((x) => x.name === 'publish')?.phase, 'Succeeded');
        const node = graph.locator('svg g.node[data-name="convert"]');
        const red = await node
          .locator(':scope > .box')
          .evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { stroke: string } }).getComputedStyle(e).stroke);
        assert.equal(red, 'rgb(233, 109, 118)', 'a Failed node is drawn in Argo red (#e96d76)');
        await node.hover();
        const tip = graph.locator('.tooltip:not([hidden])');
        const text = await waitFor(
          'the node tooltip with the failure message',
          async () => {
            const x = (await tip.innerText().catch(() => '')).replace(/\s+/g, ' ');
            return /Failed: .*exit code 3/.test(x) ? x : undefined;
          },
          { timeoutMs: 10_000, describe: () => tip.innerText().catch(() => 'no tooltip') },
        );
        assert.match(text, /convert/);
      });
      await clearNotifications(page);
      await graph.locator('button', { hasText: 'Fit' }).first().click();
      await new Promise((r) => setTimeout(r, 400)); // the fit is animated
      await j.picture('live-run');

      await t.test('the failed node opens its logs', async (st: TestContext) => {
        if (!f.openLogs) return st.skip(missing(f, ['openLogs']));
        await j.step('clicking node "convert" in the graph opens its logs', async () => {
          // A node of a run opens its logs (argoStudio.runs.openNodeLogs -> argoStudio.openLogs).
          await clearNotifications(page);
          await graph.locator('svg g.node[data-name="convert"]').click();
          const lines = await waitForLogLines(page, ['converting 3 images', 'error: cat.png is not a PNG file']);
          assert.ok(!lines.some((l) => l.includes('inputs ready')), `the logs of node "prepare" are shown too: ${JSON.stringify(lines)}`);
        });
        await j.picture('logs-panel');
      });
    } finally {
      report(j);
      await wb.close();
    }
  });
}
