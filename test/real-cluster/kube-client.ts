/**
 * A minimal JSON client for the real apiserver, used by the cluster's own set-up and the fake
 * kubelet (not by the code under test): bearer token, the cluster CA, one request at a time per call.
 */
import { request } from 'node:https';

export interface KubeResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

export type PatchType = 'merge' | 'strategic';

const PATCH_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export class KubeClient {
  constructor(
    readonly server: string,
    private readonly token: string,
    private readonly caPem: string,
  ) {}

  request(method: string, path: string, body?: unknown, opts: { patch?: PatchType; timeoutMs?: number } = {}): Promise<KubeResponse> {
    const url = new URL(path, this.server);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const contentType = method === 'PATCH' ? PATCH_TYPES[opts.patch ?? 'merge'] : 'application/json';
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          ca: this.caPem,
          headers: {
            Authorization: `Bearer ${this.token}`,
            Accept: 'application/json',
            ...(payload ? { 'Content-Type': contentType, 'Content-Length': payload.length } : {}),
          },
          timeout: opts.timeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: parseJson(text), text });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like request, but throws unless the status is 2xx (or one of `allow`). */
  async must(method: string, path: string, body?: unknown, opts: { patch?: PatchType; allow?: number[] } = {}): Promise<KubeResponse> {
    const r = await this.request(method, path, body, opts);
    if ((r.status < 200 || r.status > 299) && !(opts.allow ?? []).includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${r.text.slice(0, 500)}`);
    return r;
  }
}
