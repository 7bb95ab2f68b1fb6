/**
 * The logs view host (client/src/logs/logs-view.ts) against a small fake of the `vscode` API and the
 * API emulator: command arguments, the page's CSP, reset on ready and batched updates, the
 * open-after-submit setting, focus on a node, copy and save as, restore from the saved state.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Module from 'node:module';
import type { HostMessage, PersistedLogsState, WebviewMessage } from '../../client/src/logs/messages';
import type * as ViewModule from '../../client/src/logs/logs-view';
import type { LogSession } from '../../client/src/logs/log-session';
import { podsOf, startLogEmulator, tick, waitFor, type LogEmulator } from './helpers';
import { EventEmitter as Emitter } from '../client/helpers/fake-vscode';
import type { KubeObject } from '../cluster';

/** A Workflow with two parallel steps, `a` and `b`. */
function twoParallelSteps(name: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name },
    spec: {
      entrypoint: 'main',
      templates: [
        {
          name: 'main',
          steps: [
            [
              { name: 'a', template: 'say' },
              { name: 'b', template: 'say' },
            ],
          ],
        },
        { name: 'say', container: { image: 'alpine' } },
      ],
    },
  };
}

class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static joinPath(u: Uri, ...parts: string[]): Uri {
    return new Uri(u.scheme, [u.path, ...parts].join('/'));
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

const world = {
  posted: [] as HostMessage[],
  commands: new Map<string, (...a: unknown[]) => unknown>(),
  executed: [] as string[],
  errors: [] as string[],
  info: [] as string[],
  clipboard: '',
  written: [] as { uri: string; text: string }[],
  inputBox: undefined as string | undefined,
  settings: new Map<string, unknown>(),
  provider: undefined as undefined | { resolveWebviewView(v: FakeView, c: { state: unknown }, t: unknown): void },
  postDelayMs: 0,
};

class FakeView {
  visible = true;
  description: string | undefined;
  readonly messages = new Emitter<WebviewMessage>();
  readonly visibility = new Emitter<void>();
  readonly disposed = new Emitter<void>();
  readonly webview = {
    options: {} as unknown,
    html: '',
    cspSource: 'vscode-webview-resource:',
    asWebviewUri: (u: Uri): Uri => u,
    postMessage: async (m: HostMessage): Promise<boolean> => {
      world.posted.push(m);
      if (world.postDelayMs) await tick(world.postDelayMs);
      return true;
    },
    onDidReceiveMessage: this.messages.event,
  };
  onDidChangeVisibility = this.visibility.event;
  onDidDispose = this.disposed.event;
}

const fakeVscode = {
  Uri,
  commands: {
    registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => {
      world.commands.set(id, fn);
      return { dispose: () => world.commands.delete(id) };
    },
    executeCommand: (id: string) => {
      world.executed.push(id);
      return Promise.resolve();
    },
  },
  window: {
    registerWebviewViewProvider: (_id: string, p: typeof world.provider) => {
      world.provider = p;
      return { dispose: () => undefined };
    },
    showErrorMessage: (m: string) => {
      world.errors.push(m);
      return Promise.resolve(undefined);
    },
    showInformationMessage: (m: string) => {
      world.info.push(m);
      return Promise.resolve(undefined);
    },
    setStatusBarMessage: (m: string) => {
      world.info.push(m);
      return { dispose: () => undefined };
    },
    showInputBox: () => Promise.resolve(world.inputBox),
    showSaveDialog: (o: { defaultUri?: Uri }) => Promise.resolve(o.defaultUri ?? Uri.file('/tmp/x.log')),
  },
  env: {
    clipboard: {
      writeText: (t: string) => {
        world.clipboard = t;
        return Promise.resolve();
      },
    },
  },
  workspace: {
    getConfiguration: () => ({ get: <T>(k: string, d: T): T => (world.settings.has(k) ? (world.settings.get(k) as T) : d) }),
    onDidChangeConfiguration: new Emitter<unknown>().event,
    workspaceFolders: [{ uri: Uri.file('/ws') }],
    asRelativePath: (u: Uri) => u.path,
    fs: {
      writeFile: (u: Uri, bytes: Uint8Array) => {
        world.written.push({ uri: u.toString(), text: new TextDecoder().decode(bytes) });
        return Promise.resolve();
      },
    },
  },
};

// Route `require('vscode')` to the fake (CommonJS, as tsx runs these files).
const FAKE = '/virtual/vscode-fake-logs.js';
const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string; _cache: Record<string, unknown> };
const resolve = M._resolveFilename.bind(Module);
M._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE : resolve(request, ...rest));
M._cache[FAKE] = { id: FAKE, filename: FAKE, loaded: true, exports: fakeVscode, children: [], paths: [] };

let t: LogEmulator;
before(async () => {
  t = await startLogEmulator();
  t.emu.controller.script('say', (ctx) => ({
    lines: [`\x1b[32m${ctx.nodeName}\x1b[0m says hi`, 'second line'],
    intervalMs: 100,
    durationMs: 300,
    pendingMs: 100,
    initMs: 100,
  }));
});
after(async () => {
  await t?.stop();
});

function lastOf<T extends HostMessage['type']>(type: T): Extract<HostMessage, { type: T }> {
  const m = [...world.posted].reverse().find((x) => x.type === type);
  assert.ok(m, `no ${type} message; got ${world.posted.map((x) => x.type).join(', ')}`);
  return m as Extract<HostMessage, { type: T }>;
}

test('logs view host: command, CSP, reset + batched updates, focus, after-submit setting, copy, save, restore', { timeout: 30_000 }, async () => {
  const { registerLogsView } = Module.createRequire(__filename)('../../client/src/logs/logs-view') as typeof ViewModule;
  const context = { subscriptions: [] as { dispose(): void }[], extensionUri: Uri.file('/ext') };
  let connected = true;
  let sourceChanged: (() => void) | undefined;
  const cluster = { connection: t.conn, pods: t.pods, error: undefined, onDidChange: () => ({ dispose: () => undefined }) };
  const controller = registerLogsView(context as never, cluster, {
    resolveSource: () => (connected ? t.choice : { error: 'Not connected to a cluster' }),
    onceSourceChanges: (l) => {
      sourceChanged = l;
      return { dispose: () => (sourceChanged = undefined) };
    },
  });
  const current = (): LogSession | undefined => controller.current; // (a function: no narrowing across awaits)
  try {
    assert.deepEqual([...world.commands.keys()].sort(), ['argoStudio.logs.copy', 'argoStudio.logs.saveAs', 'argoStudio.openLogs']);

    // Bad arguments are refused with a message.
    await world.commands.get('argoStudio.openLogs')?.({ namespace: 'argo', workflowName: 'Bad Name!' });
    assert.deepEqual(world.errors, ['Argo logs: invalid workflow name "Bad Name!"']);

    // The view: strict CSP with a nonce, no inline handlers.
    const view = new FakeView();
    world.provider?.resolveWebviewView(view, { state: undefined }, undefined);
    const html = view.webview.html;
    const nonce = /'nonce-([A-Za-z0-9]+)'/.exec(html)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce in the CSP');
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="file:///ext/dist/media/logs.js"></script>`));
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    view.messages.fire({ type: 'ready', state: undefined });
    await tick();
    assert.match(lastOf('reset').empty ?? '', /No logs yet/);

    // Opened after a submit while the setting says no: nothing happens.
    world.settings.set('logs.openAfterSubmit', false);
    await world.commands.get('argoStudio.openLogs')?.({ namespace: 'argo', workflowName: 'hello', trigger: 'submit' });
    assert.equal(current(), undefined);
    world.settings.delete('logs.openAfterSubmit');

    // A run with two parallel steps.
    t.emu.apply(twoParallelSteps('hello'));
    t.emu.manualClock.advance(0);
    world.postDelayMs = 30; // the webview is slow: updates must not pile up
    await world.commands.get('argoStudio.openLogs')?.({ namespace: 'argo', workflowName: 'hello', trigger: 'submit' });
    assert.ok(world.executed.includes('argoStudio.logs.focus'), 'the view is revealed');
    const session = current();
    assert.ok(session);
    assert.equal(lastOf('reset').info?.target.workflowName, 'hello');
    await waitFor(() => session.stepViews().length === 2, 'two steps');
    for (let i = 0; i < 30 && !session.info.done; i++) {
      t.emu.manualClock.advance(200);
      await tick(20);
    }
    await session.whenSettled();
    await waitFor(() => view.description === 'argo/hello (finished)', 'the description');
    // What the webview received (reset + updates) adds up to the host's store.
    const resetAt = world.posted.lastIndexOf(lastOf('reset'));
    const got = world.posted.slice(resetAt).flatMap((m) => (m.type === 'reset' || m.type === 'update' ? m.lines : []));
    const sorted = [...got].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.seq - y.seq));
    assert.deepEqual(
      sorted.map((l) => l.seq),
      session.store.toArray().map((l) => l.seq),
    );
    assert.equal(session.store.toArray().filter((l) => !l.notice).length, 4);

    // Open one node of the same run: same session, the webview is told to show that step.
    const podA = podsOf(t.emu, 'hello').find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] === 'hello[0].a');
    await world.commands.get('argoStudio.openLogs')?.({
      namespace: 'argo',
      workflowName: 'hello',
      nodeId: podA?.metadata.annotations?.['workflows.argoproj.io/node-id'],
    });
    assert.equal(current(), session);
    assert.deepEqual(lastOf('focus'), { type: 'focus', podName: podA?.metadata.name });

    // Copy / save: the visible webview sends what it shows.
    await world.commands.get('argoStudio.logs.copy')?.();
    assert.deepEqual(lastOf('requestExport'), { type: 'requestExport', action: 'copy' });
    view.messages.fire({ type: 'export', action: 'copy', text: 'a: one\n', fileName: 'hello-a-main.log' });
    await tick();
    assert.equal(world.clipboard, 'a: one\n');
    view.messages.fire({ type: 'export', action: 'save', text: 'saved text\n', fileName: 'hello-a-main.log' });
    await waitFor(() => world.written.length === 1, 'the file');
    assert.deepEqual(world.written[0], { uri: 'file:///ws/hello-a-main.log', text: 'saved text\n' });
    // Hidden view: the host saves every line itself (ANSI removed, step prefixes).
    view.visible = false;
    view.visibility.fire();
    await world.commands.get('argoStudio.logs.saveAs')?.();
    assert.equal(world.written.length, 2);
    assert.deepEqual(
      world.written[1].text
        .split('\n')
        .filter((l) => / says hi$/.test(l))
        .map((l) => l.replace(/ \S+Z /, ' TS '))
        .sort(),
      ['a: TS hello[0].a says hi', 'b: TS hello[0].b says hi'],
    );

    // Restore after a reload: a new view with the saved state reopens the session, once connected.
    controller.dispose();
    assert.equal(current(), undefined);
    const state: PersistedLogsState = { target: { namespace: 'argo', workflowName: 'hello' }, container: 'main', view: { wrap: true } };
    const again = new FakeView();
    connected = false;
    world.provider?.resolveWebviewView(again, { state }, undefined);
    assert.equal(current(), undefined, 'no cluster connection yet');
    connected = true;
    sourceChanged?.();
    assert.equal(current()?.target.workflowName, 'hello');
    again.messages.fire({ type: 'ready', state });
    await waitFor(
      () =>
        current()
          ?.store.toArray()
          .filter((l) => !l.notice).length === 4,
      'the restored lines',
    );
    again.messages.fire({ type: 'setContainer', container: 'wait' });
    assert.equal(current()?.info.container, 'wait');

    // From the palette: asks for the workflow.
    world.inputBox = 'other/some-wf';
    await world.commands.get('argoStudio.openLogs')?.();
    assert.deepEqual(current()?.target, { namespace: 'other', workflowName: 'some-wf' });
  } finally {
    world.postDelayMs = 0;
    for (const d of context.subscriptions) d.dispose();
  }
});

test("with the logs panel open on a running workflow, each pod is watched once (the runs store's watch)", { timeout: 30_000 }, async () => {
  const { registerLogsView } = Module.createRequire(__filename)('../../client/src/logs/logs-view') as typeof ViewModule;
  const { ConnectionManager } = Module.createRequire(__filename)(
    '../../client/src/runs/connection-manager',
  ) as typeof import('../../client/src/runs/connection-manager.js');
  t.pods.loop.stop(); // the helper's own index: only the runs store watches now
  const emu = t.emu;
  const manager = new ConnectionManager({ settings: () => ({ kubeconfig: emu.kubeconfigPath, namespace: 'argo' }), env: {} });
  const context = { subscriptions: [] as { dispose(): void }[], extensionUri: Uri.file('/ext') };
  try {
    const start = emu.requests.length;
    manager.connect();
    await waitFor(() => manager.store?.podsLoop.isWatching === true, 'the runs store watching pods');
    const controller = registerLogsView(context as never, manager);
    const from = emu.requests.length;
    emu.apply(twoParallelSteps('once'));
    emu.manualClock.advance(0);
    await world.commands.get('argoStudio.openLogs')?.({ namespace: 'argo', workflowName: 'once' });
    const session = controller.current;
    assert.ok(session);
    await waitFor(() => session.stepViews().length === 2, 'two steps');
    for (let i = 0; i < 30 && !session.info.done; i++) {
      emu.manualClock.advance(200);
      await tick(20);
    }
    await session.whenSettled();
    assert.equal(session.store.toArray().filter((l) => !l.notice).length, 4);
    const podWatches = emu.requests.slice(from).filter((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/argo/pods' && r.query.watch === 'true');
    const podLists = emu.requests.slice(from).filter((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/argo/pods' && r.query.watch !== 'true');
    assert.deepEqual(
      [podWatches.length, podLists.length],
      [0, 0],
      `the logs opened no pod watch or list of their own: ${JSON.stringify([...podWatches, ...podLists])}`,
    );
    const all = emu.requests.slice(start).filter((r) => r.path === '/api/v1/namespaces/argo/pods' && r.query.watch === 'true');
    assert.equal(all.length, 1, "one pod watch in all: the runs store's");
    assert.equal(all[0].query.labelSelector, 'workflows.argoproj.io/workflow');
    assert.equal(manager.store?.podsLoop.stats.watches, 1);
  } finally {
    for (const d of context.subscriptions) d.dispose();
    manager.dispose();
  }
});
