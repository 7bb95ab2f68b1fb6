/**
 * The graph panel host (client/src/graph) against a small fake of the `vscode` API and a language
 * client that answers from the real server code (the analysis worker's documents + computeGraph).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import { LayoutCache } from '../../server/src/core/graph/layout';
import type { GraphRequestParams } from '../../server/src/core/graph/protocol';
import { GraphHost } from '../helpers/graph-host';
import type { HostMessage, WebviewMessage } from '../../client/src/graph/messages';
import type * as PanelModule from '../../client/src/graph/graph-panel';
import { EventEmitter as Emitter } from '../client/helpers/fake-vscode';

class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(s: string): Uri {
    const m = /^([a-z]+):\/\/(.*)$/.exec(s);
    return m ? new Uri(m[1], m[2]) : new Uri('file', s);
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    const segs = u.path.split('/');
    for (const p of parts.join('/').split('/')) {
      if (p === '..') segs.pop();
      else if (p && p !== '.') segs.push(p);
    }
    return new Uri(u.scheme, segs.join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

interface Pos {
  line: number;
  character: number;
}
class Range {
  constructor(
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}
}

const URI = 'file:///w/nested.yaml';
const TEXT = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: nested-}
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: A, template: inner}
      - {name: B, template: leaf, depends: A}
  - name: inner
    steps:
    - - {name: s1, template: leaf}
    - - {name: s2, template: leaf}
  - name: leaf
    container: {image: alpine}
`;

function offsetOf(text: string, p: Pos): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
  return o + p.character;
}
function posOf(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The recorded world of the fake editor. */
const world = {
  text: TEXT,
  version: 1,
  posted: [] as HostMessage[],
  panels: [] as FakePanel[],
  shown: [] as { uri: string; selection: Range | undefined }[],
  written: [] as { uri: string; bytes: Uint8Array }[],
  info: [] as string[],
  commands: new Map<string, (...a: unknown[]) => unknown>(),
  serializer: undefined as undefined | { deserializeWebviewPanel(p: FakePanel, s: unknown): Promise<void> },
  onChange: new Emitter<{ document: { uri: Uri }; contentChanges: unknown[] }>(),
  onSelection: new Emitter<{ textEditor: { document: ReturnType<typeof doc> }; selections: { active: Pos }[] }>(),
  onConfig: new Emitter<{ affectsConfiguration(s: string): boolean }>(),
};

class FakePanel {
  title: string;
  visible = true;
  active = true;
  readonly messages = new Emitter<WebviewMessage>();
  readonly disposed = new Emitter<void>();
  readonly viewState = new Emitter<{ webviewPanel: FakePanel }>();
  readonly webview = {
    options: {} as unknown,
    html: '',
    cspSource: 'vscode-webview-resource:',
    asWebviewUri: (u: Uri): Uri => u,
    postMessage: (m: HostMessage): Promise<boolean> => {
      world.posted.push(m);
      return Promise.resolve(true);
    },
    onDidReceiveMessage: this.messages.event,
  };
  onDidDispose = this.disposed.event;
  onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string) {
    this.title = '';
  }
  reveal(): void {}
  dispose(): void {
    this.disposed.fire();
  }
}

const doc = (): { uri: Uri; version: number; offsetAt(p: Pos): number; getText(): string } => ({
  uri: Uri.parse(URI),
  version: world.version,
  offsetAt: (p: Pos) => offsetOf(world.text, p),
  getText: () => world.text,
});

const fakeVscode = {
  Uri,
  Range,
  ViewColumn: { One: 1, Beside: -2 },
  TextEditorRevealType: { InCenterIfOutsideViewport: 2 },
  commands: {
    registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => {
      world.commands.set(id, fn);
      return { dispose: () => world.commands.delete(id) };
    },
  },
  window: {
    activeTextEditor: undefined as unknown,
    visibleTextEditors: [] as unknown[],
    createWebviewPanel: (viewType: string) => {
      const p = new FakePanel(viewType);
      world.panels.push(p);
      return p;
    },
    registerWebviewPanelSerializer: (_t: string, s: typeof world.serializer) => {
      world.serializer = s;
      return { dispose: () => undefined };
    },
    onDidChangeTextEditorSelection: world.onSelection.event,
    showTextDocument: (d: { uri: Uri }, o: { selection?: Range }) => {
      world.shown.push({ uri: d.uri.toString(), selection: o.selection });
      return Promise.resolve({ revealRange: () => undefined });
    },
    showSaveDialog: (o: { defaultUri?: Uri }) => Promise.resolve(o.defaultUri),
    showInformationMessage: (m: string) => {
      world.info.push(m);
      return Promise.resolve(undefined);
    },
    showErrorMessage: (m: string) => {
      world.info.push(`error: ${m}`);
      return Promise.resolve(undefined);
    },
  },
  workspace: {
    onDidChangeTextDocument: world.onChange.event,
    onDidChangeConfiguration: world.onConfig.event,
    getConfiguration: () => ({ get: <T>(_k: string, d: T): T => d }),
    openTextDocument: () => Promise.resolve(doc()),
    asRelativePath: (u: Uri) => u.path,
    workspaceFolders: undefined,
    fs: {
      writeFile: (u: Uri, bytes: Uint8Array) => {
        world.written.push({ uri: u.toString(), bytes });
        return Promise.resolve();
      },
    },
  },
};

// Route `require('vscode')` to the fake (CommonJS, as tsx runs these files).
const FAKE = '/virtual/vscode-fake.js';
const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename.bind(Module);
M._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE : resolve(request, ...rest));
M._cache[FAKE] = { id: FAKE, filename: FAKE, loaded: true, exports: fakeVscode, children: [], paths: [] };

const cache = new LayoutCache();
const store = new GraphHost(cache).open(URI, TEXT);
const requests: GraphRequestParams[] = [];
const client = {
  sendRequest: (_method: string, params: GraphRequestParams) => {
    requests.push(params);
    return store.graph(params);
  },
};

const tick = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms));
/** Waits until the host has posted `n` more messages of a type (layouts can take a while when cold). */
async function posted(type: HostMessage['type'], from: number, n = 1): Promise<void> {
  for (let i = 0; i < 300 && world.posted.slice(from).filter((m) => m.type === type).length < n; i++) await tick(10);
}
function lastOf<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> {
  const m = [...world.posted].reverse().find((x) => x.type === type);
  assert.ok(m, `no ${type} message; got ${world.posted.map((x) => x.type).join(', ')}`);
  return m as Extract<HostMessage, { type: T }>;
}

test('graph panel host: open, render, follow edits and the cursor, reveal, toggle, export, restore', async () => {
  // Loaded after the fake is in place (a static import would be evaluated first).
  const { registerGraphView } = Module.createRequire(__filename)('../../client/src/graph/graph-panel') as typeof PanelModule;
  const context = { subscriptions: [] as { dispose(): void }[], extensionUri: Uri.file('/ext') };
  const graphs = registerGraphView(context as never, client as never);
  assert.deepEqual([...world.commands.keys()].sort(), ['argoStudio.exportGraphPng', 'argoStudio.exportGraphSvg', 'argoStudio.openGraph']);

  // Open beside the editor; the page has a strict CSP with a nonce.
  await world.commands.get('argoStudio.openGraph')?.(URI);
  const panel = world.panels[0];
  assert.equal(panel.viewType, 'argoStudio.graph');
  const html = panel.webview.html;
  const nonce = /'nonce-([A-Za-z0-9]+)'/.exec(html)?.[1];
  assert.ok(nonce, 'no nonce in the CSP');
  assert.match(html, /default-src 'none'/);
  assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  assert.match(html, new RegExp(`<script nonce="${nonce}" src="file:///ext/dist/media/graph.js"></script>`));
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline handlers');

  // The webview says it is ready: the host asks the server and posts the laid-out graph.
  panel.messages.fire({ type: 'ready', state: undefined });
  await posted('graph', 0);
  const first = lastOf('graph');
  assert.equal(first.fit, true);
  assert.deepEqual(
    first.response.graph.nodes.map((n) => n.id),
    ['A', 'B', 'A[0].s1', 'A[1].s2'],
  );
  assert.equal(first.session.template, 'main');
  assert.equal(panel.title, 'Graph: nested.yaml › main');

  // Collapse a group: a new request with the group collapsed, zoom kept (no fit).
  let mark = world.posted.length;
  panel.messages.fire({ type: 'toggle', id: 'A' });
  await posted('graph', mark);
  assert.deepEqual(requests[requests.length - 1].collapsed, ['A']);
  assert.equal(lastOf('graph').fit, false);
  assert.equal(lastOf('graph').response.graph.nodes.length, 2);
  mark = world.posted.length;
  panel.messages.fire({ type: 'expandAll' });
  await posted('graph', mark);
  assert.equal(lastOf('graph').response.graph.nodes.length, 4);

  // Click a node: the editor shows its task.
  panel.messages.fire({ type: 'reveal', id: 'B' });
  await tick();
  const shown = world.shown[world.shown.length - 1];
  assert.equal(shown.uri, URI);
  assert.equal(
    shown.selection?.startLine,
    TEXT.split('\n').findIndex((l) => l.includes('name: B')),
  );

  // Typing: debounced, then a new graph; the layout comes from the cache when the structure stays.
  const at = TEXT.indexOf('alpine');
  world.text = TEXT.replace('alpine', 'busybox');
  world.version = 2;
  store.change(URI, 2, [{ range: { start: posOf(TEXT, at), end: posOf(TEXT, at + 6) }, text: 'busybox' }]);
  const before = world.posted.length;
  world.onChange.fire({ document: { uri: Uri.parse(URI) }, contentChanges: [{}] });
  world.onChange.fire({ document: { uri: Uri.parse(URI) }, contentChanges: [{}] });
  await tick(100);
  assert.equal(world.posted.slice(before).filter((m) => m.type === 'graph').length, 0, 'not debounced');
  await tick(400);
  const edited = world.posted.slice(before).filter((m) => m.type === 'graph');
  assert.equal(edited.length, 1);
  assert.equal(lastOf('graph').response.version, 2);
  assert.equal(lastOf('graph').response.layout.cached, true);

  // The cursor moves: the task under it is highlighted without asking the server.
  const asked = requests.length;
  const line = world.text.split('\n').findIndex((l) => l.includes('name: B'));
  world.onSelection.fire({ textEditor: { document: doc() }, selections: [{ active: { line, character: 12 } }] });
  assert.deepEqual(lastOf('active').ids, ['B']);
  // In the body of a called template: the nodes that call it.
  const leafLine = world.text.split('\n').findIndex((l) => l.includes('busybox'));
  world.onSelection.fire({ textEditor: { document: doc() }, selections: [{ active: { line: leafLine, character: 6 } }] });
  assert.deepEqual(lastOf('active').ids, ['B', 'A[0].s1', 'A[1].s2']);
  assert.equal(requests.length, asked);

  // Export SVG: the webview draws it in the theme's colours, the host saves it next to the file.
  const exporting = world.commands.get('argoStudio.exportGraphSvg')?.();
  await tick();
  const req = lastOf('export');
  assert.equal(req.format, 'svg');
  panel.messages.fire({ type: 'exported', requestId: req.requestId, format: 'svg', data: '<svg/>' });
  await exporting;
  const file = world.written[world.written.length - 1];
  assert.equal(file.uri, 'file:///w/nested-main.svg');
  assert.equal(new TextDecoder().decode(file.bytes), '<svg/>');

  // Another template; an unknown one comes back as an error message for the webview.
  mark = world.posted.length;
  panel.messages.fire({ type: 'setTemplate', template: 'inner' });
  await posted('graph', mark);
  assert.deepEqual(
    lastOf('graph').response.graph.nodes.map((n) => n.id),
    ['[0].s1', '[1].s2'],
  );
  assert.equal(panel.title, 'Graph: nested.yaml › inner');
  mark = world.posted.length;
  panel.messages.fire({ type: 'setTemplate', template: 'nope' });
  await posted('error', mark);
  assert.match(lastOf('error').message, /Template "nope" is not defined/);

  // Run overlay data goes to the webview.
  assert.equal(graphs.setPhases(URI, { '[0].s1': { phase: 'Running' } }), true);
  assert.deepEqual(lastOf('phases').phases, { '[0].s1': { phase: 'Running' } });
  assert.equal(graphs.setPhases('file:///other.yaml', undefined), false);

  // After a reload the serializer restores a panel from the state the webview saved.
  panel.dispose();
  const restored = new FakePanel('argoStudio.graph');
  await world.serializer?.deserializeWebviewPanel(restored, {
    session: { uri: URI, template: 'inner', direction: 'LR', showArtifacts: false, collapsed: [] },
    view: { x: 1, y: 2, k: 0.5 },
  });
  assert.match(restored.webview.html, /Content-Security-Policy/);
  mark = world.posted.length;
  restored.messages.fire({
    type: 'ready',
    state: { session: { uri: URI, template: 'inner', direction: 'LR', showArtifacts: false, collapsed: [] }, view: { x: 1, y: 2, k: 0.5 } },
  });
  await posted('graph', mark);
  const after = requests[requests.length - 1];
  assert.equal(after.template, 'inner');
  assert.equal(after.direction, 'LR');
  assert.equal(after.showArtifacts, false);
  assert.equal(lastOf('graph').fit, false, 'a restored view keeps its zoom and position');
  for (const d of context.subscriptions) d.dispose();
});
