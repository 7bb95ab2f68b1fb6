/**
 * Cluster errors with a message that names the problem and a next step. The messages are
 * documented in client/src/cluster/README.md; tests assert them.
 */
import type { IncomingMessage } from 'node:http';
import { describeRequest } from './api-paths';
import { isObject, type KubeStatus } from './types';

export type ClusterErrorKind =
  | 'no-kubeconfig'
  | 'bad-kubeconfig'
  | 'no-context'
  | 'auth-plugin'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'aborted'
  | 'unauthorized'
  | 'forbidden'
  | 'crd-missing'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'gone'
  | 'too-many-requests'
  | 'server'
  | 'protocol'
  /** The workspace is not trusted (Restricted Mode): no connection is made. */
  | 'untrusted';

export class ClusterError extends Error {
  override readonly name = 'ClusterError';
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    /** What the user can do about it (shown after the message). */
    readonly nextStep?: string,
    readonly status?: number,
    /** The API server's own message (Status.message), when there was one. */
    readonly apiMessage?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Message and next step, for a notification. */
  get detail(): string {
    return this.nextStep ? `${this.message} ${this.nextStep}` : this.message;
  }
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
]);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
]);

function codeOf(e: unknown): string | undefined {
  return isObject(e) && typeof e.code === 'string' ? e.code : undefined;
}

/** A request that got no response: unreachable, TLS, timeout, abort. */
export function networkError(e: unknown, server: string, contextName: string): ClusterError {
  if (e instanceof ClusterError) return e;
  const code = codeOf(e);
  const text = e instanceof Error ? e.message : String(e);
  if (isObject(e) && e.name === 'AbortError') return new ClusterError('aborted', 'The request was cancelled.');
  if ((code && (TLS_CODES.has(code) || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS'))) || /certificate|SSL routines|self[- ]signed/i.test(text)) {
    return new ClusterError(
      'tls',
      `TLS error talking to ${server}: ${text}.`,
      `Check certificate-authority / certificate-authority-data of the cluster of context "${contextName}" in the kubeconfig (or the system's trusted CAs).`,
    );
  }
  if (code && UNREACHABLE_CODES.has(code)) {
    return new ClusterError(
      'unreachable',
      `Cannot reach the Kubernetes API server at ${server} (${code}).`,
      `Check that the cluster of context "${contextName}" is running and reachable (VPN, proxy, port-forward), then run "Argo: Reconnect to Cluster".`,
    );
  }
  return new ClusterError(
    'unreachable',
    `Cannot reach the Kubernetes API server at ${server}: ${text}.`,
    `Check that the cluster of context "${contextName}" is running and reachable, then run "Argo: Reconnect to Cluster".`,
  );
}

export function timeoutError(server: string, ms: number): ClusterError {
  return new ClusterError(
    'timeout',
    `The Kubernetes API server at ${server} did not answer within ${Math.round(ms / 1000)} s.`,
    'Check the connection to the cluster, then run "Argo: Reconnect to Cluster".',
  );
}

/** Parses a Status body (undefined when the body is not a Status). */
export function parseStatus(body: string): KubeStatus | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return isObject(v) && (v.kind === 'Status' || typeof v.message === 'string') ? (v as KubeStatus) : undefined;
  } catch {
    return undefined;
  }
}

export interface ErrorContext {
  readonly method: string;
  readonly path: string;
  readonly server: string;
  readonly contextName: string;
}

/** The error for a non-2xx response, from its status code and `Status` body. */
export function clusterErrorFromStatus(code: number, body: string, ctx: ErrorContext, retryAfterHeader?: string): ClusterError {
  const status = parseStatus(body);
  const apiMessage = status?.message ?? (body.trim().slice(0, 500) || undefined);
  const req = describeRequest(ctx.method, ctx.path);
  const where = req?.namespace ? ` in namespace "${req.namespace}"` : req ? ' at the cluster scope' : '';
  const what = req ? `${req.verb} ${req.resource}` : `${ctx.method} ${ctx.path.split('?')[0]}`;
  switch (code) {
    case 401:
      return new ClusterError(
        'unauthorized',
        `Unauthorized (401): the API server at ${ctx.server} rejected the credentials of context "${ctx.contextName}", also after reloading them.`,
        'Log in again (refresh the token or re-run your cloud CLI login), then run "Argo: Reconnect to Cluster".',
        401,
        apiMessage,
      );
    case 403:
      return new ClusterError(
        'forbidden',
        `Forbidden (403): you may not ${what}${where}.`,
        `Ask a cluster admin for RBAC permission to ${req ? `${req.verb} ${req.resource}` : 'this request'} (check with: kubectl auth can-i ${req ? `${req.verb} ${req.resource}` : ''}${req?.namespace ? ` -n ${req.namespace}` : ''}).`,
        403,
        apiMessage,
      );
    case 404:
      // A missing resource type answers 404 with an empty `details`; a missing object names itself there.
      if (req && req.group === 'argoproj.io' && !status?.details?.name && !status?.details?.kind) return crdMissing(ctx, req.resource.split('/')[0]);
      return new ClusterError('not-found', apiMessage ?? `Not found: ${what}${where}.`, undefined, 404, apiMessage);
    case 409:
      return new ClusterError('conflict', apiMessage ?? 'Conflict (409).', undefined, 409, apiMessage);
    case 400:
    case 422:
      return new ClusterError('invalid', `The API server rejected the request: ${apiMessage ?? `HTTP ${code}`}`, undefined, code, apiMessage);
    case 410:
      return new ClusterError('gone', apiMessage ?? 'The resource version is too old (410 Gone).', undefined, 410, apiMessage);
    case 429: {
      const retry = Number(retryAfterHeader ?? status?.details?.retryAfterSeconds);
      return new ClusterError(
        'too-many-requests',
        `The API server is throttling requests (429): ${apiMessage ?? 'too many requests'}.`,
        'Retrying later.',
        429,
        apiMessage,
        Number.isFinite(retry) ? retry : undefined,
      );
    }
    default: {
      const retry = Number(retryAfterHeader);
      return new ClusterError(
        'server',
        `The API server failed (${code}) to ${what}${where}: ${apiMessage ?? 'no message'}.`,
        'This is usually temporary; it is retried.',
        code,
        apiMessage,
        Number.isFinite(retry) ? retry : undefined,
      );
    }
  }
}

export function crdMissing(ctx: Pick<ErrorContext, 'server' | 'contextName'>, resource = 'workflows.argoproj.io'): ClusterError {
  return new ClusterError(
    'crd-missing',
    `Argo Workflows is not installed in the cluster of context "${ctx.contextName}": the API server does not know ${resource}.`,
    'Install Argo Workflows (https://argo-workflows.readthedocs.io/en/latest/installation/) or switch to a cluster that has it ("Argo: Switch Context").',
    404,
  );
}

/** Reads a whole response body as text, bounded in time (`timeoutMs`) and size (`maxBytes`). */
export function readBody(res: IncomingMessage, timeoutMs = 30_000, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => res.destroy(new Error(`reading the response took more than ${timeoutMs} ms`)), timeoutMs);
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        res.destroy(new Error(`response larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(c);
    });
    res.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    res.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.complete) reject(new Error('the connection closed before the response was complete'));
    });
  });
}

/** The `ClusterError` for a non-2xx response (reads its body). */
export async function clusterErrorFromResponse(res: IncomingMessage, ctx: ErrorContext): Promise<ClusterError> {
  const body = await readBody(res, 10_000).catch(() => '');
  const retryAfter = res.headers['retry-after'];
  return clusterErrorFromStatus(res.statusCode ?? 0, body, ctx, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
}
