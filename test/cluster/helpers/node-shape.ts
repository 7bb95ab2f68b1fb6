// Reduces a Workflow's status.nodes to its shape (names instead of ids, the workflow name as `W`) so
// tests can compare it with the tree Argo produces.

import type { KubeObject } from '../emulator/types.js';
import type { NodeStatus } from '../controller/wf-types.js';

export interface NodeShape {
  type: string;
  displayName: string;
  templateName?: string;
  phase: string;
  boundary?: string;
  children?: string[];
  outbound?: string[];
  message?: string;
}

export function nodesOf(wf: KubeObject): Record<string, NodeStatus> {
  return ((wf.status as { nodes?: Record<string, NodeStatus> } | undefined)?.nodes ?? {}) as Record<string, NodeStatus>;
}

export function shapeOf(wf: KubeObject): Record<string, NodeShape> {
  const w = wf.metadata.name ?? '';
  const nodes = nodesOf(wf);
  const rel = (name: string): string => (name.startsWith(w) ? 'W' + name.slice(w.length) : name);
  const nameOf = (id: string): string => rel(nodes[id]?.name ?? `<missing ${id}>`);
  const out: Record<string, NodeShape> = {};
  for (const n of Object.values(nodes)) {
    const s: NodeShape = { type: n.type, displayName: rel(n.displayName), phase: n.phase };
    if (n.templateName) s.templateName = n.templateName;
    if (n.boundaryID) s.boundary = nameOf(n.boundaryID);
    if (n.children && n.children.length > 0) s.children = n.children.map(nameOf);
    if (n.outboundNodes && n.outboundNodes.length > 0) s.outbound = n.outboundNodes.map(nameOf);
    if (n.message) s.message = n.message.split(w).join('W');
    out[rel(n.name)] = s;
  }
  return out;
}
