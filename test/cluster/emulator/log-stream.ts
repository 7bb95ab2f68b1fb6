// The log options of `GET pods/P/log` (and of the kubelet's `/containerLogs`), and the streaming of one
// container's log from a LogStore: timestamps, sinceTime (to the second), sinceSeconds, tailLines,
// limitBytes, follow until the container ends. Shared by the emulator and the real cluster's fake kubelet.

import type { ServerResponse } from 'node:http';
import { parseBool, parseIntParam } from './http-context.js';
import { rfc3339Nano, type LogEntry, type LogStore } from './log-store.js';
import { badRequest } from './status.js';

export interface LogOptions {
  container: string | null;
  follow: boolean;
  timestamps: boolean;
  previous: boolean;
  tailLines?: number;
  limitBytes?: number;
  /** Lines at or after this time (ms since the epoch). */
  since?: number;
}

/** Parses and checks the options (throws the apiserver's 400 for invalid ones). */
export function parseLogOptions(q: URLSearchParams, now: number): LogOptions {
  const tailLines = parseIntParam(q, 'tailLines');
  const limitBytes = parseIntParam(q, 'limitBytes');
  const sinceSeconds = parseIntParam(q, 'sinceSeconds');
  const sinceTimeRaw = q.get('sinceTime');
  if (sinceSeconds !== undefined && sinceTimeRaw !== null)
    throw badRequest(
      'PodLogOptions.core "" is invalid: sinceSeconds: Invalid value: "sinceSeconds": at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    throw badRequest('PodLogOptions.core "" is invalid: sinceSeconds: Invalid value: "sinceSeconds": must be greater than 0');
  if (limitBytes !== undefined && limitBytes < 1)
    throw badRequest('PodLogOptions.core "" is invalid: limitBytes: Invalid value: "limitBytes": must be greater than 0');
  if (tailLines !== undefined && tailLines < 0)
    throw badRequest('PodLogOptions.core "" is invalid: tailLines: Invalid value: "tailLines": must be greater than or equal to 0');
  let since: number | undefined;
  if (sinceTimeRaw !== null) {
    const t = Date.parse(sinceTimeRaw);
    if (Number.isNaN(t)) throw badRequest(`parsing time "${sinceTimeRaw}" as "2006-01-02T15:04:05Z07:00": cannot parse`);
    since = Math.floor(t / 1000) * 1000; // the apiserver keeps sinceTime to the second
  } else if (sinceSeconds !== undefined) {
    since = now - sinceSeconds * 1000;
  }
  return {
    container: q.get('container'),
    follow: parseBool(q.get('follow')),
    timestamps: parseBool(q.get('timestamps')),
    previous: parseBool(q.get('previous')),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

function formatLine(e: LogEntry, timestamps: boolean): string {
  return (timestamps ? `${rfc3339Nano(e.time)} ` : '') + e.text + '\n';
}

export interface LogKey {
  uid: string;
  container: string;
  instance: number;
}

/**
 * Writes the log (200, chunked text) and, with follow, its new lines until the container ends or the
 * client goes. `register` is told of a following stream (for fault injection) and returns its undo.
 */
export function streamLog(res: ServerResponse, logs: LogStore, k: LogKey, o: LogOptions, register?: (end: () => void) => () => void): void {
  let entries = logs.lines(k.uid, k.container, k.instance).filter((e) => o.since === undefined || e.time >= o.since);
  if (o.tailLines !== undefined) entries = o.tailLines === 0 ? [] : entries.slice(-o.tailLines);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  let budget = o.limitBytes ?? Infinity;
  let done = false;
  const emit = (e: LogEntry): void => {
    if (done || res.writableEnded || res.destroyed) return;
    let chunk = Buffer.from(formatLine(e, o.timestamps), 'utf8');
    if (chunk.length > budget) chunk = chunk.subarray(0, budget);
    budget -= chunk.length;
    res.write(chunk);
    if (budget <= 0) finish();
  };
  let unsubscribe = (): void => undefined;
  let unregister = (): void => undefined;
  const finish = (): void => {
    done = true;
    unsubscribe();
    unregister();
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  for (const e of entries) emit(e);
  if (done) return;
  if (!o.follow || o.previous || logs.ended(k.uid, k.container, k.instance)) {
    finish();
    return;
  }
  if (register) unregister = register(finish);
  unsubscribe = logs.subscribe(k.uid, k.container, k.instance, (s) => (s.kind === 'line' ? emit(s.entry) : finish()));
  res.on('close', () => {
    unsubscribe();
    unregister();
  });
}
