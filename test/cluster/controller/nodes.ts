// The workflow's node map, with Argo's rules for ids, display names, child links, phases, outbound
// nodes (operator.go getOutboundNodes) and progress (workflow/progress/updater.go).

import { nodeId } from './node-ids.js';
import { isFulfilled, type NodePhase, type NodeStatus, type NodeType, type TemplateRef } from './wf-types.js';

export interface InitNodeOptions {
  templateName?: string;
  templateRef?: TemplateRef;
  templateScope?: string;
  boundaryID?: string;
  phase: NodePhase;
  message?: string;
  nodeFlag?: { hooked?: boolean; retried?: boolean };
}

const stepsOrDagSeparator = /^(\[\d+\])?\./;

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class NodeTree {
  constructor(
    readonly wfName: string,
    readonly nodes: Record<string, NodeStatus>,
    private readonly now: () => number,
  ) {}

  id(name: string): string {
    return nodeId(this.wfName, name);
  }

  byName(name: string): NodeStatus | undefined {
    return this.nodes[this.id(name)];
  }

  byId(id: string): NodeStatus | undefined {
    return this.nodes[id];
  }

  /** operator.go initializeNode: id from the name, displayName relative to the boundary node. */
  init(name: string, type: NodeType, o: InitNodeOptions): NodeStatus {
    const id = this.id(name);
    const boundary = o.boundaryID ? this.nodes[o.boundaryID] : undefined;
    let displayName = name;
    if (boundary) displayName = name.startsWith(boundary.name) ? name.slice(boundary.name.length).replace(stepsOrDagSeparator, '') : name;
    const node: NodeStatus = { id, name, displayName, type, phase: o.phase, startedAt: rfc3339(this.now()) };
    if (o.templateName) node.templateName = o.templateName;
    if (o.templateRef) node.templateRef = o.templateRef;
    if (o.templateScope) node.templateScope = o.templateScope;
    if (o.boundaryID) node.boundaryID = o.boundaryID;
    if (o.message) node.message = o.message;
    if (o.nodeFlag) node.nodeFlag = o.nodeFlag;
    node.finishedAt = isFulfilled(o.phase) ? node.startedAt : null;
    this.nodes[id] = node;
    return node;
  }

  addChild(parentName: string, childName: string): void {
    const parent = this.byName(parentName);
    if (!parent) return;
    const childId = this.id(childName);
    parent.children = parent.children ?? [];
    if (!parent.children.includes(childId)) parent.children.push(childId);
  }

  markPhase(name: string, phase: NodePhase, message?: string): NodeStatus | undefined {
    const node = this.byName(name);
    if (!node) return undefined;
    node.phase = phase;
    if (message !== undefined && message !== '') node.message = message;
    if (isFulfilled(phase) && !node.finishedAt) node.finishedAt = rfc3339(this.now());
    return node;
  }

  /** operator.go getOutboundNodes. */
  outbound(id: string): string[] {
    const node = this.nodes[id];
    if (!node) return [];
    switch (node.type) {
      case 'Skipped':
      case 'Suspend':
      case 'HTTP':
      case 'Plugin':
      case 'Pod':
        return [node.id];
      case 'Container':
      case 'TaskGroup': {
        const children = node.children ?? [];
        if (children.length === 0) return [node.id];
        return children.flatMap((c) => this.outbound(c));
      }
      case 'Retry': {
        const children = node.children ?? [];
        return children.length > 0 ? [children[children.length - 1]] : [];
      }
      default:
        return (node.outboundNodes ?? []).flatMap((o) => this.outbound(o));
    }
  }

  /** progress/updater.go UpdateProgress; returns the workflow's progress. */
  updateProgress(): string {
    const executable = (t: NodeType): boolean => t === 'Pod' || t === 'HTTP' || t === 'Plugin' || t === 'Container' || t === 'Suspend';
    const parse = (p: string | undefined): [number, number] | undefined => {
      const m = p ? /^(\d+)\/(\d+)$/.exec(p) : null;
      if (!m) return undefined;
      const n = Number(m[1]);
      const d = Number(m[2]);
      return n <= d && d > 0 ? [n, d] : undefined;
    };
    let total: [number, number] = [0, 0];
    for (const node of Object.values(this.nodes)) {
      if (!executable(node.type)) continue;
      if (!node.progress) node.progress = '0/1';
      const p = parse(node.progress);
      if (!p) continue;
      if (node.phase === 'Succeeded' || node.phase === 'Skipped' || node.phase === 'Omitted') node.progress = `${p[1]}/${p[1]}`;
      const q = parse(node.progress) ?? p;
      total = [total[0] + q[0], total[1] + q[1]];
    }
    const sum = (node: NodeStatus, visited: Set<string>): [number, number] => {
      let acc: [number, number] = [0, 0];
      for (const cid of node.children ?? []) {
        if (visited.has(cid)) continue;
        visited.add(cid);
        const child = this.nodes[cid];
        if (!child) continue;
        const s = sum(child, visited);
        acc = [acc[0] + s[0], acc[1] + s[1]];
        const p = executable(child.type) ? parse(child.progress) : undefined;
        if (p) acc = [acc[0] + p[0], acc[1] + p[1]];
      }
      return acc;
    };
    for (const node of Object.values(this.nodes)) {
      if (executable(node.type)) continue;
      const s = sum(node, new Set());
      if (s[1] > 0 && s[0] <= s[1]) node.progress = `${s[0]}/${s[1]}`;
    }
    return `${total[0]}/${total[1]}`;
  }
}
