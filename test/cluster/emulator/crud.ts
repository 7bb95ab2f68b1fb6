// get / list (selectors, limit+continue) / create / update / patch / delete for every served resource.

import type { ApiContext } from './api-context.js';
import { parseIntParam, readObject, sendJson, type RequestContext } from './http-context.js';
import { mergePatch } from './merge-patch.js';
import { apiVersionOf, resources, type ResourceDef } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ApiError, badRequest, notFound, statusToJson, successStatus } from './status.js';
import { toTable, wantsTable } from './table.js';
import { clone, type JsonObject, type JsonValue, type KubeObject } from './types.js';

export interface Target {
  def: ResourceDef;
  namespace?: string;
  name?: string;
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify(t)).toString('base64url');
}

function decodeContinue(raw: string): ContinueToken {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as ContinueToken;
    if (typeof v.rv === 'number' && typeof v.start === 'string') return v;
  } catch {
    // fall through
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function sortKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

export function requireNamespace(api: ApiContext, ns: string | undefined): void {
  if (ns === undefined) return;
  const nsDef = resources.find((r) => r.plural === 'namespaces');
  if (nsDef && !api.store.get(nsDef, undefined, ns)) throw notFound('namespaces', '', ns);
}

export function handleList(api: ApiContext, ctx: RequestContext, t: Target): void {
  const labels = parseLabelSelector(ctx.query.get('labelSelector'));
  const fields = parseFieldSelector(ctx.query.get('fieldSelector'));
  const limit = parseIntParam(ctx.query, 'limit');
  const cont = ctx.query.get('continue');
  let rv = api.store.currentResourceVersion();
  let all = api.store.list(t.def, t.namespace).filter((o) => labels.matches(o) && fields.matches(o));
  if (cont) {
    const tok = decodeContinue(cont);
    if (tok.rv < api.store.oldestResourceVersion()) {
      throw new ApiError(
        410,
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        'Expired',
      );
    }
    rv = String(tok.rv);
    all = all.filter((o) => sortKey(o) > tok.start);
  }
  let items = all;
  let next: string | undefined;
  if (limit !== undefined && limit > 0 && all.length > limit) {
    items = all.slice(0, limit);
    next = encodeContinue({ rv: Number(rv), start: sortKey(items[items.length - 1]) });
  }
  if (wantsTable(ctx.accept)) {
    sendJson(ctx.res, 200, toTable(t.def, items, rv, api.store.now(), next));
    return;
  }
  const metadata: JsonObject = { resourceVersion: rv };
  if (next) {
    metadata.continue = next;
    metadata.remainingItemCount = all.length - items.length;
  }
  // Built-in lists leave kind/apiVersion off their items; custom-resource lists keep them.
  const out = items.map((o): JsonValue => {
    if (t.def.group !== '') return o as JsonObject;
    const { kind: _k, apiVersion: _a, ...rest } = o;
    return rest as JsonObject;
  });
  sendJson(ctx.res, 200, { apiVersion: apiVersionOf(t.def), kind: t.def.listKind, metadata, items: out });
}

export function handleGet(api: ApiContext, ctx: RequestContext, t: Target & { name: string }): void {
  const obj = api.store.mustGet(t.def, t.namespace, t.name);
  if (wantsTable(ctx.accept)) sendJson(ctx.res, 200, toTable(t.def, [obj], obj.metadata.resourceVersion ?? '', api.store.now()));
  else sendJson(ctx.res, 200, obj as JsonObject);
}

function checkBody(t: Target, body: JsonObject): KubeObject {
  const meta = body.metadata;
  const obj = { ...body, metadata: typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? meta : {} } as KubeObject;
  if (obj.kind !== undefined && obj.kind !== t.def.kind) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${apiVersionOf(t.def)})`);
  }
  if (t.def.namespaced && obj.metadata.namespace !== undefined && obj.metadata.namespace !== t.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return obj;
}

export async function handleCreate(api: ApiContext, ctx: RequestContext, t: Target): Promise<void> {
  requireNamespace(api, t.namespace);
  const obj = checkBody(t, await readObject(ctx));
  if (ctx.query.get('dryRun') === 'All') {
    const preview = clone(obj);
    preview.apiVersion = apiVersionOf(t.def);
    preview.kind = t.def.kind;
    sendJson(ctx.res, 201, preview as JsonObject);
    return;
  }
  const created = api.store.create(t.def, t.namespace, obj);
  sendJson(ctx.res, 201, created as JsonObject);
}

export async function handleUpdate(api: ApiContext, ctx: RequestContext, t: Target & { name: string }): Promise<void> {
  const obj = checkBody(t, await readObject(ctx));
  if (obj.metadata.name !== undefined && obj.metadata.name !== t.name) throw badRequest('the name of the object does not match the name on the URL');
  const updated = api.store.update(t.def, t.namespace, t.name, obj, obj.metadata.resourceVersion);
  sendJson(ctx.res, 200, updated as JsonObject);
}

export async function handlePatch(api: ApiContext, ctx: RequestContext, t: Target & { name: string }): Promise<void> {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type !== 'application/merge-patch+json' && type !== 'application/strategic-merge-patch+json') {
    throw new ApiError(
      415,
      `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json`,
      'UnsupportedMediaType',
    );
  }
  const patch = await readObject(ctx);
  const cur = api.store.mustGet(t.def, t.namespace, t.name);
  const merged = mergePatch(cur as JsonObject, patch) as KubeObject;
  const expected = typeof patch.metadata === 'object' && patch.metadata !== null && !Array.isArray(patch.metadata) ? patch.metadata.resourceVersion : undefined;
  const updated = api.store.update(t.def, t.namespace, t.name, merged, typeof expected === 'string' ? expected : undefined);
  sendJson(ctx.res, 200, updated as JsonObject);
}

export function handleDelete(api: ApiContext, ctx: RequestContext, t: Target & { name: string }): void {
  const deleted = api.store.delete(t.def, t.namespace, t.name);
  if (t.def.group === '') {
    deleted.metadata.deletionTimestamp = new Date(api.store.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    sendJson(ctx.res, 200, deleted as JsonObject);
    return;
  }
  sendJson(ctx.res, 200, statusToJson(successStatus({ name: t.name, group: t.def.group, kind: t.def.plural, uid: deleted.metadata.uid })));
}
