// Per-request context and response helpers shared by all handlers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, statusToJson } from './status.js';
import { isJsonObject, type JsonObject, type JsonValue } from './types.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  accept: string | undefined;
}

const maxBody = 16 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: JsonValue, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiErr = err instanceof ApiError ? err : new ApiError(500, err instanceof Error ? err.message : String(err), 'InternalError');
  sendJson(res, apiErr.code, statusToJson(apiErr.status), apiErr.headers);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) {
        reject(new ApiError(413, 'Request entity too large', 'BadRequest'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON (or YAML, when the content type says so) request body into an object. */
export async function readObject(ctx: RequestContext): Promise<JsonObject> {
  const text = await readBody(ctx.req);
  const type = ctx.req.headers['content-type'] ?? 'application/json';
  let value: unknown;
  try {
    value = /yaml/.test(type) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, `couldn't get version/kind; json parse error: ${e instanceof Error ? e.message : String(e)}`, 'BadRequest');
  }
  if (!isJsonObject(value))
    throw new ApiError(
      400,
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      'BadRequest',
    );
  return value;
}

/** Go's strconv.ParseBool, which the apiserver uses for `watch`, `follow`, ... (python sends `True`). */
export function parseBool(raw: string | null): boolean {
  if (raw === null) return false;
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw);
}

export function parseIntParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) throw new ApiError(400, `${name}: Invalid value: "${raw}": must be an integer`, 'BadRequest');
  return Number(raw);
}
