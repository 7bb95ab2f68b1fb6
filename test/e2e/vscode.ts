/**
 * Page helpers for the VS Code 1.100 workbench (code-server 4.100.3). Selectors: see test/e2e/README.md.
 * Every wait is bounded and says what it waited for.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { waitFor } from './harness';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextQuery {
  /** Text of the editor line (as shown, spaces normalised). */
  contains: string;
  /** Part of `contains` to locate (default: all of it). */
  sub?: string;
  /** Only lines below the first line containing this text. */
  after?: string;
}

/**
 * In-page code (kept as text: the project's tsconfig has no DOM types). Finds the rendered editor
 * line matching the query in the first text editor and returns the client rect of the text.
 */
const TEXT_RECT = `(q) => {
  const norm = (s) => (s || '').replace(/\\u00a0/g, ' ');
  const editor = [...document.querySelectorAll('.editor-instance .monaco-editor')].find((e) => e.getBoundingClientRect().width > 0);
  if (!editor) return null;
  const lines = [...editor.querySelectorAll('.view-lines .view-line')]
    .map((el) => ({ el, top: el.getBoundingClientRect().top, text: norm(el.textContent) }))
    .sort((a, b) => a.top - b.top);
  let start = 0;
  if (q.after) {
    const i = lines.findIndex((l) => l.text.includes(q.after));
    if (i < 0) return null;
    start = i + 1;
  }
  const line = lines.slice(start).find((l) => l.text.includes(q.contains));
  if (!line) return null;
  const sub = q.sub ?? q.contains;
  const from = line.text.indexOf(q.contains) + Math.max(0, q.contains.indexOf(sub));
  const to = from + sub.length;
  const walker = document.createTreeWalker(line.el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let pos = 0, node, started = false;
  while ((node = walker.nextNode())) {
    const len = node.textContent.length;
    if (!started && from <= pos + len) { range.setStart(node, from - pos); started = true; }
    if (started && to <= pos + len) { range.setEnd(node, to - pos); break; }
    pos += len;
  }
  const r = range.getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}`;

export async function textRect(page: Page, q: TextQuery): Promise<Rect | undefined> {
  return (await page.evaluate(`(${TEXT_RECT})(${JSON.stringify(q)})`)) as Rect | undefined;
}

export async function waitForText(page: Page, q: TextQuery, timeoutMs = 15_000): Promise<Rect> {
  return waitFor(`the editor to show "${q.contains}"${q.after ? ` below "${q.after}"` : ''}`, () => textRect(page, q), {
    timeoutMs,
    describe: () => visibleLines(page).then((l) => l.slice(0, 40).join(' | ')),
  });
}

/** The visible lines of the first text editor, top to bottom. */
export async function visibleLines(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const editor = [...document.querySelectorAll('.editor-instance .monaco-editor')].find((e) => e.getBoundingClientRect().width > 0);
    if (!editor) return [];
    return [...editor.querySelectorAll('.view-lines .view-line')]
      .map((el) => ({ top: el.getBoundingClientRect().top, text: (el.textContent || '').replace(/\\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top).map((l) => l.text);
  })()`)) as string[];
}

/** Clicks at the start, the middle or the end of a piece of editor text. */
export async function clickText(page: Page, q: TextQuery, where: 'start' | 'middle' | 'end' = 'middle'): Promise<void> {
  const r = await waitForText(page, q);
  const x = where === 'start' ? r.x + 1 : where === 'end' ? r.x + r.width - 1 : r.x + r.width / 2;
  await page.mouse.click(x, r.y + r.height / 2);
}

export async function hoverText(page: Page, q: TextQuery): Promise<void> {
  const r = await waitForText(page, q);
  await page.mouse.move(r.x + r.width / 2 - 3, r.y + r.height / 2);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2, { steps: 3 });
}

/** Opens a file from the Explorer and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page
    .locator('.explorer-folders-view .monaco-list-row')
    .filter({ hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  await row.first().waitFor({ timeout: 30_000 });
  await row.first().click();
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 15_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines .view-line').first().waitFor({ timeout: 15_000 });
}

/** Moves the cursor to a line (and column) with Go to Line (Ctrl+G), which also scrolls it into view. */
export async function gotoLine(page: Page, line: number, col?: number): Promise<void> {
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(col === undefined ? `:${line}` : `:${line}:${col}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
  await waitFor(
    `the cursor on line ${line}${col === undefined ? '' : `, column ${col}`}`,
    async () => {
      const c = await cursor(page);
      return c?.line === line && (col === undefined || c.col === col);
    },
    { timeoutMs: 5000, describe: async () => JSON.stringify(await cursor(page)) },
  );
}

/**
 * Runs a command from the palette by its title ("Argo: Open Graph"). The first palette of a fresh
 * window on busy cores can take long to list a command (the extension is still activating, the
 * command registry still filling): the wait is generous, and opening the palette, which changes
 * nothing, is retried once. The error names the palette's last rows.
 */
export async function runCommand(page: Page, title: string, opts: { opensQuickInput?: boolean } = {}): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-list .monaco-list-row');
  const row = rows.filter({ hasText: title });
  const lastRows = async (): Promise<string> => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ') || 'no rows';
  const attempt = async (timeoutMs: number): Promise<void> => {
    await page.keyboard.press('F1');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`>${title}`);
    await waitFor(`the command palette to list "${title}"`, () => row.count(), { timeoutMs, describe: lastRows });
  };
  try {
    await attempt(30_000);
  } catch (first) {
    const seen = await lastRows().catch(() => '?');
    process.stderr.write(`e2e: retrying the command palette for "${title}" (${first instanceof Error ? first.message.split('\n')[0] : String(first)})\n`);
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await attempt(30_000).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)} (also on the first try; its rows: ${seen})`);
    });
  }
  await row.first().click();
  if (!opts.opensQuickInput) await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** aria-label of the problems item of the status bar, e.g. "Errors: 1, Warnings: 0" or "No Problems". */
export async function statusProblems(page: Page): Promise<string> {
  const item = page.locator('[id="status.problems"]');
  const labels = await item
    .locator('[aria-label]')
    .evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? ''));
  return `${(await item.getAttribute('aria-label')) ?? ''} ${labels.join(' ')}`.trim();
}

export async function errorCount(page: Page): Promise<number> {
  const m = /Errors?:\s*(\d+)/i.exec(await statusProblems(page));
  return m ? Number(m[1]) : 0;
}

export async function openProblemsPanel(page: Page): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.locator('[id="status.problems"]').click();
  await panel.waitFor({ timeout: 10_000 });
  return panel;
}

export async function problemRows(page: Page): Promise<string[]> {
  return (await page.locator('.markers-panel .monaco-list-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The cursor position from the status bar ("Ln 26, Col 13"). */
export async function cursor(page: Page): Promise<{ line: number; col: number } | undefined> {
  const text =
    (await page
      .locator('[id="status.editor.selection"]')
      .innerText()
      .catch(() => '')) || '';
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
}

/** The labels of the open suggest widget. */
export async function suggestLabels(page: Page): Promise<string[]> {
  const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
  return (await rows.allInnerTexts()).map((t) => t.trim());
}

/** The graph webview (two iframes deep); `index` picks among several webviews. */
export function webview(page: Page, index = 0): FrameLocator {
  return page.locator('iframe.webview.ready').nth(index).contentFrame().locator('iframe#active-frame').contentFrame();
}

/** The webview whose document has `selector` (the graph has `.argo-graph`). */
export async function findWebview(page: Page, selector: string, timeoutMs = 20_000): Promise<FrameLocator> {
  return waitFor(
    `a webview showing ${selector}`,
    async () => {
      const n = await page.locator('iframe.webview.ready').count();
      for (let i = 0; i < n; i++) {
        const f = webview(page, i);
        if (
          (await f
            .locator(selector)
            .count()
            .catch(() => 0)) > 0
        )
          return f;
      }
      return undefined;
    },
    { timeoutMs, describe: async () => `${await page.locator('iframe.webview').count()} webview iframe(s)` },
  );
}

/** The names of the graph's nodes (tasks/steps), from the `<g class="node" data-name>` elements. */
export async function graphNodes(frame: FrameLocator): Promise<{ name: string; kind: string; phase: string; severity: string }[]> {
  return frame.locator('svg g.node').evaluateAll((els) =>
    els.map((e) => {
      const el = e as unknown as { getAttribute(n: string): string | null };
      return {
        name: el.getAttribute('data-name') ?? '',
        kind: el.getAttribute('data-kind') ?? '',
        phase: el.getAttribute('data-phase') ?? '',
        severity: el.getAttribute('data-severity') ?? '',
      };
    }),
  );
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) + 1 : 0;
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in the text`);
  return i + 1;
}

/** Opens a view container from the activity bar by its title ("Argo"). */
export async function openActivity(page: Page, title: string): Promise<void> {
  const item = page.locator(`.activitybar .action-item .action-label[aria-label^="${title}"]`);
  await item.first().waitFor({ timeout: 20_000 });
  const checked = await item
    .first()
    .getAttribute('aria-checked')
    .catch(() => null);
  const parentChecked = await item
    .first()
    .locator('xpath=..')
    .getAttribute('aria-checked')
    .catch(() => null);
  if (checked !== 'true' && parentChecked !== 'true') await item.first().click();
  await page.locator('.part.sidebar').waitFor({ timeout: 10_000 });
}

/** Rows of the tree in the side bar, as shown (label and description). */
export function sidebarRows(page: Page): Locator {
  return page.locator('.part.sidebar .monaco-list-row');
}

export async function sidebarRowTexts(page: Page): Promise<string[]> {
  return (await sidebarRows(page).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Clicks an inline action (by its title) of a tree row; the actions show on hover. */
export async function clickRowAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label^="${title}"]`);
  await action.first().waitFor({ timeout: 10_000 });
  await action.first().click();
}

/** Texts of the visible notification toasts. */
export async function toasts(page: Page): Promise<string[]> {
  return (await page.locator('.notifications-toasts .notification-toast').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Drags the side bar's edge to make it `by` pixels wider (long run names and phases stay readable). */
export async function widenSidebar(page: Page, by: number): Promise<void> {
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (!bar) return;
  const x = bar.x + bar.width;
  const y = bar.y + bar.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.move(x + 1, y, { steps: 2 });
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
}

/** Dismisses every notification toast (they would cover the panel in screenshots). */
export async function clearNotifications(page: Page): Promise<void> {
  if ((await page.locator('.notifications-toasts .notification-toast').count()) === 0) return;
  await runCommand(page, 'Notifications: Clear All Notifications');
  await waitFor('the notification toasts to go', async () => (await page.locator('.notifications-toasts .notification-toast').count()) === 0, {
    timeoutMs: 5000,
  });
}
