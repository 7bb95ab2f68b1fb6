import { isMap, isSeq, type Node } from 'yaml';
import { validateArgoSchema, type SchemaProblem } from '../schema';
import type { Range } from '../types';
import { suggest } from '../util/suggest';
import { yaml11Reading } from './yaml11-rules';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'unknown-property',
    severity: 'warning',
    family: 'schema',
    description: 'A key that Argo does not know at this place (a typo; argo lint rejects unknown fields). Offers the closest known key.',
    example: '- name: main\n  contaner:\n    image: alpine',
  },
  {
    code: 'schema-type',
    severity: 'error',
    family: 'schema',
    description: 'A value of the wrong type (e.g. a string where a list is expected).',
    example: 'command: echo hi   # must be a list',
  },
  {
    code: 'schema-enum',
    severity: 'error',
    family: 'schema',
    description: 'A value that is not one of the allowed values.',
    example: 'imagePullPolicy: Sometimes',
  },
  { code: 'schema-required', severity: 'error', family: 'schema', description: 'A required field is missing.', example: 'templateRef: {}' },
  {
    code: 'schema-invalid',
    severity: 'error',
    family: 'schema',
    description: 'A value that breaks another schema constraint (format, pattern, bounds).',
    example: 'parallelism: -1',
  },
];

const CODE: Record<SchemaProblem['kind'], string> = {
  'unknown-property': 'unknown-property',
  type: 'schema-type',
  enum: 'schema-enum',
  required: 'schema-required',
  other: 'schema-invalid',
};

/** Validates the whole document against the generated JSON Schema of its kind. */
export const schemaRules: RuleFamily = {
  name: 'schema',
  rules: RULES,
  check(ctx: RuleContext): void {
    let value: unknown;
    try {
      value = ctx.y.toJS(ctx.model.root);
    } catch {
      return; // alias bombs and the like: the YAML layer reports what it can
    }
    for (const p of validateArgoSchema(ctx.model.kind, value)) {
      if (coveredElsewhere(p)) continue;
      const located = locate(ctx, p);
      if (!located) continue;
      if (p.kind === 'type' && goReadsAsExpected(ctx.text.slice(located.start, located.end), p.message)) continue;
      const code = CODE[p.kind];
      if (p.kind === 'unknown-property' && p.suggestion && hasKey(value, p.path.slice(0, -1), p.suggestion)) {
        // Renaming it would make a duplicate key: say so, with no rename.
        ctx.report(code, located, `${p.message} "${p.suggestion}" is already set here: merge this key into it, or remove it.`);
      } else if (p.kind === 'unknown-property' && p.suggestion) {
        ctx.report(code, located, p.message, {
          fixes: [{ title: `Change to "${p.suggestion}"`, edits: [{ range: located, newText: p.suggestion }], preferred: true }],
        });
      } else if (p.kind === 'enum' && p.allowed && p.allowed.length > 0) {
        const s = suggest(String(ctx.text.slice(located.start, located.end)).replace(/^["']|["']$/g, ''), p.allowed);
        ctx.report(code, located, p.message, {
          fixes: s ? [{ title: `Change to "${s}"`, edits: [{ range: located, newText: s }], preferred: true }] : undefined,
        });
      } else ctx.report(code, located, p.message);
    }
  },
};

/**
 * Argo reads YAML 1.1: `daemon: yes` is a boolean and `limit: 1_000` a number there, though YAML 1.2
 * reads text. Such a value is what Argo expects, so no type error.
 */
function goReadsAsExpected(source: string, message: string): boolean {
  const reading = yaml11Reading(source);
  if (reading === 'boolean') return /true or false|\bboolean\b/.test(message);
  if (reading === 'number') return /\b(integer|number)\b/.test(message);
  return false;
}

/** Problems that a semantic rule reports with Argo's own words (and a fix): the schema stays quiet. */
function coveredElsewhere(p: SchemaProblem): boolean {
  const path = p.path.map(String);
  const last = path[path.length - 1];
  if (p.kind === 'required' && p.property === 'name') {
    // template-name-required, task-name-required, step-name-required, init-container-name-required
    const parent = p.path[p.path.length - 2];
    const grand = p.path[p.path.length - 3];
    return parent === 'templates' || parent === 'tasks' || typeof parent === 'number' || grand === 'steps' || parent === 'initContainers';
  }
  if (p.kind === 'required' && p.property === 'schedules') return true; // cron-schedule-required
  if (p.kind === 'required' && (p.property === 'help' || p.property === 'value') && path.includes('prometheus')) return true; // invalid-metric
  if (p.kind === 'type' && (last === 'timeout' || last === 'pendingTimeout')) return true; // invalid-duration
  return false;
}

/** The range of the node a schema path names: the key for unknown/required problems, else the value. */
/** True when the object at `path` of `value` has the key. */
function hasKey(value: unknown, path: readonly (string | number)[], key: string): boolean {
  let v: unknown = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return false;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, key);
}

function locate(ctx: RuleContext, p: SchemaProblem): Range | undefined {
  const { y } = ctx;
  let node: Node | undefined = ctx.model.root;
  let keyRange: Range | undefined = y.keyRange(ctx.model.root, 'kind');
  const path = p.path;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = y.pair(node, String(seg));
      if (!pair) return keyRange;
      keyRange = y.range(pair.key);
      if (last && p.kind === 'unknown-property') return keyRange;
      node = y.deref(pair.value) ?? undefined;
      if (!node) return keyRange;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = y.deref(node.items[seg]);
      if (!item) return keyRange;
      node = item;
      keyRange = y.range(item);
    } else return keyRange;
  }
  if (p.kind === 'required') return keyRange;
  return node ? y.range(node) : keyRange;
}
