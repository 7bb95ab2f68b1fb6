/**
 * LogSource over a KubeConfig (@kubernetes/client-node 1.x): TLS and credentials come from
 * `applyToHTTPSOptions` (CA, client certificates, tokens, exec plugins), the request is our own
 * node:https one, so we see every end, error and Status body. Credentials are applied to each request
 * (an exec plugin's refreshed token is picked up) and never logged.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { createLogSource, type LogSource, type RawGet, type SourceTimeouts } from './log-source';

/** TCP keep-alive on stream sockets, so a silently dead connection is noticed. */
const KEEPALIVE_MS = 30_000;

export function kubeConfigGet(kc: KubeConfig): RawGet {
  return async (path, signal) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`the kubeconfig context "${kc.getCurrentContext()}" has no cluster`);
    const url = new URL(cluster.server.replace(/\/+$/, '') + path);
    const opts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json, */*', 'User-Agent': 'argo-studio' } };
    await kc.applyToHTTPSOptions(opts);
    signal.throwIfAborted();
    const request = url.protocol === 'http:' ? http.request : https.request;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = request(url, { ...opts, signal }, resolve);
      req.on('socket', (s) => s.setKeepAlive(true, KEEPALIVE_MS));
      req.on('error', reject);
      req.end();
    });
  };
}

/** A LogSource for the current context of a KubeConfig. */
export function kubeConfigLogSource(kc: KubeConfig, timeouts?: SourceTimeouts): LogSource {
  return createLogSource(kc.getCurrentContext(), kubeConfigGet(kc), timeouts);
}
