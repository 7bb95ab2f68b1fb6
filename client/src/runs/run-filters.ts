/** Filters of the runs view: whose runs (all, mine, this workspace's), phases, a label selector. */
import { LABEL_SUBMITTED_FROM, LABEL_SUBMITTER, type Workflow } from '../cluster';

export interface RunFilter {
  readonly scope: 'all' | 'mine' | 'workspace';
  /** Empty: every phase. `Pending` also matches a workflow the controller has not seen yet. */
  readonly phases: readonly string[];
  /** `k=v,k!=v,k,!k` (equality and existence terms). */
  readonly labelSelector?: string;
}

export const NO_FILTER: RunFilter = { scope: 'all', phases: [] };

export interface Identity {
  readonly workspace: string;
  readonly submitter: string;
}

type Term = { key: string; op: '=' | '!=' | 'exists' | '!exists'; value?: string };

export function parseSelector(s: string): Term[] | undefined {
  const terms: Term[] = [];
  for (const raw of s
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')) {
    let m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(raw);
    if (m) {
      terms.push({ key: m[1], op: m[2] === '!=' ? '!=' : '=', value: m[3] });
      continue;
    }
    m = /^(!?)([^=!\s]+)$/.exec(raw);
    if (!m) return undefined;
    terms.push({ key: m[2], op: m[1] ? '!exists' : 'exists' });
  }
  return terms;
}

export function matchesFilter(wf: Workflow, f: RunFilter, me: Identity): boolean {
  const labels = wf.metadata?.labels ?? {};
  if (f.scope === 'mine' && labels[LABEL_SUBMITTER] !== me.submitter) return false;
  if (f.scope === 'workspace' && labels[LABEL_SUBMITTED_FROM] !== me.workspace) return false;
  if (f.phases.length > 0 && !f.phases.includes(wf.status?.phase || 'Pending')) return false;
  if (f.labelSelector) {
    const terms = parseSelector(f.labelSelector) ?? [];
    for (const t of terms) {
      const v = labels[t.key];
      if (t.op === 'exists' && v === undefined) return false;
      if (t.op === '!exists' && v !== undefined) return false;
      if (t.op === '=' && v !== t.value) return false;
      if (t.op === '!=' && v === t.value) return false;
    }
  }
  return true;
}

export function describeFilter(f: RunFilter): string | undefined {
  const parts: string[] = [];
  if (f.scope === 'mine') parts.push('mine');
  if (f.scope === 'workspace') parts.push('this workspace');
  if (f.phases.length) parts.push(f.phases.join('|'));
  if (f.labelSelector) parts.push(f.labelSelector);
  return parts.length ? parts.join(', ') : undefined;
}
