import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium (or another Chrome) for webview tests; undefined when none is installed. */
export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

/** Path -> [content type, body], served as they are. */
export type StaticFiles = Readonly<Record<string, readonly [string, string]>>;

export interface DumpOptions {
  /** e.g. `900,700`. */
  readonly windowSize: string;
  /** Chromium's --virtual-time-budget: how long the page's timers may run. */
  readonly virtualTimeMs: number;
  /** Chromium is killed after this long. */
  readonly timeoutMs: number;
}

/**
 * Serves `files` on 127.0.0.1, with `page(port)` at `/`, loads `/` in headless Chromium (fresh profile,
 * no background networking) and returns the DOM it dumps. Server and profile are removed afterwards.
 */
export async function dumpDom(files: StaticFiles, page: (port: number) => string, opts: DumpOptions): Promise<string> {
  if (!CHROMIUM) throw new Error('Chromium not installed (apt-get install chromium)');
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const f = path === '/' ? ['text/html', page((server.address() as { port: number }).port)] : files[path];
    if (!f) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': f[0] });
    res.end(f[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const profile = mkdtempSync(join(tmpdir(), 'argo-webview-'));
  try {
    return await new Promise<string>((resolve, reject) => {
      const chrome = spawn(CHROMIUM, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        `--window-size=${opts.windowSize}`,
        `--virtual-time-budget=${opts.virtualTimeMs}`,
        '--dump-dom',
        `http://127.0.0.1:${port}/`,
      ]);
      let out = '';
      chrome.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => chrome.kill(), opts.timeoutMs);
      chrome.on('close', () => {
        clearTimeout(timer);
        resolve(out);
      });
      chrome.on('error', reject);
    });
  } finally {
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
