// Request routing: faults and auth first, then discovery, OpenAPI, and the resource paths
// /api/v1/... and /apis/GROUP/VERSION/..., [namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]].

import type { ApiContext } from './api-context.js';
import { handleCreate, handleDelete, handleGet, handleList, handlePatch, handleUpdate, type Target } from './crud.js';
import { coreVersions, groupInfo, groupList, resourceList, versionInfo } from './discovery.js';
import { parseBool, sendError, sendJson, type RequestContext } from './http-context.js';
import { handleLogs } from './logs.js';
import { openApiGroupVersion, openApiIndex } from './openapi.js';
import { findResource } from './resources.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ApiError, statusToJson, failureStatus } from './status.js';
import { handleWatch } from './watch.js';

interface ResourcePath extends Target {
  subresource?: string;
}

function parseResourcePath(path: string): ResourcePath | undefined {
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const def = findResource(group, version, rest[0]);
  if (!def) return undefined;
  if (!def.namespaced && namespace !== undefined) return undefined;
  if (rest.length > 3) return undefined;
  return { def, namespace, name: rest[1], subresource: rest[2] };
}

function verbOf(method: string, hasName: boolean, watch: boolean): string {
  switch (method) {
    case 'GET':
      return watch ? 'watch' : hasName ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

function notFoundPath(ctx: RequestContext): void {
  sendJson(ctx.res, 404, statusToJson(failureStatus(404, 'the server could not find the requested resource', 'NotFound', {})));
}

function methodNotAllowed(ctx: RequestContext): void {
  sendJson(ctx.res, 405, statusToJson(failureStatus(405, `the server does not allow this method on the requested resource`, 'MethodNotAllowed', {})));
}

export async function route(api: ApiContext, ctx: RequestContext): Promise<void> {
  const { method, path } = ctx;
  const pathAndQuery = ctx.req.url ?? path;
  if (api.faults.isBlackholed(method, pathAndQuery)) {
    api.streams.add({ kind: 'blackhole', path, res: ctx.res, end: () => ctx.res.destroy() });
    return;
  }
  try {
    const fail = api.faults.takeFailure(method, pathAndQuery);
    if (fail) {
      const headers: Record<string, string> = fail.retryAfterSeconds !== undefined ? { 'Retry-After': String(fail.retryAfterSeconds) } : {};
      const details = fail.retryAfterSeconds !== undefined ? { retryAfterSeconds: fail.retryAfterSeconds } : undefined;
      throw new ApiError(fail.status, fail.message ?? defaultFaultMessage(fail.status), undefined, details, headers);
    }
    const token = api.auth.authenticate(ctx.req, path);
    if (await routeDiscovery(api, ctx)) return;
    const rp = parseResourcePath(path);
    if (!rp) return notFoundPath(ctx);
    const watch = parseBool(ctx.query.get('watch'));
    const verb = verbOf(method, rp.name !== undefined, watch);
    api.auth.authorize(
      {
        verb: rp.subresource === 'log' ? 'get' : verb,
        group: rp.def.group,
        resource: rp.def.plural,
        subresource: rp.subresource,
        namespace: rp.namespace,
        name: rp.name,
      },
      token,
    );
    await routeResource(api, ctx, rp, watch);
  } catch (e) {
    sendError(ctx.res, e);
  }
}

function defaultFaultMessage(code: number): string {
  switch (code) {
    case 401:
      return 'Unauthorized';
    case 429:
      return 'Too many requests, please try again later.';
    case 503:
      return 'The server is currently unable to handle the request';
    default:
      return `injected failure (${code})`;
  }
}

async function routeDiscovery(api: ApiContext, ctx: RequestContext): Promise<boolean> {
  const { path, method } = ctx;
  if (method !== 'GET') return false;
  const send = (body: ReturnType<typeof versionInfo> | undefined): boolean => {
    if (body === undefined) notFoundPath(ctx);
    else sendJson(ctx.res, 200, body);
    return true;
  };
  if (path === '/version') return send(versionInfo(api.kubeMinor));
  if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    ctx.res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    return true;
  }
  if (path === '/api') return send(coreVersions(api.address()));
  if (path === '/apis') return send(groupList());
  if (path === '/openapi/v3') return send(openApiIndex());
  if (path.startsWith('/openapi/v3/')) return send(openApiGroupVersion(path.slice('/openapi/v3/'.length)));
  if (path === '/openapi/v2') return send(undefined);
  let m = /^\/api\/([^/]+)$/.exec(path);
  if (m) return send(resourceList('', m[1]));
  m = /^\/apis\/([^/]+)$/.exec(path);
  if (m) return send(groupInfo(m[1]));
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) return send(resourceList(m[1], m[2]));
  return false;
}

async function routeResource(api: ApiContext, ctx: RequestContext, rp: ResourcePath, watch: boolean): Promise<void> {
  const { method } = ctx;
  const { def, namespace, name, subresource } = rp;
  if (subresource !== undefined) {
    if (def.plural === 'pods' && subresource === 'log' && method === 'GET' && namespace !== undefined && name !== undefined) {
      return handleLogs(api, ctx, def, namespace, name);
    }
    if (def.plural === 'pods' && subresource === 'status' && method === 'GET' && name !== undefined) return handleGet(api, ctx, { def, namespace, name });
    return notFoundPath(ctx);
  }
  if (name === undefined) {
    if (method === 'GET') {
      if (watch) {
        return handleWatch(api, ctx, {
          def,
          namespace,
          labels: parseLabelSelector(ctx.query.get('labelSelector')),
          fields: parseFieldSelector(ctx.query.get('fieldSelector')),
        });
      }
      return handleList(api, ctx, { def, namespace });
    }
    if (method === 'POST') {
      if (def.namespaced && namespace === undefined) return methodNotAllowed(ctx);
      return handleCreate(api, ctx, { def, namespace });
    }
    return methodNotAllowed(ctx);
  }
  if (def.namespaced && namespace === undefined) return notFoundPath(ctx);
  switch (method) {
    case 'GET':
      if (watch) {
        const fields = parseFieldSelector(`metadata.name=${name}`);
        return handleWatch(api, ctx, { def, namespace, labels: parseLabelSelector(null), fields });
      }
      return handleGet(api, ctx, { def, namespace, name });
    case 'PUT':
      return handleUpdate(api, ctx, { def, namespace, name });
    case 'PATCH':
      return handlePatch(api, ctx, { def, namespace, name });
    case 'DELETE':
      return handleDelete(api, ctx, { def, namespace, name });
    default:
      return methodNotAllowed(ctx);
  }
}
