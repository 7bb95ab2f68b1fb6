/**
 * The logs webview script (dist/media/logs.js) in headless Chromium, under the same strict CSP as in
 * VS Code, with a stub of the webview API driving it: 100,000 lines (virtualised), ANSI colours,
 * markup that must stay text, search with highlight and filter, a step filter, follow, wrap, expand,
 * copy. Skipped when Chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dumpDom, type StaticFiles } from '../helpers/headless-page';
import { chromiumSkip } from '../helpers/tools';
import { join } from 'node:path';
import type { LogLine, SessionInfo, StepView } from '../../client/src/logs/log-types';

const ROOT = process.cwd();
const NONCE = 'n0nceLogs123';
const EVIL = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const N = 99_999; // + 1 notice = the store's 100,000

function page(port: number): string {
  const origin = `http://127.0.0.1:${port}`;
  const csp = `default-src 'none'; img-src ${origin} data:; style-src ${origin} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; font-src ${origin}; connect-src ${origin}`;
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/vars.css" nonce="${NONCE}"><link rel="stylesheet" href="/webview.css" nonce="${NONCE}"><link rel="stylesheet" href="/logs.css" nonce="${NONCE}"></head>
<body class="vscode-dark"><div id="app"></div><pre id="log"></pre>
<script nonce="${NONCE}" src="/stub.js"></script><script nonce="${NONCE}" src="/logs.js"></script></body></html>`;
}

const VARS =
  'html{--vscode-editor-background:#1e1e1e;--vscode-foreground:#cccccc;--vscode-terminal-ansiRed:#cd3131;--vscode-terminal-ansiCyan:#11a8cd;--vscode-terminal-ansiGreen:#0dbc79;--vscode-editor-font-family:monospace;--vscode-editor-font-size:12px}';

function data(): { lines: LogLine[]; steps: StepView[]; info: SessionInfo } {
  const steps: StepView[] = ['fetch', 'train', 'report'].map((label, index) => ({
    index,
    podName: `wf-${label}-1`,
    nodeId: `wf-${index}`,
    label,
    nodeName: `wf[0].${label}`,
    containers: ['main', 'wait', 'init'],
    podPhase: 'Running',
    color: index,
    status: { kind: 'streaming', resumes: 0 },
    lines: 0,
  }));
  const lines: LogLine[] = [];
  for (let i = 0; i < N; i++) {
    const key = `2025-01-01T00:${String(Math.floor(i / 6000) % 60).padStart(2, '0')}:${String(Math.floor(i / 100) % 60).padStart(2, '0')}.${String(i % 100).padStart(9, '0')}Z`;
    let text = `line ${i} of step ${i % 3}`;
    if (i === 10) text = `\x1b[31mred error\x1b[0m ${EVIL}`;
    if (i === 20) text = `long ${'y'.repeat(12_000)} end`;
    if (i === 30) text = 'needle here';
    lines.push({ seq: i + 1, step: i % 3, key, text });
  }
  lines.push({ seq: N + 1, step: 1, key: lines[lines.length - 1].key, text: `Pod wf-train-1 was deleted ${EVIL}`, notice: 'warning' });
  const info: SessionInfo = {
    target: { namespace: 'argo', workflowName: 'wf' },
    contextName: 'ctx',
    container: 'main',
    containers: ['main', 'wait', 'init'],
    range: {},
    streamAll: true,
    done: false,
    maxLines: 100_000,
  };
  return { lines, steps, info };
}

/** Drives the page like the extension host would, and records what it sees in #log. */
const STUB = `(function () {
  var log = [];
  var state;
  function write() { document.getElementById('log').textContent = JSON.stringify(log); }
  function rec(k, v) { log.push(k + '=' + v); write(); }
  function wait(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  async function until(fn, what) { for (var i = 0; i < 500; i++) { if (fn()) return; await wait(20); } rec('timeout', what); }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll('.layer .row')); }
  function input(el, value) { el.value = value; el.dispatchEvent(new Event('input')); }
  function btn(title) { return Array.prototype.slice.call(document.querySelectorAll('.toolbar button')).find(function (b) { return b.title.indexOf(title) === 0; }); }
  document.addEventListener('securitypolicyviolation', function (e) { rec('csp', e.violatedDirective); });
  window.onerror = function (m) { rec('error', m); };
  var exported = [];
  window.acquireVsCodeApi = function () {
    return {
      getState: function () { return state; },
      setState: function (s) { state = s; },
      postMessage: function (m) {
        if (m.type === 'ready') run();
        if (m.type === 'export') exported.push(m);
        if (m.type === 'streamAll' || m.type === 'setContainer' || m.type === 'setRange') rec('posted', m.type + ':' + JSON.stringify(m.container || m.range || ''));
      }
    };
  };
  async function run() {
    try {
      var d = await (await fetch('/data.json')).json();
      window.postMessage({ type: 'reset', lines: d.lines, steps: d.steps, info: d.info, defaults: { timestamps: true } }, '*');
      await until(function () { var r = rows(); return r.length > 0 && r[r.length - 1].dataset.index === '${N}'; }, 'reset, at the bottom');
      rec('rows', rows().length);
      rec('status', document.querySelector('.status').textContent);
      var last = rows()[rows().length - 1];
      rec('lastRow', last ? last.dataset.index : 'none');
      rec('lastText', last ? last.querySelector('.text').textContent : '');
      rec('tsShown', document.querySelectorAll('.layer .row .ts').length > 0);
      // scroll to the top: follow pauses, the first rows render
      var sc = document.querySelector('.scroller');
      sc.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
      sc.scrollTop = 0;
      sc.dispatchEvent(new Event('scroll'));
      await wait(100);
      rec('followAfterScrollUp', btn('Follow').getAttribute('aria-pressed'));
      var red = rows().find(function (r) { return r.dataset.index === '10'; });
      var redSpan = red && red.querySelector('.text .fg-1');
      rec('redText', redSpan ? redSpan.textContent : 'none');
      rec('redColor', redSpan ? getComputedStyle(redSpan).color : 'none');
      rec('evilText', red ? red.querySelector('.text').textContent : 'none');
      rec('stepLabel', red ? red.querySelector('.step').textContent + '|' + getComputedStyle(red.querySelector('.step')).color : 'none');
      var long = rows().find(function (r) { return r.dataset.index === '20'; });
      rec('longLen', long ? long.querySelector('.text').firstChild.textContent.length : -1);
      var more = long && long.querySelector('button.more');
      rec('more', more ? more.textContent : 'none');
      more.click();
      await wait(100);
      long = rows().find(function (r) { return r.dataset.index === '20'; });
      rec('expandedHeight', long.getBoundingClientRect().height > 40);
      rec('expandedLen', long.querySelector('.text').textContent.length > 12000);
      // search: highlight, count, next
      var search = document.querySelector('.toolbar input[type=search]');
      input(search, 'NEEDLE');
      await wait(100);
      rec('count', document.querySelector('.count').textContent);
      search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
      await wait(100);
      var marks = Array.prototype.slice.call(document.querySelectorAll('.layer .row.current mark')).map(function (m) { return m.textContent; });
      rec('marks', marks.join(','));
      rec('count2', document.querySelector('.count').textContent);
      // filter mode: only matching lines
      btn('Show only matching').click();
      await wait(100);
      rec('filtered', rows().length + '|' + document.querySelector('.status').textContent);
      btn('Show only matching').click();
      input(search, 'line 9999');
      btn('Regular').click();
      input(search, '^line 9999[0-9] of');
      await wait(100);
      rec('regexCount', document.querySelector('.count').textContent);
      input(search, '(');
      await wait(100);
      rec('badRegex', document.querySelector('.count').textContent);
      input(search, '');
      // step filter: one step, no step column
      var sel = document.querySelector('.toolbar select');
      sel.value = 'wf-train-1';
      sel.dispatchEvent(new Event('change'));
      await wait(100);
      rec('stepFilter', document.querySelector('.status').textContent + '|' + document.querySelectorAll('.layer .row .step').length);
      // live update while following: the new line is shown at the bottom
      btn('Follow').click();
      window.postMessage({ type: 'update', lines: [{ seq: 999999, step: 1, key: '2025-01-01T01:00:00.000000000Z', text: 'fresh line' }] }, '*');
      await until(function () { var r = rows(); return r.length > 0 && r[r.length - 1].textContent.indexOf('fresh line') >= 0; }, 'fresh line');
      var lr = rows()[rows().length - 1];
      rec('fresh', lr ? lr.querySelector('.text').textContent : 'none');
      rec('atBottom', Math.abs(sc.scrollTop + sc.clientHeight - sc.scrollHeight) <= 20);
      // wrap
      btn('Wrap').click();
      await wait(100);
      rec('wrapClass', document.body.classList.contains('wrap'));
      // copy what is shown
      btn('Copy').click();
      await wait(50);
      var ex = exported[0];
      rec('export', ex ? ex.action + '|' + ex.fileName + '|' + ex.text.split('\\n').length + '|' + ex.text.split('\\n')[0] : 'none');
      // container and range pickers post to the host
      var selects = document.querySelectorAll('.toolbar select');
      selects[1].value = 'init';
      selects[1].dispatchEvent(new Event('change'));
      selects[2].value = '1';
      selects[2].dispatchEvent(new Event('change'));
      rec('saved', JSON.stringify(state && state.view));
      // Another run: the step filter of the previous one does not hide its lines.
      var other = Object.assign({}, d.info, { target: { namespace: 'argo', workflowName: 'other' } });
      window.postMessage({ type: 'reset', lines: [{ seq: 1, step: 0, key: '2025-02-01T00:00:00.000000000Z', text: 'other run' }], steps: [Object.assign({}, d.steps[0], { podName: 'other-1' })], info: other, defaults: {} }, '*');
      await until(function () { return rows().some(function (r) { return r.textContent.indexOf('other run') >= 0; }); }, 'the other run');
      rec('otherRun', document.querySelector('.status').textContent);
      rec('dom', document.querySelectorAll('img,script:not([src])').length);
    } catch (e) {
      rec('error', e && e.stack || String(e));
    }
    rec('done', true);
  }
})();`;

test(
  'logs webview: 100,000 lines virtualised under the strict CSP; ANSI, escaping, search, filter, follow, wrap, expand, copy',
  { skip: chromiumSkip(), timeout: 120_000 },
  async () => {
    const build = spawnSync(process.execPath, ['scripts/build-media.mjs', 'logs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    const files: StaticFiles = {
      '/logs.js': ['text/javascript', readFileSync(join(ROOT, 'dist', 'media', 'logs.js'), 'utf8')],
      '/webview.css': ['text/css', readFileSync(join(ROOT, 'media', 'common', 'webview.css'), 'utf8')],
      '/logs.css': ['text/css', readFileSync(join(ROOT, 'media', 'logs', 'logs.css'), 'utf8')],
      '/vars.css': ['text/css', VARS],
      '/stub.js': ['text/javascript', STUB],
      '/data.json': ['application/json', JSON.stringify(data())],
    };
    const dom = await dumpDom(files, page, { windowSize: '1000,600', virtualTimeMs: 30_000, timeoutMs: 90_000 });
    const raw = (/<pre id="log">([^<]*)<\/pre>/.exec(dom)?.[1] ?? '[]')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const entries = JSON.parse(raw) as string[];
    const log = new Map<string, string>();
    for (const e of entries) {
      const i = e.indexOf('=');
      log.set(e.slice(0, i), e.slice(i + 1));
    }
    const all = entries.join('\n');
    if (process.env.LOGS_WEBVIEW_DEBUG) console.error(all);
    assert.equal(log.get('done'), 'true', all);
    assert.equal(log.get('error'), undefined, all);
    assert.equal(log.get('csp'), undefined, `CSP violation: ${all}`);
    const rows = Number(log.get('rows'));
    assert.ok(rows > 10 && rows < 200, `virtualised: ${rows} rows in the DOM for ${N + 1} lines`);
    assert.equal(log.get('status'), '100,000 lines · 3 steps: 3 streaming');
    assert.equal(log.get('lastRow'), String(N), 'follows: the last line is rendered');
    assert.equal(log.get('lastText'), `Pod wf-train-1 was deleted ${EVIL}`);
    assert.equal(log.get('tsShown'), 'true', 'defaults from the host (timestamps on)');
    assert.equal(log.get('followAfterScrollUp'), 'false', 'scrolling up pauses following');
    assert.equal(log.get('redText'), 'red error');
    assert.equal(log.get('redColor'), 'rgb(205, 49, 49)', 'ANSI red from the terminal theme colour');
    assert.equal(log.get('evilText'), `red error ${EVIL}`, 'markup in a line is shown as text');
    assert.equal(log.get('stepLabel'), 'train|rgb(13, 188, 121)', 'coloured step prefix (step 1: terminal green)');
    assert.equal(log.get('longLen'), '4000', 'long lines are truncated');
    assert.equal(log.get('more'), '… 8,009 more characters');
    assert.equal(log.get('expandedHeight'), 'true');
    assert.equal(log.get('expandedLen'), 'true');
    assert.equal(log.get('count'), '1 match', 'case-insensitive search: one match, none selected yet');
    assert.equal(log.get('marks'), 'needle');
    assert.equal(log.get('count2'), '1/1');
    assert.equal(log.get('filtered'), '1|100,000 lines (1 shown) · 3 steps: 3 streaming');
    assert.equal(log.get('regexCount'), '9 matches', 'regex: lines 99990..99998');
    assert.equal(log.get('badRegex'), 'bad regex');
    assert.match(log.get('stepFilter') ?? '', /^100,000 lines \(33,3\d\d shown\) · 3 steps: 3 streaming\|0$/);
    assert.equal(log.get('fresh'), 'fresh line');
    assert.equal(log.get('atBottom'), 'true');
    assert.equal(log.get('wrapClass'), 'true');
    assert.equal(
      log.get('export'),
      'copy|wf-train-main.log|33336|2025-01-01T00:00:00.000Z line 1 of step 1',
      'copies the lines shown: one step, with timestamps, no prefix',
    );
    assert.ok(entries.includes('posted=setContainer:"init"'), all);
    assert.ok(entries.includes('posted=setRange:{"tailLines":100}'), all);
    assert.match(log.get('saved') ?? '', /"wrap":true/);
    assert.equal(log.get('dom'), '0', 'no element was injected');
    assert.equal(log.get('otherRun'), '1 line · 1 step: 1 streaming');
  },
);
