/**
 * What the runs tree shows, as plain data (ids, labels, descriptions, icons, context values) built from
 * the store: the VS Code tree provider only maps these to TreeItems. Ids and labels are stable, for the
 * end-to-end tests: run `run:<ns>/<name>`, node `node:<ns>/<run>/<nodeId>`, info `info:<key>`.
 */
import { workflowNodes } from '../cluster';
import type { Workflow } from '../cluster';
import { elapsedMs, formatDuration, isFinished, runDescription } from './format';
import { buildNodeTree, type RunNode } from './node-tree';
import { phaseStyle, type PhaseStyle } from './phase-style';
import type { RunsStore } from './runs-store';

export interface RunEntry {
  readonly kind: 'run';
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
}

export interface NodeEntry {
  readonly kind: 'node';
  readonly id: string;
  readonly namespace: string;
  readonly run: string;
  readonly node: RunNode;
}

export interface InfoEntry {
  readonly kind: 'info';
  readonly id: string;
  readonly label: string;
  readonly tooltip?: string;
  readonly icon?: string;
  /** A command to run on click. */
  readonly command?: { readonly command: string; readonly title: string; readonly arguments?: unknown[] };
}

export type TreeEntry = RunEntry | NodeEntry | InfoEntry;

export interface EntryView {
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly style: PhaseStyle;
  /** `argoRun.running|suspended|finished`, `argoNode.pod|argoNode`. */
  readonly contextValue: string;
  readonly collapsible: boolean;
}

export function runEntry(namespace: string, name: string): RunEntry {
  return { kind: 'run', id: `run:${namespace}/${name}`, namespace, name };
}

export function isSuspended(wf: Workflow): boolean {
  return wf.spec?.suspend === true;
}

export function runView(wf: Workflow, now: number): EntryView {
  const finished = isFinished(wf);
  const suspended = !finished && isSuspended(wf);
  const description = `${suspended ? 'Suspended · ' : ''}${runDescription(wf, now)}`;
  const lines = [`${wf.metadata?.name ?? ''} (${wf.metadata?.namespace ?? ''})`, description];
  const template = wf.spec?.workflowTemplateRef?.name;
  if (template) lines.push(`from ${wf.spec?.workflowTemplateRef?.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} ${template}`);
  if (wf.metadata?.creationTimestamp) lines.push(`created ${wf.metadata.creationTimestamp}`);
  return {
    label: wf.metadata?.name ?? '',
    description,
    tooltip: lines.join('\n'),
    style: phaseStyle(wf.status?.phase, suspended),
    contextValue: finished ? 'argoRun.finished' : suspended ? 'argoRun.suspended' : 'argoRun.running',
    collapsible: true,
  };
}

export function nodeView(n: RunNode, now: number): EntryView {
  const ms = elapsedMs(n.status, now);
  const parts = [n.phase];
  if (ms !== undefined) parts.push(formatDuration(ms));
  if (n.pod && n.pod.reasons.length > 0) parts.push(n.pod.reasons.join(', '));
  else if (n.status.message) parts.push(n.status.message);
  const lines = [`${n.name}`, `type ${n.type}${n.status.templateName ? ` · template ${n.status.templateName}` : ''}`, parts.join(' · ')];
  if (n.status.message) lines.push(`message: ${n.status.message}`);
  if (n.podName) lines.push(`pod ${n.podName}${n.pod ? `: ${n.pod.text}` : ''}`);
  const activeSuspend = n.type === 'Suspend' && n.phase === 'Running';
  return {
    label: n.label,
    description: parts.join(' · '),
    tooltip: lines.join('\n'),
    style: phaseStyle(n.phase, activeSuspend),
    contextValue: n.podName ? 'argoNode.pod' : 'argoNode',
    collapsible: n.children.length > 0,
  };
}

/** The node entries under a run (plus an info entry when the nodes cannot be shown). */
export function runChildren(store: RunsStore, run: RunEntry): TreeEntry[] {
  const wf = store.get(run.name);
  if (!wf) return [];
  const nodes = workflowNodes(wf);
  const out: TreeEntry[] = [];
  if (nodes.unavailable) out.push({ kind: 'info', id: `info:${run.namespace}/${run.name}/nodes`, label: nodes.unavailable, icon: 'info' });
  const tree = buildNodeTree(wf, nodes.nodes, (n, podName) => store.podForNode(run.name, n.id, podName));
  for (const n of tree) out.push(nodeEntry(run.namespace, run.name, n));
  return out;
}

export function nodeEntry(namespace: string, run: string, node: RunNode): NodeEntry {
  return { kind: 'node', id: `node:${namespace}/${run}/${node.id}`, namespace, run, node };
}
