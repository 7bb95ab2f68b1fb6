/**
 * The HTTP(S) transport to the API server: auth and TLS from `@kubernetes/client-node`
 * (`applyToHTTPSOptions`: token, client certificate, exec plugin, auth providers), requests with
 * `node:http(s)` so that we see every status, body, end and error ourselves.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { ClusterConnection, ClusterRequestOptions } from './connection';
import { ClusterError, networkError, timeoutError } from './errors';
import { chooseContext, loadKubeconfig, type ContextInfo, type KubeconfigSource, type LoadedKubeconfig } from './kubeconfig';

const USER_AGENT = 'argo-studio/0.1 (vscode extension)';
export const DEFAULT_HEADER_TIMEOUT_MS = 15_000;

/** The credentials of one context; reloaded from the kubeconfig files on a 401. Shared by namespace switches. */
export class Credentials {
  private loadedConfig: LoadedKubeconfig;
  private generation = 0;
  private reloading: Promise<void> | undefined;
  /** How many times the credentials were reloaded (tests and diagnostics). */
  reloads = 0;

  constructor(
    readonly source: KubeconfigSource,
    readonly context: ContextInfo,
    loaded: LoadedKubeconfig,
  ) {
    loaded.kc.setCurrentContext(context.name);
    this.loadedConfig = loaded;
  }

  get loaded(): LoadedKubeconfig {
    return this.loadedConfig;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  /** Sets auth headers, TLS options and the agent on `opts`. */
  async apply(opts: https.RequestOptions): Promise<void> {
    try {
      await this.loadedConfig.kc.applyToHTTPSOptions(opts);
    } catch (e) {
      throw authSetupError(e, this.context);
    }
  }

  /**
   * Reads the kubeconfig again and forgets cached exec-plugin credentials. Concurrent callers share
   * one reload; a caller whose request was sent before the last reload (`seen` older) does not reload again.
   */
  async reload(seen: number = this.generation): Promise<void> {
    if (seen !== this.generation) return;
    this.reloading ??= (async (): Promise<void> => {
      const next = loadKubeconfig(this.source, this.generation + 1);
      next.kc.setCurrentContext(this.context.name);
      this.loadedConfig = next;
      this.generation++;
      this.reloads++;
    })().finally(() => (this.reloading = undefined));
    await this.reloading;
  }
}

function authSetupError(e: unknown, ctx: ContextInfo): ClusterError {
  const text = (e instanceof Error ? e.message : String(e)).trim().split('\n')[0].slice(0, 300);
  if (/HTTP protocol is not allowed/.test(text)) {
    return new ClusterError(
      'bad-kubeconfig',
      `Context "${ctx.name}" uses plain http (${ctx.server}) without insecure-skip-tls-verify.`,
      'Use the https address of the API server, or set insecure-skip-tls-verify: true for this test cluster in the kubeconfig.',
    );
  }
  if (/ENOENT|no such file/i.test(text)) {
    return new ClusterError(
      'bad-kubeconfig',
      `A file named in the kubeconfig for context "${ctx.name}" is missing: ${text}.`,
      'Fix the certificate/key/token file paths of the user or cluster in the kubeconfig.',
    );
  }
  return new ClusterError(
    'auth-plugin',
    `The credentials of user "${ctx.user}" (context "${ctx.name}") could not be obtained: ${text || 'the credential plugin failed'}.`,
    'Run the credential command of that user in a terminal to see why (often: log in again with your cloud CLI), then run "Argo: Reconnect to Cluster".',
  );
}

export class KubeTransport implements ClusterConnection {
  constructor(
    readonly credentials: Credentials,
    readonly namespace: string,
    private readonly headerTimeoutMs: number = DEFAULT_HEADER_TIMEOUT_MS,
  ) {}

  /** Loads the kubeconfig and picks the context (preferred, else current) and namespace (else the context's). Throws ClusterError. */
  static open(source: KubeconfigSource, preferredContext?: string, namespace?: string, headerTimeoutMs?: number): KubeTransport {
    const loaded = loadKubeconfig(source);
    const ctx = chooseContext(loaded, preferredContext);
    return new KubeTransport(new Credentials(source, ctx, loaded), namespace || ctx.namespace, headerTimeoutMs);
  }

  get contextName(): string {
    return this.credentials.context.name;
  }

  get server(): string {
    return this.credentials.context.server;
  }

  /** The same credentials with another namespace. */
  withNamespace(namespace: string): KubeTransport {
    return new KubeTransport(this.credentials, namespace, this.headerTimeoutMs);
  }

  async request(method: string, path: string, body?: unknown, opts: ClusterRequestOptions = {}): Promise<http.IncomingMessage> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const generation = this.credentials.currentGeneration;
    const res = await this.send(method, path, payload, opts);
    if (res.statusCode !== 401) return res;
    res.resume();
    await this.credentials.reload(generation);
    return this.send(method, path, payload, opts);
  }

  private async send(method: string, path: string, payload: string | undefined, opts: ClusterRequestOptions): Promise<http.IncomingMessage> {
    const url = new URL(this.server.replace(/\/+$/, '') + path);
    const headers: http.OutgoingHttpHeaders = { Accept: opts.accept ?? 'application/json', 'User-Agent': USER_AGENT };
    if (payload !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const options: https.RequestOptions = { method, headers };
    await this.credentials.apply(options);
    if (opts.signal?.aborted) throw new ClusterError('aborted', 'The request was cancelled.');
    const timeoutMs = opts.timeoutMs ?? this.headerTimeoutMs;
    return new Promise((resolve, reject) => {
      const request = url.protocol === 'http:' ? http.request : https.request;
      const req = request(url, { ...options, ...(opts.signal ? { signal: opts.signal } : {}) }, (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      const timer = setTimeout(() => req.destroy(timeoutError(this.server, timeoutMs)), timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(networkError(e, this.server, this.contextName));
      });
      req.end(payload);
    });
  }
}
