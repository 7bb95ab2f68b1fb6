/**
 * End-to-end harness: the packaged extension inside real VS Code (code-server) driven by headless
 * Chromium through playwright-core, against the Kubernetes API emulator (test/cluster).
 *
 * `startSession()` installs or reuses code-server (scripts/e2e-setup.sh), packages the .vsix
 * (`npm run package`), installs it into a throw-away profile, starts the emulator and code-server on
 * 127.0.0.1 (KUBECONFIG and the kubeconfig setting point at the emulator), and launches Chromium.
 * Every process it starts is ended by `stop()`, by signal handlers, and by a watchdog that outlives a
 * killed test process. test/e2e/README.md describes the recipe this follows.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../cluster/index.js';
import type { Backend } from '../backends/backend';
import { emulatorBackend } from '../backends/emulator-backend';
import { startRealBackend } from '../backends/real-backend';

export const REPO = resolve(__dirname, '../..');
export const RESULTS = join(REPO, 'test-results', 'e2e');
/** The README's pictures: written here only when E2E_PICTURES=1 (else beside the results). */
export const PICTURES = process.env.E2E_PICTURES === '1' ? join(REPO, 'docs', 'images') : join(RESULTS, 'pictures');
export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const CODE_SERVER_VERSION = '4.100.3';

function log(msg: string): void {
  process.stderr.write(`e2e: ${msg}\n`);
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------
// Processes: everything started here is registered, and ended on stop, on signals and on exit.

interface Owned {
  readonly name: string;
  readonly child: ChildProcess;
  readonly group: boolean;
}

const owned = new Set<Owned>();

function killOwned(signal: NodeJS.Signals): void {
  for (const o of owned) {
    if (o.child.exitCode !== null || o.child.signalCode !== null || o.child.pid === undefined) continue;
    try {
      process.kill(o.group ? -o.child.pid : o.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

let handlersInstalled = false;
function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => killOwned('SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      log(`${sig}: stopping every process the e2e harness started`);
      killOwned('SIGTERM');
      setTimeout(() => process.exit(130), 1500).unref();
    });
  }
}

async function endProcess(o: Owned, graceMs = 5000): Promise<void> {
  const { child } = o;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
    owned.delete(o);
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const send = (sig: NodeJS.Signals): void => {
    try {
      process.kill(o.group ? -child.pid! : child.pid!, sig);
    } catch {
      // gone
    }
  };
  send('SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    log(`${o.name} did not stop within ${seconds(graceMs)}: SIGKILL`);
    send('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000).unref())]);
  }
  // The group may hold children that outlive the leader (extension host, language server, pty host).
  if (o.group) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // none left
    }
  }
  owned.delete(o);
}

/** Ends a process group (and removes the scratch dir) when this test process disappears, even by SIGKILL. */
function watchdog(pgid: number, scratch: string): Owned {
  // (dash's kill takes no `--`: `kill -TERM -PGID`.)
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; kill -TERM -${pgid} 2>/dev/null; sleep 3; kill -KILL -${pgid} 2>/dev/null; rm -rf "$1"; exit 0`;
  const child = spawn('sh', ['-c', script, 'watchdog', scratch], { detached: true, stdio: 'ignore' });
  child.unref();
  const o = { name: `watchdog of ${pgid}`, child, group: true };
  owned.add(o);
  return o;
}

function run(what: string, cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number }): string {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? REPO,
    env: opts.env ?? process.env,
    encoding: 'utf8',
    timeout: opts.timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error || r.status !== 0) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`e2e setup step "${what}" failed (${r.error ? r.error.message : `exit ${r.status}`}):\n${out}`);
  }
  log(`${what}: ${seconds(Date.now() - t0)}`);
  return r.stdout;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => res(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited (code ${child.exitCode}) before it answered ${url}; its log: ${logFile}\n${tail(logFile)}`);
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`code-server did not answer ${url} within ${seconds(timeoutMs)}; its log: ${logFile}\n${tail(logFile)}`);
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------

/** Settings of the throw-away profile: quiet, deterministic typing, no network. */
function profileSettings(kubeconfig: string, workspaceTrust: boolean): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'security.workspace.trust.enabled': workspaceTrust,
    // With trust on, a new folder opens in Restricted Mode without the modal question (and says so in a banner).
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'editor.stickyScroll.enabled': false,
    // Typing in the journeys must insert exactly what is typed.
    'editor.autoIndent': 'none',
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.acceptSuggestionOnEnter': 'off',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.wordBasedSuggestions': 'off',
    'editor.parameterHints.enabled': false,
    'editor.hover.delay': 300,
    'editor.hover.above': false,
    'editor.lightbulb.enabled': 'on',
  };
  // The built-in YAML extension's language defaults ("[yaml]": autoIndent advanced, quick suggestions in
  // strings) win over general settings: override them for YAML too.
  settings['[yaml]'] = {
    'editor.autoIndent': 'none',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.formatOnType': false,
  };
  // E2E_TRACE=1: the LSP traffic goes to the "Argo Studio" output log (kept in test-results/e2e/logs/vscode).
  if (process.env.E2E_TRACE === '1') settings['argoStudio.trace.server'] = 'verbose';
  // The kubeconfig setting(s) the extension contributes (whatever their final name), besides KUBECONFIG.
  for (const key of configurationKeys()) if (/kubeconfig/i.test(key)) settings[key] = kubeconfig;
  return settings;
}

interface Contributes {
  commands?: { command: string; title: string; category?: string }[];
  configuration?: { properties?: Record<string, { type?: string | string[] }> } | { properties?: Record<string, { type?: string | string[] }> }[];
  views?: Record<string, { id: string; name: string }[]>;
  viewsContainers?: Record<string, { id: string; title: string }[]>;
}

export function contributes(): Contributes {
  return (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes?: Contributes }).contributes ?? {};
}

function configurationKeys(): string[] {
  const c = contributes().configuration;
  const list = Array.isArray(c) ? c : c ? [c] : [];
  return list.flatMap((x) => Object.keys(x.properties ?? {}));
}

/** The palette title of a contributed command ("Argo: Open Graph"), or undefined when it is not contributed. */
export function commandTitle(id: string): string | undefined {
  const cmd = contributes().commands?.find((c) => c.command === id);
  if (!cmd) return undefined;
  return cmd.category && !cmd.title.startsWith(`${cmd.category}:`) ? `${cmd.category}: ${cmd.title}` : cmd.title;
}

/** A workspace's `.vscode/settings.json` choosing the colour theme (pictures show both). */
export function themeSettings(theme: 'light' | 'dark'): Record<string, string> {
  return { '.vscode/settings.json': JSON.stringify({ 'workbench.colorTheme': theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern' }) };
}

export interface Session {
  readonly port: number;
  readonly root: string;
  readonly emu: Emulator;
  /**
   * The cluster the extension talks to: the emulator, or with ARGO_STUDIO_E2E_CLUSTER=real a real
   * kube-apiserver + etcd + Argo controller (docs/real-cluster.md; journeys 4 and 5 run on both).
   */
  readonly cluster: Backend;
  readonly browser: Browser;
  /** Copies files into a fresh workspace folder and opens it in a new browser context. */
  openWorkspace(name: string, files: Record<string, string>): Promise<Workbench>;
  stop(): Promise<void>;
}

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly folder: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /**
   * Only the results whose names start with this prefix are cleared when the session starts, and the
   * logs go to `test-results/e2e/logs/<prefix>/`: a second *.e2e.ts file of the same `npm run test:e2e`
   * keeps the screenshots of the first. Default: the whole results folder, logs in `logs/`.
   */
  readonly results?: string;
  /** Workspace trust on: folders open in Restricted Mode (default: off, every folder is trusted). */
  readonly workspaceTrust?: boolean;
}

export async function startSession(opts: SessionOptions = {}): Promise<Session> {
  installSignalHandlers();
  const prefix = opts.results;
  const logsDir = prefix ? join(RESULTS, 'logs', prefix) : join(RESULTS, 'logs');
  const started: Owned[] = [];
  let emu: Emulator | undefined;
  let real: Backend | undefined;
  let browser: Browser | undefined;
  const root = mkdtempSync(join(tmpdir(), 'argo-e2e-'));
  const stop = async (): Promise<void> => {
    const t0 = Date.now();
    await browser?.close().catch(() => undefined);
    for (const o of started.reverse()) await endProcess(o);
    await emu?.stop().catch(() => undefined);
    await real?.stop().catch(() => undefined);
    for (const o of owned) if (o.name.startsWith('watchdog')) await endProcess(o, 500);
    // Keep the logs of the run next to the screenshots, then drop the profile.
    try {
      mkdirSync(logsDir, { recursive: true });
      if (existsSync(join(root, 'code-server.log'))) copyFileSync(join(root, 'code-server.log'), join(logsDir, 'code-server.log'));
      const ud = join(root, 'user-data', 'logs');
      if (existsSync(ud)) cpSync(ud, join(logsDir, 'vscode'), { recursive: true });
    } catch {
      // logs are a convenience
    }
    rmSync(root, { recursive: true, force: true });
    log(`stopped everything in ${seconds(Date.now() - t0)}`);
  };
  try {
    mkdirSync(RESULTS, { recursive: true });
    for (const f of readdirSync(RESULTS)) if (!prefix || f.startsWith(prefix)) rmSync(join(RESULTS, f), { recursive: true, force: true });
    if (prefix) rmSync(logsDir, { recursive: true, force: true });

    // 1. code-server (cached outside the repo, keyed by version).
    const setup = run('install or reuse code-server', 'bash', [join(REPO, 'scripts', 'e2e-setup.sh')], {
      env: { ...process.env, CODE_SERVER_VERSION },
      timeoutMs: 20 * 60_000,
    });
    const entry = setup.trim().split('\n').pop() ?? '';
    if (!existsSync(entry)) throw new Error(`scripts/e2e-setup.sh did not print the code-server entry script (got "${entry}")`);
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set E2E_CHROMIUM)`);

    // 2. The extension as users get it.
    run('npm run package (.vsix)', 'npm', ['run', '--silent', 'package'], { timeoutMs: 5 * 60_000 });
    const vsix = join(root, 'argo-studio.vsix');
    copyFileSync(join(REPO, 'dist', 'argo-studio.vsix'), vsix);

    // 3. Throw-away profile. HOME is scratch too: Chromium and code-server write under it.
    const home = join(root, 'home');
    const userData = join(root, 'user-data');
    const extensions = join(root, 'extensions');
    const config = join(root, 'code-server.yaml');
    for (const d of [home, join(userData, 'User'), extensions, join(root, 'workspaces')]) mkdirSync(d, { recursive: true });
    writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');

    // 4. The API emulator (real clock), and its kubeconfig.
    const kubeconfig = join(root, 'kubeconfig.yaml');
    emu = await startEmulator({ clock: 'real', tls: true, kubeconfigPath: kubeconfig });
    log(`emulator at ${emu.url} (namespace ${emu.namespace})`);
    if (process.env.ARGO_STUDIO_E2E_CLUSTER === 'real') {
      real = await startRealBackend();
      copyFileSync(real.kubeconfigPath, kubeconfig);
      log('a real cluster (kube-apiserver, etcd, Argo controller, fake kubelet): the extension talks to it');
    }
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(profileSettings(kubeconfig, opts.workspaceTrust === true), null, 2));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      KUBECONFIG: kubeconfig,
      XDG_CONFIG_HOME: join(home, '.config'),
      XDG_DATA_HOME: join(home, '.local', 'share'),
      XDG_CACHE_HOME: join(home, '.cache'),
    };
    delete env.VSCODE_IPC_HOOK_CLI;
    delete env.ELECTRON_RUN_AS_NODE;
    const csArgs = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', config];
    run('install the .vsix into the profile', process.execPath, [entry, ...csArgs, '--install-extension', vsix], { env, timeoutMs: 120_000 });
    const installed = readdirSync(extensions).filter((d) => d.startsWith('argo-studio.argo-studio-'));
    if (installed.length !== 1) throw new Error(`the .vsix did not install into ${extensions} (found: ${readdirSync(extensions).join(', ') || 'nothing'})`);

    // 5. code-server on 127.0.0.1.
    const port = await freePort();
    const logFile = join(root, 'code-server.log');
    const fd = openSync(logFile, 'a');
    const child = spawn(
      process.execPath,
      [
        entry,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        ...csArgs,
      ],
      { env, cwd: root, detached: true, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    const cs: Owned = { name: 'code-server', child, group: true };
    owned.add(cs);
    started.push(cs);
    if (child.pid !== undefined) started.unshift(watchdog(child.pid, root));
    const t0 = Date.now();
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, logFile, 60_000);
    log(`code-server ${CODE_SERVER_VERSION} on 127.0.0.1:${port} (healthy after ${seconds(Date.now() - t0)})`);

    // 6. Headless Chromium.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      env: { ...process.env, HOME: home },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-features=Translate,MediaRouter,OptimizationHints',
      ],
    });
    const b = browser;
    const emulator = emu;

    return {
      port,
      root,
      emu: emulator,
      cluster: real ?? emulatorBackend(emulator),
      browser: b,
      stop,
      async openWorkspace(name: string, files: Record<string, string>): Promise<Workbench> {
        const folder = join(root, 'workspaces', name);
        for (const [file, text] of Object.entries(files)) {
          mkdirSync(dirname(join(folder, file)), { recursive: true });
          writeFileSync(join(folder, file), text);
        }
        const context = await b.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        page.setDefaultTimeout(20_000);
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`, { timeout: 60_000 });
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        return {
          page,
          context,
          folder,
          async close(): Promise<void> {
            await context.close().catch(() => undefined);
          },
        };
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Journeys: named steps, a screenshot after each, and a failure message naming the step.

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export class Journey {
  private n = 0;
  readonly timings: { step: string; ms: number }[] = [];
  private readonly t0 = Date.now();

  constructor(
    readonly id: string,
    readonly title: string,
    readonly page: Page,
  ) {}

  /** Runs one step; saves `test-results/e2e/<id>-<nn>-<step>.png` after it (also when it fails). */
  async step<T>(name: string, fn: () => Promise<T>, opts: { screenshot?: boolean } = {}): Promise<T> {
    const t0 = Date.now();
    let result: T;
    try {
      result = await fn();
    } catch (e) {
      const shot = await this.screenshot(`FAILED-${name}`).catch(() => undefined);
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(
        `${this.title}: step "${name}" failed after ${seconds(Date.now() - t0)}: ${msg.split('\n')[0]}${shot ? `\n  screenshot: ${relative(REPO, shot)}` : ''}\n${msg.split('\n').slice(1, 12).join('\n')}`,
        { cause: e },
      );
    }
    this.timings.push({ step: name, ms: Date.now() - t0 });
    if (opts.screenshot !== false) await this.screenshot(name);
    log(`${this.id} ✓ ${name} (${seconds(Date.now() - t0)})`);
    return result;
  }

  /** Saves a picture for the README: docs/images/<name>.png with E2E_PICTURES=1, else test-results/e2e/pictures/. */
  async picture(name: string): Promise<string> {
    mkdirSync(PICTURES, { recursive: true });
    const file = join(PICTURES, `${name}.png`);
    // The empty lower part of the side bar: no hover in the picture; a tooltip of the last pointer
    // position takes a moment to fade (cosmetic, not a condition of the test).
    await this.page.mouse.move(190, 600);
    await new Promise((r) => setTimeout(r, 800));
    await this.page.screenshot({ path: file, timeout: 15_000 });
    log(`${this.id} picture ${relative(REPO, file)}`);
    return file;
  }

  async screenshot(label: string): Promise<string> {
    const file = join(RESULTS, `${this.id}-${String(++this.n).padStart(2, '0')}-${slug(label)}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  elapsed(): number {
    return Date.now() - this.t0;
  }
}

/** Polls `probe` until it returns something truthy; the error names `what` and the last value seen. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  opts: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> } = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const t0 = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - t0 > timeoutMs) {
      const seen = opts.describe ? await opts.describe().catch((e: unknown) => `(could not describe: ${String(e)})`) : lastError ? String(lastError) : '';
      throw new Error(`timed out after ${seconds(timeoutMs)} waiting for ${what}${seen ? `; last seen: ${seen}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}
