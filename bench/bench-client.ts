/**
 * A language client for the benchmark: like test/helpers/lsp-client.ts (copied, not shared, so the
 * tests' helper stays free to change), but every wait is bounded and reported instead of thrown, requests
 * can be cancelled like VS Code does ($/cancelRequest), and publications are time-stamped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CancellationTokenSource,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface ServerUnderTest {
  readonly name: string;
  /** Node script and arguments. */
  readonly command: string[];
  /** Settings to push after initialize (and answer to workspace/configuration). */
  readonly settings?: Record<string, unknown>;
}

export type Failure = 'timeout' | 'error' | 'cancelled';

/** What became of a request or a wait: `at` is the performance.now() when it settled. */
export type Outcome<T> =
  | { readonly ok: true; readonly at: number; readonly value: T }
  | { readonly ok: false; readonly at: number; readonly failure: Failure; readonly message: string };

/** Methods whose support the server declares in its capabilities (custom methods are assumed supported). */
const CAPABILITY: Readonly<Record<string, keyof ServerCapabilities>> = {
  'textDocument/documentSymbol': 'documentSymbolProvider',
  'textDocument/foldingRange': 'foldingRangeProvider',
  'textDocument/codeLens': 'codeLensProvider',
  'textDocument/codeAction': 'codeActionProvider',
  'textDocument/hover': 'hoverProvider',
  'textDocument/completion': 'completionProvider',
};

/** Client capabilities close to VS Code's for the features the benchmark exercises. */
const CLIENT_CAPABILITIES = {
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, labelSupport: true },
    foldingRange: { lineFoldingOnly: true, rangeLimit: 5000 },
    codeLens: {},
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'],
        },
      },
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
  },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
};

interface DiagnosticsWaiter {
  readonly uri: string;
  readonly version: number;
  readonly resolve: (p: PublishDiagnosticsParams, at: number) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class BenchClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly exitListeners = new Set<() => void>();
  private stderrTail = '';
  private capabilities: ServerCapabilities = {};
  /** Whether the server published diagnostics without a version (then "of version v" means "the first after the change"). */
  unversionedDiagnostics = false;

  private constructor(private readonly server: ServerUnderTest) {
    this.child = spawn(process.execPath, server.command, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-4000);
    });
    this.child.on('exit', () => {
      for (const l of [...this.exitListeners]) l();
    });
    this.child.on('error', () => undefined);
    if (!this.child.stdout || !this.child.stdin) throw new Error('server has no stdio');
    this.child.stdin.on('error', () => undefined);
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onError(() => undefined);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const at = performance.now();
      if (p.version === undefined) this.unversionedDiagnostics = true;
      this.latest.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (p.version === undefined || p.version >= w.version)) {
          this.waiters.delete(w);
          w.resolve(p, at);
        }
      }
    });
    const settings = server.settings ?? {};
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section ? settings[i.section] : settings) ?? null),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  /** Starts the server, initializes it and pushes its settings; throws (after `timeoutMs` at most) if it does not answer. */
  static async start(server: ServerUnderTest, timeoutMs = 30_000): Promise<BenchClient> {
    const client = new BenchClient(server);
    const init = await client.request<InitializeResult>(
      InitializeRequest.method,
      { processId: process.pid, rootUri: 'file:///bench', capabilities: CLIENT_CAPABILITIES, workspaceFolders: [{ uri: 'file:///bench', name: 'bench' }] },
      { timeoutMs },
    );
    if (!init.ok) {
      await client.stop();
      throw new Error(`${server.name} did not initialize: ${init.failure} ${init.message}`);
    }
    client.capabilities = init.value.capabilities;
    await client.connection.sendNotification(InitializedNotification.type, {});
    if (server.settings) await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: server.settings });
    await sleep(200);
    return client;
  }

  get name(): string {
    return this.server.name;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The last lines the server wrote to stderr (for error messages). */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Whether the server declares `method` (custom `argoStudio/...` methods: only our server has them). */
  supports(method: string): boolean {
    const key = CAPABILITY[method];
    if (key) return Boolean(this.capabilities[key]);
    return this.server.name === 'argo-studio' || !method.startsWith('argoStudio/');
  }

  /** Diagnostics last published for `uri` (what the editor shows right now). */
  shownDiagnostics(uri: string): Diagnostic[] {
    return this.latest.get(uri) ?? [];
  }

  /**
   * Sends a request; never throws. On timeout the request is cancelled. `source` lets the caller cancel it
   * (as VS Code does when the document changes); the outcome is then whatever the server answers (an error
   * RequestCancelled, ServerCancelled or ContentModified counts as 'cancelled').
   */
  request<T>(method: string, params: unknown, opts: { timeoutMs: number; source?: CancellationTokenSource }): Promise<Outcome<T>> {
    const source = opts.source ?? new CancellationTokenSource();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (o: Outcome<T>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.exitListeners.delete(onExit);
        resolve(o);
      };
      const onExit = (): void => finish({ ok: false, at: performance.now(), failure: 'error', message: `server exited; ${this.stderrTail.slice(-300)}` });
      const timer = setTimeout(() => {
        source.cancel();
        finish({ ok: false, at: performance.now(), failure: 'timeout', message: `${method}: no answer within ${opts.timeoutMs} ms` });
      }, opts.timeoutMs);
      if (this.exited) return onExit();
      this.exitListeners.add(onExit);
      this.connection.sendRequest<T>(method, params, source.token).then(
        (value) => finish({ ok: true, at: performance.now(), value }),
        (e: unknown) => {
          // ContentModified: the server dropped the answer of an outdated version, as VS Code expects after a change.
          const cancelled =
            e instanceof ResponseError &&
            (e.code === LSPErrorCodes.RequestCancelled || e.code === LSPErrorCodes.ServerCancelled || e.code === LSPErrorCodes.ContentModified);
          finish({ ok: false, at: performance.now(), failure: cancelled ? 'cancelled' : 'error', message: e instanceof Error ? e.message : String(e) });
        },
      );
    });
  }

  /**
   * Resolves with the first publication for `uri` of `version` or later (or, from a server that does not
   * version its diagnostics, the first publication from now on). Register it before sending the change.
   */
  diagnostics(uri: string, version: number, timeoutMs: number): Promise<Outcome<PublishDiagnosticsParams>> {
    return new Promise((resolve) => {
      const finish = (o: Outcome<PublishDiagnosticsParams>): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        this.exitListeners.delete(onExit);
        resolve(o);
      };
      const waiter: DiagnosticsWaiter = { uri, version, resolve: (p, at) => finish({ ok: true, at, value: p }) };
      const onExit = (): void => finish({ ok: false, at: performance.now(), failure: 'error', message: `server exited; ${this.stderrTail.slice(-300)}` });
      const timer = setTimeout(
        () => finish({ ok: false, at: performance.now(), failure: 'timeout', message: `no diagnostics for ${uri}@${version} within ${timeoutMs} ms` }),
        timeoutMs,
      );
      if (this.exited) return onExit();
      this.waiters.add(waiter);
      this.exitListeners.add(onExit);
    });
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection
      .sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } })
      .catch(() => undefined);
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection
      .sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes })
      .catch(() => undefined);
  }

  /** Peak resident set of the server process, threads included (VmHWM), in MB. */
  peakRssMb(): number {
    if (!this.child.pid || this.exited) return NaN;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  /** Shutdown, exit; SIGKILL after a few seconds if the server is busy or stuck. Never throws. */
  async stop(): Promise<void> {
    if (!this.exited) {
      await this.request(ShutdownRequest.method, undefined, { timeoutMs: 2000 });
      await this.connection.sendNotification(ExitNotification.type).catch(() => undefined);
    }
    await new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const t = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
