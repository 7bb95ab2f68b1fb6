// A small fake of the `vscode` API, enough to drive client/src/runs/register.ts in Node: commands,
// tree views, status bar, quick picks and messages (scripted answers), configuration, content
// providers, CodeLens providers, diagnostics. `install()` routes require('vscode') to it.

import Module from 'node:module';

type Listener<T> = (e: T) => void;
export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (l: Listener<T>): { dispose(): void } => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static parse(s: string): Uri {
    const m = /^([a-z-]+):(?:\/\/)?(.*)$/.exec(s);
    return m ? new Uri(m[1], m[2].startsWith('/') ? m[2] : `/${m[2]}`) : new Uri('file', s);
  }
  static file(p: string): Uri {
    return new Uri('file', p);
  }
  static from(c: { scheme: string; path: string }): Uri {
    return new Uri(c.scheme, c.path);
  }
  toString(): string {
    return this.scheme === 'file' ? `file://${this.path}` : `${this.scheme}:${this.path}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}
export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}
export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; arguments?: unknown[] },
  ) {}
}
export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}
export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}

export class FakeDocument {
  constructor(
    readonly uri: Uri,
    private readonly text: string,
    readonly languageId = 'yaml',
  ) {}
  getText(): string {
    return this.text;
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
}

export interface Shown {
  kind: 'info' | 'warning' | 'error' | 'quickPick' | 'inputBox';
  text: string;
}

/** What the fake editor recorded, and the answers it gives. */
export const world = {
  commands: new Map<string, (...a: unknown[]) => unknown>(),
  executed: [] as { id: string; args: unknown[] }[],
  shown: [] as Shown[],
  /** Answers to the next messages/quick picks/input boxes, by a substring of their text/title. */
  answers: [] as { match: string; answer: (items: unknown[]) => unknown }[],
  config: new Map<string, unknown>(),
  statusBar: { text: '', tooltip: '' as unknown },
  treeViews: new Map<
    string,
    { provider: { getChildren(e?: unknown): unknown; getTreeItem(e: unknown): TreeItem }; view: { visible: boolean; description?: string } }
  >(),
  contentProviders: new Map<string, { provideTextDocumentContent(u: Uri): string }>(),
  codeLensProviders: [] as { provideCodeLenses(d: FakeDocument): CodeLens[] }[],
  activeTextEditor: undefined as undefined | { document: FakeDocument; selection: { active: Position } },
  documents: new Map<string, FakeDocument>(),
  clipboard: '',
  onConfig: new EventEmitter<{ affectsConfiguration(s: string): boolean }>(),
};

function answer(kind: Shown['kind'], text: string, items: unknown[]): Promise<unknown> {
  world.shown.push({ kind, text });
  const i = world.answers.findIndex((a) => text.includes(a.match));
  if (i < 0) return Promise.resolve(undefined);
  const [a] = world.answers.splice(i, 1);
  return Promise.resolve(a.answer(items));
}

function message(kind: 'info' | 'warning' | 'error') {
  return (text: string, ...rest: unknown[]): Promise<unknown> =>
    answer(
      kind,
      text,
      rest.filter((r) => typeof r === 'string'),
    );
}

const fakeVscode = {
  Uri,
  Range,
  Position,
  CodeLens,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  EventEmitter,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ViewColumn: { One: 1, Beside: -2 },
  commands: {
    registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => {
      world.commands.set(id, fn);
      return { dispose: () => world.commands.delete(id) };
    },
    executeCommand: async (id: string, ...args: unknown[]): Promise<unknown> => {
      world.executed.push({ id, args });
      const fn = world.commands.get(id);
      return fn ? await fn(...args) : undefined;
    },
    getCommands: () => Promise.resolve([...world.commands.keys()]),
  },
  window: {
    get activeTextEditor(): unknown {
      return world.activeTextEditor;
    },
    visibleTextEditors: [] as unknown[],
    createTreeView: (id: string, o: { treeDataProvider: { getChildren(e?: unknown): unknown; getTreeItem(e: unknown): TreeItem } }) => {
      const view = { visible: true, description: undefined as string | undefined, dispose: () => undefined };
      world.treeViews.set(id, { provider: o.treeDataProvider, view });
      return view;
    },
    createStatusBarItem: () => {
      const item = {
        text: '',
        tooltip: '' as unknown,
        command: '',
        name: '',
        backgroundColor: undefined as unknown,
        show: () => undefined,
        dispose: () => undefined,
      };
      return new Proxy(item, {
        set(t, k, v) {
          (t as Record<string | symbol, unknown>)[k] = v;
          if (k === 'text') world.statusBar.text = String(v);
          if (k === 'tooltip') world.statusBar.tooltip = v;
          return true;
        },
      });
    },
    showInformationMessage: message('info'),
    showWarningMessage: message('warning'),
    showErrorMessage: message('error'),
    showQuickPick: (items: unknown[], o?: { title?: string }) => answer('quickPick', o?.title ?? '', items),
    showInputBox: (o?: { title?: string; value?: string }) => answer('inputBox', o?.title ?? '', [o?.value]),
    showTextDocument: (d: unknown) => Promise.resolve({ document: d }),
  },
  workspace: {
    getConfiguration: () => ({ get: <T>(k: string, d?: T): T | undefined => (world.config.has(k) ? (world.config.get(k) as T) : d) }),
    onDidChangeConfiguration: world.onConfig.event,
    registerTextDocumentContentProvider: (scheme: string, p: { provideTextDocumentContent(u: Uri): string }) => {
      world.contentProviders.set(scheme, p);
      return { dispose: () => undefined };
    },
    openTextDocument: (u: Uri | string) => {
      const uri = typeof u === 'string' ? Uri.parse(u) : u;
      const known = world.documents.get(uri.toString());
      if (known) return Promise.resolve(known);
      const p = world.contentProviders.get(uri.scheme);
      return Promise.resolve(new FakeDocument(uri, p ? p.provideTextDocumentContent(uri) : ''));
    },
    get textDocuments(): FakeDocument[] {
      return [...world.documents.values()];
    },
    workspaceFolders: [{ uri: Uri.file('/work/project') }],
  },
  languages: {
    registerCodeLensProvider: (_s: unknown, p: { provideCodeLenses(d: FakeDocument): CodeLens[] }) => {
      world.codeLensProviders.push(p);
      return { dispose: () => undefined };
    },
    getDiagnostics: () => [] as unknown[],
  },
  env: {
    clipboard: {
      writeText: (t: string) => {
        world.clipboard = t;
        return Promise.resolve();
      },
    },
  },
};

/** Routes `require('vscode')` to the fake (call before loading the modules under test). */
export function install(): void {
  const FAKE = '/virtual/vscode-fake-runs.js';
  const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string; _cache: Record<string, unknown> };
  const resolve = M._resolveFilename.bind(Module);
  M._resolveFilename = (request: string, ...rest: unknown[]): string => (request === 'vscode' ? FAKE : resolve(request, ...rest));
  M._cache[FAKE] = { id: FAKE, filename: FAKE, loaded: true, exports: fakeVscode, children: [], paths: [] };
}

/** A Memento for context.workspaceState. */
export function memento(): { get<T>(k: string, d?: T): T | undefined; update(k: string, v: unknown): Promise<void> } {
  const m = new Map<string, unknown>();
  return {
    get: <T>(k: string, d?: T): T | undefined => (m.has(k) ? (m.get(k) as T) : d),
    update: (k: string, v: unknown) => {
      if (v === undefined) m.delete(k);
      else m.set(k, v);
      return Promise.resolve();
    },
  };
}
