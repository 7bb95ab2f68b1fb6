// Kubernetes `Status` objects (metav1.Status) and the ApiError carrying one through the handlers.

import type { JsonObject } from './types.js';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'MethodNotAllowed'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Expired'
  | 'Gone'
  | 'UnsupportedMediaType'
  | 'Invalid'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'NotAcceptable';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason: string; message: string; field: string }[];
  retryAfterSeconds?: number;
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

const defaultReasons: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'AlreadyExists',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonFor(code: number): StatusReason {
  return defaultReasons[code] ?? 'InternalError';
}

export function failureStatus(code: number, message: string, reason?: StatusReason, details?: StatusDetails): StatusObject {
  const s: StatusObject = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: reason ?? reasonFor(code), code };
  if (details) s.details = details;
  return s;
}

export function successStatus(details: StatusDetails): StatusObject {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

export function statusToJson(s: StatusObject): JsonObject {
  return JSON.parse(JSON.stringify(s)) as JsonObject;
}

/** Thrown by handlers; the router turns it into a Status response. */
export class ApiError extends Error {
  readonly status: StatusObject;
  readonly headers: Record<string, string>;
  constructor(code: number, message: string, reason?: StatusReason, details?: StatusDetails, headers: Record<string, string> = {}) {
    super(message);
    this.status = failureStatus(code, message, reason, details);
    this.headers = headers;
  }
  get code(): number {
    return this.status.code;
  }
}

/** `workflows.argoproj.io "x" not found` / `pods "x" not found`, as the apiserver words it. */
export function qualifiedResource(plural: string, group: string): string {
  return group === '' ? plural : `${plural}.${group}`;
}

export function notFound(plural: string, group: string, name: string): ApiError {
  return new ApiError(404, `${qualifiedResource(plural, group)} "${name}" not found`, 'NotFound', { name, group: group || undefined, kind: plural });
}

export function alreadyExists(plural: string, group: string, name: string): ApiError {
  return new ApiError(409, `${qualifiedResource(plural, group)} "${name}" already exists`, 'AlreadyExists', { name, group: group || undefined, kind: plural });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message, 'BadRequest');
}
