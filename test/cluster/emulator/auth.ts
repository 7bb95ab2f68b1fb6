// Bearer-token authentication (401) and a deny list standing in for RBAC (403).

import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ApiError, qualifiedResource } from './status.js';

export interface DenyRule {
  /** get, list, watch, create, update, patch, delete; omitted = every verb. */
  verb?: string;
  /** `workflows`, `pods`, `pods/log`, ... */
  resource: string;
  /** omitted = every namespace. */
  namespace?: string;
}

export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export const userName = 'system:serviceaccount:argo:argo-studio-emulator';

const publicPaths = new Set(['/version', '/healthz', '/readyz', '/livez']);

/** The user of tokens added with addUserWithoutAccess (no RBAC binding at all). */
export const noAccessUserName = 'argo-studio-nobody';

export class Auth {
  private tokens = new Set<string>();
  /** Tokens of a user with no permission at all (every resource request: 403). */
  private readonly noAccess = new Set<string>();
  private denied: DenyRule[] = [];
  private primary: string;

  constructor(initialToken?: string) {
    this.primary = initialToken ?? Auth.newToken();
    this.tokens.add(this.primary);
  }

  static newToken(): string {
    return randomBytes(24).toString('hex');
  }

  get token(): string {
    return this.primary;
  }

  /** Replaces every valid token by a new one: clients holding the old one get 401 until they reload. */
  rotateToken(): string {
    this.primary = Auth.newToken();
    this.tokens = new Set([this.primary]);
    return this.primary;
  }

  addToken(token: string): void {
    this.tokens.add(token);
  }

  /** A valid token whose user may do nothing (as a user without any RBAC binding). */
  addUserWithoutAccess(token: string): void {
    this.tokens.add(token);
    this.noAccess.add(token);
  }

  deny(rule: DenyRule): void {
    this.denied.push(rule);
  }

  clearDenies(): void {
    this.denied = [];
  }

  /** Checks the bearer token; returns it (undefined for an anonymous request to a public path). */
  authenticate(req: IncomingMessage, path: string): string | undefined {
    const header = req.headers.authorization;
    if (header === undefined && publicPaths.has(path)) return undefined;
    const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!m || !this.tokens.has(m[1])) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return m[1];
  }

  authorize(a: AccessRequest, token?: string): void {
    const full = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const nobody = token !== undefined && this.noAccess.has(token);
    const hit =
      nobody ||
      this.denied.some((r) => r.resource === full && (r.verb === undefined || r.verb === a.verb) && (r.namespace === undefined || r.namespace === a.namespace));
    if (!hit) return;
    const what = a.name ? `${qualifiedResource(a.resource, a.group)} "${a.name}" is forbidden` : `${qualifiedResource(a.resource, a.group)} is forbidden`;
    const where = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
    throw new ApiError(
      403,
      `${what}: User "${nobody ? noAccessUserName : userName}" cannot ${a.verb} resource "${full}" in API group "${a.group}"${where}`,
      'Forbidden',
      {
        name: a.name,
        group: a.group || undefined,
        kind: a.resource,
      },
    );
  }
}
