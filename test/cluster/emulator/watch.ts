// Watch: history replay from a resourceVersion, synthetic ADDED for "0"/unset, selector-aware
// ADDED/MODIFIED/DELETED translation, BOOKMARKs, timeoutSeconds, and 410 Expired (in-stream or HTTP).

import type { ApiContext } from './api-context.js';
import { parseBool, parseIntParam, sendJson, type RequestContext } from './http-context.js';
import type { ResourceDef } from './resources.js';
import type { Selector } from './selectors.js';
import { failureStatus, statusToJson } from './status.js';
import type { StoreEvent } from './store.js';
import { toTable, wantsTable } from './table.js';
import type { JsonObject, KubeObject, WatchEventType } from './types.js';

export interface WatchTarget {
  def: ResourceDef;
  namespace?: string;
  labels: Selector;
  fields: Selector;
}

function inScope(t: WatchTarget, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (t.namespace !== undefined && obj.metadata.namespace !== t.namespace) return false;
  return t.labels.matches(obj) && t.fields.matches(obj);
}

/** What a watcher with selectors sees for one store event (the apiserver's filtering watch semantics). */
export function translate(t: WatchTarget, ev: StoreEvent): { type: WatchEventType; object: KubeObject } | undefined {
  if (ev.def !== t.def) return undefined;
  const now = inScope(t, ev.object);
  const before = inScope(t, ev.previous);
  switch (ev.type) {
    case 'ADDED':
      return now ? { type: 'ADDED', object: ev.object } : undefined;
    case 'DELETED':
      return before ? { type: 'DELETED', object: ev.object } : undefined;
    case 'MODIFIED':
      if (now && before) return { type: 'MODIFIED', object: ev.object };
      if (now) return { type: 'ADDED', object: ev.object };
      if (before) return { type: 'DELETED', object: ev.object };
      return undefined;
  }
}

export function handleWatch(api: ApiContext, ctx: RequestContext, target: WatchTarget): void {
  const { res, query } = ctx;
  const rv = api.store.parseResourceVersion(query.get('resourceVersion'));
  const timeoutSeconds = parseIntParam(query, 'timeoutSeconds');
  const bookmarks = parseBool(query.get('allowWatchBookmarks'));
  const table = wantsTable(ctx.accept);

  let backlog: { type: WatchEventType; object: KubeObject }[] = [];
  let expired = false;
  if (rv === undefined) {
    const items = api.store.list(target.def, target.namespace).filter((o) => inScope(target, o));
    backlog = items.map((object) => ({ type: 'ADDED', object }));
  } else {
    const events = api.store.eventsSince(rv);
    if (events === 'expired') expired = true;
    else backlog = events.map((e) => translate(target, e)).filter((e) => e !== undefined);
  }
  const tooOld = `too old resource version: ${rv ?? 0} (${api.store.oldestResourceVersion()})`;
  if (expired && api.faults.expiredMode === 'http') {
    sendJson(res, 410, statusToJson(failureStatus(410, tooOld, 'Expired')));
    return;
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  const write = (type: WatchEventType, object: JsonObject | KubeObject): void => {
    if (res.writableEnded || res.destroyed) return;
    let payload: JsonObject | KubeObject = object;
    if (table && (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')) {
      payload = toTable(target.def, [object as KubeObject], (object as KubeObject).metadata.resourceVersion ?? '', api.store.now());
    }
    res.write(JSON.stringify({ type, object: payload }) + '\n');
  };

  if (expired) {
    write('ERROR', statusToJson(failureStatus(410, tooOld, 'Expired')));
    res.end();
    return;
  }

  const timers: NodeJS.Timeout[] = [];
  let lastRv = rv === undefined ? api.store.currentResourceVersion() : String(rv);
  const end = (): void => {
    cleanup();
    if (!res.writableEnded && !res.destroyed) res.end();
  };
  const unregister = api.streams.add({ kind: 'watch', path: ctx.path, res, end });
  const unsubscribe = api.store.subscribe((ev) => {
    lastRv = String(ev.rv);
    const out = translate(target, ev);
    if (out) write(out.type, out.object);
  });
  const cleanup = (): void => {
    unsubscribe();
    unregister();
    for (const t of timers) clearTimeout(t);
  };
  res.on('close', cleanup);

  for (const e of backlog) write(e.type, e.object);
  if (backlog.length > 0) lastRv = backlog[backlog.length - 1].object.metadata.resourceVersion ?? lastRv;
  if (bookmarks) {
    const tick = (): void => {
      write('BOOKMARK', {
        kind: target.def.kind,
        apiVersion: target.def.group ? `${target.def.group}/${target.def.version}` : target.def.version,
        metadata: { resourceVersion: lastRv },
      });
      timers.push(setTimeout(tick, api.bookmarkIntervalMs));
    };
    timers.push(setTimeout(tick, api.bookmarkIntervalMs));
  }
  if (timeoutSeconds !== undefined && timeoutSeconds > 0) timers.push(setTimeout(end, timeoutSeconds * 1000));
}
