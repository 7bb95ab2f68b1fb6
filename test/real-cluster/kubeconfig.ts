/** The real cluster's kubeconfig: token, other-namespace, client-certificate and RBAC-less contexts. */
import { stringify } from 'yaml';

export const REAL_CONTEXTS = {
  /** Admin token (group system:masters), namespace argo: the current context. */
  token: 'argo-studio-real',
  /** Same user, namespace other. */
  other: 'argo-studio-real-other',
  /** Client certificate in group system:masters. */
  cert: 'argo-studio-real-cert',
  /** A token whose user has no RBAC binding at all (every request: 403). */
  noRbac: 'argo-studio-real-norbac',
} as const;

export interface RealKubeconfigOptions {
  readonly server: string;
  readonly caPem: string;
  readonly adminToken: string;
  readonly noRbacToken: string;
  readonly certPem: string;
  readonly keyPem: string;
  readonly namespace: string;
  readonly otherNamespace: string;
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

export function renderRealKubeconfig(o: RealKubeconfigOptions): string {
  const cluster = 'argo-studio-real';
  const ctx = (name: string, user: string, namespace: string): object => ({ name, context: { cluster, user, namespace } });
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: cluster, cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) } }],
    users: [
      { name: 'admin-token', user: { token: o.adminToken } },
      { name: 'admin-cert', user: { 'client-certificate-data': b64(o.certPem), 'client-key-data': b64(o.keyPem) } },
      { name: 'nobody', user: { token: o.noRbacToken } },
    ],
    contexts: [
      ctx(REAL_CONTEXTS.token, 'admin-token', o.namespace),
      ctx(REAL_CONTEXTS.other, 'admin-token', o.otherNamespace),
      ctx(REAL_CONTEXTS.cert, 'admin-cert', o.namespace),
      ctx(REAL_CONTEXTS.noRbac, 'nobody', o.namespace),
    ],
    'current-context': REAL_CONTEXTS.token,
  });
}
