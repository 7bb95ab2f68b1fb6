// The kubeconfig handed to clients: token auth, two contexts (namespaces `argo` and `other` by default).

import { stringify } from 'yaml';

export interface KubeconfigOptions {
  server: string;
  token: string;
  /** PEM of the self-signed certificate; omitted for plain http. */
  caPem?: string;
  /** insecure-skip-tls-verify: true (required for http:// by @kubernetes/client-node 1.x). */
  insecure: boolean;
  namespace: string;
  otherNamespace: string;
}

export const contextName = 'argo-studio-emulator';
export const otherContextName = 'argo-studio-emulator-other';

export function renderKubeconfig(o: KubeconfigOptions): string {
  const cluster: Record<string, string | boolean> = { server: o.server };
  if (o.caPem && !o.insecure) cluster['certificate-authority-data'] = Buffer.from(o.caPem).toString('base64');
  if (o.insecure) cluster['insecure-skip-tls-verify'] = true;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name: contextName, cluster }],
    users: [{ name: 'emulator-user', user: { token: o.token } }],
    contexts: [
      { name: contextName, context: { cluster: contextName, user: 'emulator-user', namespace: o.namespace } },
      { name: otherContextName, context: { cluster: contextName, user: 'emulator-user', namespace: o.otherNamespace } },
    ],
    'current-context': contextName,
  });
}
