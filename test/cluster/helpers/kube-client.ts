// A tiny HTTP(S) client for the emulator tests: one-shot requests and line streams (watch, logs), with
// bounded timeouts everywhere.

import { request as httpRequest, type IncomingHttpHeaders, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Emulator } from '../emulator/start.js';

export interface KubeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  body?: unknown;
  contentType?: string;
  token?: string | null;
  accept?: string;
  timeoutMs?: number;
}

function start(
  emu: Emulator,
  method: string,
  path: string,
  o: RequestOptions,
  onResponse: (res: import('node:http').IncomingMessage) => void,
  onError: (e: Error) => void,
): ClientRequest {
  const url = new URL(path, emu.url);
  const headers: Record<string, string> = { Accept: o.accept ?? 'application/json' };
  const token = o.token === undefined ? emu.token : o.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (o.body !== undefined) {
    payload = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
    headers['Content-Type'] = o.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = fn(url, { method, headers, ca: emu.caPem, agent: false }, onResponse);
  req.on('error', onError);
  if (payload !== undefined) req.write(payload);
  req.end();
  return req;
}

export function kubeRequest(emu: Emulator, method: string, path: string, o: RequestOptions = {}): Promise<KubeResponse> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy(new Error(`timeout: ${method} ${path}`));
    }, o.timeoutMs ?? 5000);
    const req = start(
      emu,
      method,
      path,
      o,
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export async function kubeJson<T>(emu: Emulator, method: string, path: string, o: RequestOptions = {}): Promise<{ status: number; body: T }> {
  const r = await kubeRequest(emu, method, path, o);
  return { status: r.status, body: JSON.parse(r.body) as T };
}

export interface LineStream {
  status: Promise<number>;
  lines: string[];
  /** Resolves when the stream ends: `clean` (EOF) or the socket error. */
  closed: Promise<{ clean: boolean; error?: string }>;
  waitForLines(n: number, timeoutMs?: number): Promise<string[]>;
  abort(): void;
}

export function openStream(emu: Emulator, path: string, o: RequestOptions = {}): LineStream {
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let statusResolve: (n: number) => void = () => undefined;
  let closedResolve: (v: { clean: boolean; error?: string }) => void = () => undefined;
  const status = new Promise<number>((r) => (statusResolve = r));
  const closed = new Promise<{ clean: boolean; error?: string }>((r) => (closedResolve = r));
  let buf = '';
  const notify = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  const req = start(
    emu,
    'GET',
    path,
    o,
    (res) => {
      statusResolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          lines.push(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
        notify();
      });
      res.on('end', () => {
        if (buf !== '') lines.push(buf);
        closedResolve({ clean: true });
        notify();
      });
      res.on('error', (e) => closedResolve({ clean: false, error: e.message }));
      res.on('close', () => closedResolve({ clean: res.complete, error: res.complete ? undefined : 'aborted' }));
    },
    (e) => {
      statusResolve(0);
      closedResolve({ clean: false, error: e.message });
      notify();
    },
  );
  return {
    status,
    lines,
    closed,
    abort: () => req.destroy(),
    waitForLines: (n, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timeout waiting for ${n} lines on ${path}; got ${lines.length}: ${lines.join(' | ').slice(0, 500)}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (lines.length >= n) {
            clearTimeout(timer);
            resolve(lines.slice(0, n));
          } else waiters.push(check);
        };
        check();
        void closed.then(() => setImmediate(check));
      }),
  };
}

/** Yields to the event loop so that server-side writes reach the client. */
export function tick(ms = 20): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
