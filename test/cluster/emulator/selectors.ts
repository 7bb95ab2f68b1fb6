// Label selectors (=, ==, !=, in, notin, exists, !exists) and field selectors (=, ==, != on dotted paths),
// parsed the way the apiserver reads `labelSelector` / `fieldSelector` query parameters.

import { ApiError } from './status.js';
import { getPath, type KubeObject } from './types.js';

type Requirement =
  { op: 'eq' | 'neq'; key: string; value: string } | { op: 'in' | 'notin'; key: string; values: string[] } | { op: 'exists' | 'notexists'; key: string };

export interface Selector {
  matches(obj: KubeObject): boolean;
  readonly empty: boolean;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseLabelRequirement(term: string): Requirement {
  let m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
  if (m)
    return {
      op: m[2] as 'in' | 'notin',
      key: m[1],
      values: m[3]
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    };
  m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] };
  m = /^!\s*([^=!\s]+)$/.exec(term);
  if (m) return { op: 'notexists', key: m[1] };
  m = /^([^=!\s()]+)$/.exec(term);
  if (m) return { op: 'exists', key: m[1] };
  throw new ApiError(400, `unable to parse requirement: found '${term}', expected: identifier`, 'BadRequest');
}

function check(req: Requirement, value: string | undefined): boolean {
  switch (req.op) {
    case 'eq':
      return value === req.value;
    case 'neq':
      return value !== req.value;
    case 'in':
      return value !== undefined && req.values.includes(value);
    case 'notin':
      return value === undefined || !req.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'notexists':
      return value === undefined;
  }
}

export function parseLabelSelector(raw: string | null): Selector {
  const reqs = raw ? splitTopLevel(raw).map(parseLabelRequirement) : [];
  return {
    empty: reqs.length === 0,
    matches: (obj) => reqs.every((r) => check(r, obj.metadata.labels?.[r.key])),
  };
}

/** Field selectors: `metadata.name=x,status.phase!=Running`. Any dotted path of the object is allowed. */
export function parseFieldSelector(raw: string | null): Selector {
  const reqs: Requirement[] = [];
  for (const term of raw ? splitTopLevel(raw) : []) {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new ApiError(400, `invalid selector: '${raw}'; can't understand '${term}'`, 'BadRequest');
    reqs.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] });
  }
  return {
    empty: reqs.length === 0,
    matches: (obj) =>
      reqs.every((r) => {
        const v = getPath(obj, r.key);
        return check(r, v === undefined || v === null ? '' : String(v));
      }),
  };
}
