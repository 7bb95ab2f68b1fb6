/**
 * The graph webview script (dist/media/graph.js) in headless Chromium, under the same strict CSP as in
 * VS Code, with a stub of the webview API. Skipped when Chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dumpDom, type StaticFiles } from '../helpers/headless-page';
import { chromiumSkip } from '../helpers/tools';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { layoutGraph } from '../../server/src/core/graph/layout';

const ROOT = process.cwd();

const EVIL = '<img src=x onerror=alert(1)>';
const YAML = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: web}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: "${EVIL}", template: inner}
      - {name: b, template: leaf, depends: "'${EVIL}'", withItems: [1, 2]}
  - name: inner
    steps:
    - - {name: s1, template: leaf}
  - name: leaf
    container: {image: "<b>x</b>"}
`;

const NONCE = 'n0nceTest123';

function page(port: number): string {
  const origin = `http://127.0.0.1:${port}`;
  const csp = `default-src 'none'; img-src ${origin} data: blob:; style-src ${origin} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; font-src ${origin}; connect-src ${origin}`;
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/vars.css" nonce="${NONCE}"><link rel="stylesheet" href="/webview.css" nonce="${NONCE}"><link rel="stylesheet" href="/graph.css" nonce="${NONCE}"></head>
<body class="vscode-dark"><div id="app"></div><pre id="log"></pre>
<script nonce="${NONCE}" src="/stub.js"></script><script nonce="${NONCE}" src="/graph.js"></script></body></html>`;
}

const VARS =
  'html{--vscode-editor-background:#1e1e1e;--vscode-editor-foreground:#d4d4d4;--vscode-editorWidget-background:#252526;--vscode-editorWidget-border:#454545;--vscode-focusBorder:#007fd4}';

/** The webview API stub: answers `ready` with the graph, then asks for a PNG export, and logs into #log. */
const STUB = `(function () {
  var log = [];
  function write() { document.getElementById('log').textContent = JSON.stringify(log); }
  document.addEventListener('securitypolicyviolation', function (e) { log.push('csp:' + e.violatedDirective); write(); });
  window.acquireVsCodeApi = function () {
    return {
      getState: function () { return undefined; },
      setState: function () {},
      postMessage: function (m) {
        log.push(m.type);
        if (m.type === 'ready') fetch('/data.json').then(function (r) { return r.json(); }).then(function (d) {
          window.postMessage({ type: 'graph', response: d, session: { uri: d.uri, direction: 'TB', showArtifacts: true, collapsed: [] }, fit: true }, '*');
        });
        if (m.type === 'rendered' && log.filter(function (x) { return x === 'rendered'; }).length === 1) {
          var box = document.querySelector('.argo-graph .box');
          log.push('fill:' + (box ? getComputedStyle(box).fill : 'none'));
          log.push('nodes:' + document.querySelectorAll('.argo-graph .node').length);
          window.postMessage({ type: 'export', format: 'png', requestId: 1 }, '*');
        }
        if (m.type === 'exported') log.push('png:' + (m.data || m.error || '').slice(0, 22));
        write();
      }
    };
  };
})();`;

test('webview: renders under the strict CSP, styles apply, YAML stays text, PNG export works', { skip: chromiumSkip() }, async () => {
  const build = spawnSync(process.execPath, ['scripts/build-media.mjs', 'graph'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const r = buildGraph(analyzeText(YAML));
  if (!r.ok) assert.fail(r.error);
  const layout = await layoutGraph(r.graph);
  const data = JSON.stringify({ ok: true, uri: 'file:///w/web.yaml', version: 1, graph: r.graph, layout, activeNodeIds: [] });
  const files: StaticFiles = {
    '/graph.js': ['text/javascript', readFileSync(join(ROOT, 'dist', 'media', 'graph.js'), 'utf8')],
    '/webview.css': ['text/css', readFileSync(join(ROOT, 'media', 'common', 'webview.css'), 'utf8')],
    '/graph.css': ['text/css', readFileSync(join(ROOT, 'media', 'graph', 'graph.css'), 'utf8')],
    '/vars.css': ['text/css', VARS],
    '/stub.js': ['text/javascript', STUB],
    '/data.json': ['application/json', data],
  };
  const dom = await dumpDom(files, page, { windowSize: '900,700', virtualTimeMs: 5000, timeoutMs: 60_000 });
  const log = JSON.parse((/<pre id="log">([^<]*)<\/pre>/.exec(dom)?.[1] ?? '[]').replace(/&quot;/g, '"')) as string[];
  assert.deepEqual(
    log.filter((l) => l.startsWith('csp:')),
    [],
    'CSP violations',
  );
  assert.deepEqual(log.slice(0, 2), ['ready', 'rendered']);
  assert.ok(log.includes('nodes:3'), log.join(' '));
  assert.ok(log.includes('fill:rgb(37, 37, 38)'), `theme colours not applied: ${log.join(' ')}`);
  assert.ok(
    log.some((l) => l.startsWith('png:data:image/png;base64,')),
    `no PNG: ${log.join(' ')}`,
  );
  assert.match(dom, /data-name="&lt;img src=x onerror=alert\(1\)&gt;"/);
  assert.doesNotMatch(dom, /<img|<b>x/);
  assert.match(dom, /&lt;img src=x onerror=alert\(1\)&gt;<\/text>/);
});
