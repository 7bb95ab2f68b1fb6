// The listening socket: http or https on 127.0.0.1, request recording, socket tracking so that stop and
// restart can reset every connection.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { ApiContext, RequestRecord } from './api-context.js';
import type { Certificate } from './certs.js';
import { route } from './router.js';

const maxRecorded = 5000;

export class HttpServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly api: ApiContext,
    private readonly host: string,
    private readonly cert: Certificate | undefined,
  ) {}

  get scheme(): 'http' | 'https' {
    return this.cert ? 'https' : 'http';
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      accept: req.headers.accept,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
    };
    this.api.requests.push(record);
    if (this.api.requests.length > maxRecorded) this.api.requests.splice(0, this.api.requests.length - maxRecorded);
    res.on('finish', () => (record.status = res.statusCode));
    void route(this.api, { req, res, method: record.method, path: url.pathname, query: url.searchParams, accept: req.headers.accept });
  }

  async listen(port: number): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => this.onRequest(req, res);
    const server = this.cert ? createHttpsServer({ cert: this.cert.certPem, key: this.cert.keyPem }, handler) : createHttpServer(handler);
    server.keepAliveTimeout = 30_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    this.port = typeof addr === 'object' && addr !== null ? addr.port : port;
    return this.port;
  }

  /** Stops listening and resets every open connection (clients see ECONNRESET, then ECONNREFUSED). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }
}
