// Fault injection driven by tests: failing requests, blackholes, dropped or ended streams, expired history.

import type { ObjectStore } from './store.js';
import type { StreamRegistry } from './streams.js';

export interface RequestMatch {
  /** HTTP method, e.g. 'GET'; omitted = any. */
  method?: string;
  /** Tested against the path plus query string, e.g. /\/pods\/.*\/log/. Omitted = any. */
  pathRegex?: RegExp;
}

export interface FailRule extends RequestMatch {
  status: 401 | 403 | 404 | 409 | 410 | 429 | 500 | 503 | 504 | number;
  message?: string;
  /** Sent as the Retry-After header and details.retryAfterSeconds (429/503). */
  retryAfterSeconds?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export type ExpiredMode = 'event' | 'http';

function matches(m: RequestMatch, method: string, pathAndQuery: string): boolean {
  return (m.method === undefined || m.method.toUpperCase() === method) && (m.pathRegex === undefined || m.pathRegex.test(pathAndQuery));
}

export class Faults {
  private rules: (FailRule & { left: number })[] = [];
  private hole: RequestMatch | undefined;
  /** How a watch from a too-old resourceVersion fails: an in-stream ERROR event (the usual) or HTTP 410. */
  expiredMode: ExpiredMode = 'event';

  constructor(
    private readonly store: ObjectStore,
    private readonly streams: StreamRegistry,
  ) {}

  /** Fail the next matching request(s) with a Status of that code. */
  failNext(rule: FailRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Consumes and returns the failure for this request, if one is armed. */
  takeFailure(method: string, pathAndQuery: string): FailRule | undefined {
    const i = this.rules.findIndex((r) => matches(r, method, pathAndQuery));
    if (i < 0) return undefined;
    const rule = this.rules[i];
    rule.left -= 1;
    if (rule.left <= 0) this.rules.splice(i, 1);
    return rule;
  }

  /** Accept matching requests and never answer them (until unblackhole()). */
  blackhole(match: RequestMatch = {}): void {
    this.hole = match;
  }

  unblackhole(): void {
    this.hole = undefined;
    this.streams.destroyAll('blackhole');
  }

  isBlackholed(method: string, pathAndQuery: string): boolean {
    return this.hole !== undefined && matches(this.hole, method, pathAndQuery);
  }

  /** Reset the sockets of every open watch. Returns how many. */
  dropWatches(): number {
    return this.streams.destroyAll('watch');
  }

  /** End every open watch cleanly, as the apiserver does at its request timeout. */
  endWatches(): number {
    return this.streams.endAll('watch');
  }

  /** Reset the sockets of every open log stream (a mid-stream network drop). */
  dropLogStreams(): number {
    return this.streams.destroyAll('log');
  }

  /** Forget the event history: watches from an older resourceVersion get 410 Expired. */
  expireHistory(mode: ExpiredMode = 'event'): void {
    this.expiredMode = mode;
    this.store.expireHistory();
  }

  reset(): void {
    this.rules = [];
    this.unblackhole();
    this.expiredMode = 'event';
  }
}
