// Registry of open long-running responses (watches, log follows, blackholed requests), so faults and
// shutdown can end them cleanly or reset their sockets.

import type { ServerResponse } from 'node:http';

export type StreamKind = 'watch' | 'log' | 'blackhole';

export interface OpenStream {
  kind: StreamKind;
  path: string;
  res: ServerResponse;
  /** Ends the response cleanly (chunked EOF). */
  end(): void;
}

export class StreamRegistry {
  private readonly open = new Set<OpenStream>();

  add(s: OpenStream): () => void {
    this.open.add(s);
    return () => this.open.delete(s);
  }

  list(kind?: StreamKind): OpenStream[] {
    return [...this.open].filter((s) => kind === undefined || s.kind === kind);
  }

  count(kind?: StreamKind): number {
    return this.list(kind).length;
  }

  /** Clean EOF for every open stream of that kind. */
  endAll(kind: StreamKind): number {
    const list = this.list(kind);
    for (const s of list) s.end();
    return list.length;
  }

  /** Resets the TCP connection under every open stream of that kind (the client sees ECONNRESET / premature close). */
  destroyAll(kind?: StreamKind): number {
    const list = this.list(kind);
    for (const s of list) {
      this.open.delete(s);
      const socket = s.res.socket;
      try {
        socket?.resetAndDestroy(); // TCP RST on plain sockets
      } catch {
        socket?.destroy(); // TLS sockets cannot be reset from JS: close them abruptly
      }
      s.res.destroy();
    }
    return list.length;
  }
}
