/** JSON requests over a `ClusterConnection`: non-2xx answers become `ClusterError`s. */
import type { ClusterConnection, ClusterRequestOptions } from './connection';
import { clusterErrorFromResponse, readBody, ClusterError } from './errors';
import { withQuery } from './api-paths';
import type { KubeList } from './types';

export const MERGE_PATCH = 'application/merge-patch+json';

export async function kubeJson<T>(conn: ClusterConnection, method: string, path: string, body?: unknown, opts: ClusterRequestOptions = {}): Promise<T> {
  const res = await conn.request(method, path, body, opts);
  const code = res.statusCode ?? 0;
  if (code < 200 || code >= 300) throw await clusterErrorFromResponse(res, { method, path, server: conn.server, contextName: conn.contextName });
  const text = await readBody(res, opts.timeoutMs ?? 30_000);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ClusterError(
      'protocol',
      `The API server answered ${method} ${path.split('?')[0]} with something that is not JSON.`,
      'Check that the kubeconfig points at a Kubernetes API server.',
    );
  }
}

export interface ListResult<T> {
  readonly items: T[];
  readonly resourceVersion: string;
}

/** Lists a collection page by page (`limit`/`continue`); the resourceVersion is the first page's (its snapshot). */
export async function listAll<T>(
  conn: ClusterConnection,
  path: string,
  query: Readonly<Record<string, string | undefined>> = {},
  opts: ClusterRequestOptions & { pageSize?: number } = {},
): Promise<ListResult<T>> {
  const items: T[] = [];
  let resourceVersion: string | undefined;
  let token: string | undefined;
  do {
    const page = await kubeJson<KubeList<T>>(conn, 'GET', withQuery(path, { ...query, limit: opts.pageSize ?? 500, continue: token }), undefined, opts);
    items.push(...(page.items ?? []));
    resourceVersion ??= page.metadata?.resourceVersion ?? '';
    token = page.metadata?.continue || undefined;
  } while (token);
  return { items, resourceVersion: resourceVersion ?? '' };
}
