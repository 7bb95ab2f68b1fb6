// What the request handlers share: the store, logs, streams, faults, auth and server settings.

import type { Auth } from './auth.js';
import type { Faults } from './faults.js';
import type { LogStore } from './log-store.js';
import type { ObjectStore } from './store.js';
import type { StreamRegistry } from './streams.js';

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  accept?: string;
  contentType?: string;
  userAgent?: string;
  status?: number;
}

export interface ApiContext {
  store: ObjectStore;
  logs: LogStore;
  streams: StreamRegistry;
  faults: Faults;
  auth: Auth;
  /** The server minor version reported by /version (pins the kubectl dispatcher's client). */
  kubeMinor: string;
  /** How often watches with allowWatchBookmarks=true get a BOOKMARK (real time, ms). */
  bookmarkIntervalMs: number;
  /** host:port, for /api serverAddressByClientCIDRs. */
  address(): string;
  requests: RequestRecord[];
}
