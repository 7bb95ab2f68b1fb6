// meta.k8s.io/v1 Table output, for clients that ask with `Accept: application/json;as=Table;...` (kubectl get).

import type { ResourceDef } from './resources.js';
import { getPath, isJsonObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';

export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /as=Table/.test(accept);
}

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${days % 365}d`;
  return `${Math.floor(days / 365)}y`;
}

interface Column {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
  cell: (o: KubeObject, now: number) => JsonValue;
}

function age(ts: unknown, now: number): string {
  return typeof ts === 'string' && ts !== '' ? humanDuration(now - Date.parse(ts)) : '<unknown>';
}

function containerStatuses(o: KubeObject, key: string): JsonObject[] {
  const v = getPath(o, `status.${key}`);
  return Array.isArray(v) ? v.filter(isJsonObject) : [];
}

/** The STATUS column of `kubectl get pods` (printPod in pkg/printers/internalversion, simplified). */
function podReason(o: KubeObject): string {
  let reason = String(getPath(o, 'status.reason') ?? getPath(o, 'status.phase') ?? 'Unknown');
  const inits = containerStatuses(o, 'initContainerStatuses');
  for (let i = 0; i < inits.length; i++) {
    const term = getPath(inits[i], 'state.terminated');
    const wait = getPath(inits[i], 'state.waiting.reason');
    if (isJsonObject(term) && term.exitCode === 0) continue;
    if (typeof wait === 'string' && wait !== 'PodInitializing') return `Init:${wait}`;
    return `Init:${i}/${inits.length}`;
  }
  for (const c of containerStatuses(o, 'containerStatuses').reverse()) {
    const wait = getPath(c, 'state.waiting.reason');
    const term = getPath(c, 'state.terminated.reason');
    if (typeof wait === 'string') reason = wait;
    else if (typeof term === 'string') reason = term;
  }
  return reason;
}

function podColumns(): Column[] {
  return [
    { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0, cell: (o) => o.metadata.name ?? '' },
    {
      name: 'Ready',
      type: 'string',
      format: '',
      description: 'The aggregate readiness state of this pod for accepting traffic.',
      priority: 0,
      cell: (o) => {
        const cs = containerStatuses(o, 'containerStatuses');
        const specContainers = getPath(o, 'spec.containers');
        const total = Array.isArray(specContainers) ? specContainers.length : cs.length;
        return `${cs.filter((c) => c.ready === true).length}/${total}`;
      },
    },
    { name: 'Status', type: 'string', format: '', description: 'The aggregate status of the containers in this pod.', priority: 0, cell: (o) => podReason(o) },
    {
      name: 'Restarts',
      type: 'string',
      format: '',
      description: 'The number of times the containers in this pod have been restarted.',
      priority: 0,
      cell: (o) => String(containerStatuses(o, 'containerStatuses').reduce((n, c) => n + (typeof c.restartCount === 'number' ? c.restartCount : 0), 0)),
    },
    { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp', priority: 0, cell: (o, now) => age(o.metadata.creationTimestamp, now) },
    {
      name: 'IP',
      type: 'string',
      format: '',
      description: 'IP address allocated to the pod.',
      priority: 1,
      cell: (o) => String(getPath(o, 'status.podIP') ?? '<none>'),
    },
    { name: 'Node', type: 'string', format: '', description: 'Name of the Node.', priority: 1, cell: (o) => String(getPath(o, 'spec.nodeName') ?? '<none>') },
  ];
}

function columnsFor(def: ResourceDef): Column[] {
  if (def.plural === 'pods') return podColumns();
  const cols: Column[] = [
    { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0, cell: (o) => o.metadata.name ?? '' },
  ];
  const printer =
    def.printerColumns.length > 0 ? def.printerColumns : [{ name: 'Age', type: 'date' as const, jsonPath: '.metadata.creationTimestamp', description: 'Age' }];
  for (const pc of printer) {
    const path = pc.jsonPath.replace(/^\./, '');
    cols.push({
      name: pc.name,
      type: pc.type,
      format: pc.type === 'date' ? '' : '',
      description: pc.description,
      priority: 0,
      cell: (o, now) => {
        const v = getPath(o, path);
        if (pc.type === 'date') return v === undefined || v === null ? null : age(v, now);
        return v === undefined || v === null ? null : (v as JsonValue);
      },
    });
  }
  return cols;
}

export function toTable(def: ResourceDef, objects: KubeObject[], resourceVersion: string, now: number, continueToken?: string): JsonObject {
  const cols = columnsFor(def);
  const metadata: JsonObject = { resourceVersion };
  if (continueToken) metadata.continue = continueToken;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: cols.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o, now)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: JSON.parse(JSON.stringify(o.metadata)) as JsonObject },
    })),
  };
}
