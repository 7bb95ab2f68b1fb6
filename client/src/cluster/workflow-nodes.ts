/**
 * A workflow's node map: `status.nodes`, or `status.compressedNodes` decoded (base64, then gzip or
 * brotli by magic bytes, as Argo's util/file DecodeDecompressString), or a clear reason why there
 * are none (offloaded to the Argo database, zstd which Node 20 cannot decompress, corrupt data).
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { isObject, type NodeStatus, type Workflow } from './types';

export interface WorkflowNodes {
  readonly nodes: Readonly<Record<string, NodeStatus>>;
  /** Where the nodes came from. */
  readonly source: 'nodes' | 'gzip' | 'brotli' | 'none';
  /** Why the nodes cannot be shown (offloaded, unsupported compression, corrupt). */
  readonly unavailable?: string;
}

const cache = new WeakMap<Workflow, WorkflowNodes>();

function decompress(data: Buffer): { json: string; source: 'gzip' | 'brotli' } | { error: string } {
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return { json: gunzipSync(data).toString('utf8'), source: 'gzip' };
  if (data.length >= 4 && data[0] === 0x28 && data[1] === 0xb5 && data[2] === 0x2f && data[3] === 0xfd) {
    return {
      error: 'The node status is compressed with zstd, which the Node.js of this VS Code cannot decompress; nodes are not shown (the Argo UI shows them).',
    };
  }
  return { json: brotliDecompressSync(data).toString('utf8'), source: 'brotli' };
}

function decode(wf: Workflow): WorkflowNodes {
  const status = wf.status;
  if (status?.nodes && Object.keys(status.nodes).length > 0) return { nodes: status.nodes, source: 'nodes' };
  if (status?.compressedNodes) {
    try {
      const r = decompress(Buffer.from(status.compressedNodes, 'base64'));
      if ('error' in r) return { nodes: {}, source: 'none', unavailable: r.error };
      const parsed: unknown = JSON.parse(r.json);
      if (!isObject(parsed)) throw new Error('not a map');
      return { nodes: parsed as Record<string, NodeStatus>, source: r.source };
    } catch (e) {
      return {
        nodes: {},
        source: 'none',
        unavailable: `The compressed node status could not be decoded (${e instanceof Error ? e.message : String(e)}); nodes are not shown.`,
      };
    }
  }
  if (status?.offloadNodeStatusVersion) {
    return {
      nodes: {},
      source: 'none',
      unavailable: `The node status is offloaded to the Argo database (version ${status.offloadNodeStatusVersion}); only the Argo Server can return it, so nodes are not shown here. Open the run in the Argo UI.`,
    };
  }
  return { nodes: {}, source: 'none' };
}

/** The nodes of a workflow object (decoded once per object). */
export function workflowNodes(wf: Workflow): WorkflowNodes {
  let r = cache.get(wf);
  if (!r) {
    r = decode(wf);
    cache.set(wf, r);
  }
  return r;
}
