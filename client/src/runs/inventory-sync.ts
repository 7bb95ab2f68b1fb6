/**
 * Keeps the language server's cluster inventory current: gathers it on connect, on namespace
 * switches, on request (after an apply) and every `intervalMs`, and sends it (or null: checks off, not
 * connected, cluster unreachable) only when it changed. No `vscode` import: the sender is injected.
 */
import type { ClusterConnection } from '../cluster';
import { gatherInventory, type ClusterInventory } from '../cluster';

export interface InventorySyncOptions {
  readonly connection: () => ClusterConnection | undefined;
  readonly enabled: () => boolean;
  readonly send: (inventory: ClusterInventory | null) => void;
  readonly intervalMs?: number;
}

export class InventorySync {
  private last: string | undefined;
  private lastValue: ClusterInventory | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private abort: AbortController | undefined;
  /** Completed gathers (tests). */
  gathers = 0;

  constructor(private readonly opts: InventorySyncOptions) {}

  start(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopped = false;
    this.timer = setInterval(() => void this.refresh(), this.opts.intervalMs ?? 60_000);
    void this.refresh();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.stopped = true;
    this.abort?.abort();
  }

  /** The inventory last sent. */
  get current(): ClusterInventory | null {
    return this.lastValue;
  }

  /** Sends the last inventory again (the language server restarted). */
  resend(): void {
    this.opts.send(this.lastValue);
  }

  /** Gathers now (coalesced: one more run after the current one at most). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.gather().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async gather(): Promise<void> {
    const conn = this.opts.connection();
    let inv: ClusterInventory | null = null;
    if (conn && this.opts.enabled()) {
      this.abort = new AbortController();
      try {
        inv = await gatherInventory(conn, conn.namespace, { signal: this.abort.signal });
      } catch {
        inv = null; // unreachable: no checks rather than false warnings
      }
      this.gathers++;
    }
    if (this.stopped) return;
    const key = JSON.stringify(inv);
    if (key === this.last) return;
    this.last = key;
    this.lastValue = inv;
    this.opts.send(inv);
  }
}
