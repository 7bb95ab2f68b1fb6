import { isMap, isSeq, type Node } from 'yaml';
import { schemaAt, validateArgoSchema, type SchemaProblem } from '../schema';
import type { Fix, Range } from '../types';
import { suggest } from '../util/suggest';
import { yaml11Reading } from './yaml11-rules';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'unknown-property',
    severity: 'error',
    family: 'schema',
    description:
      'A key that Argo does not know at this place (a typo): Argo decodes strictly, so argo lint and argo submit reject it. Offers the closest known key. The schema covers Argo v4.1; with a newer Argo, set this rule to "warning".',
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
      const dash = p.kind === 'unknown-property' ? underTheDash(ctx, p) : undefined;
      if (dash) {
        ctx.report(code, located, dash.message, { fixes: [dash.fix] });
      } else if (p.kind === 'unknown-property' && p.suggestion && hasKey(value, p.path.slice(0, -1), p.suggestion)) {
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
/** The YAML map at a JSON path of the document (aliases followed). */
function mapAt(ctx: RuleContext, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = ctx.model.root;
  for (const seg of path) {
    if (isMap(node)) node = ctx.y.deref(ctx.y.pair(node, String(seg))?.value) ?? undefined;
    else if (isSeq(node) && typeof seg === 'number') node = ctx.y.deref(node.items[seg]) ?? undefined;
    else return undefined;
  }
  return node;
}

/**
 * An unknown key written at the column of the `- ` of the list item just above it (VS Code puts the
 * next line there after `- name: x` and Enter), where the item knows that key: it belongs in the item.
 */
function underTheDash(ctx: RuleContext, p: SchemaProblem): { message: string; fix: Fix } | undefined {
  const key = String(p.path[p.path.length - 1]);
  const parentPath = p.path.slice(0, -1);
  const parent = mapAt(ctx, parentPath);
  if (!isMap(parent)) return undefined;
  const i = parent.items.findIndex((it) => ctx.y.range(it.key).start >= 0 && String((it.key as { value?: unknown } | null)?.value) === key);
  // The list above, past keys that were misplaced the same way (unknown here).
  const known = schemaAt(ctx.model.kind, parentPath)?.properties;
  const keyOf = (n: number): string => String((parent.items[n].key as { value?: unknown } | null)?.value);
  let j = i - 1;
  while (j >= 0 && !isSeq(ctx.y.deref(parent.items[j].value)) && known && !known.has(keyOf(j))) j--;
  const prevPair = j >= 0 ? parent.items[j] : undefined;
  const list = prevPair ? ctx.y.deref(prevPair.value) : undefined;
  if (!prevPair || !isSeq(list) || list.flow || list.items.length === 0) return undefined;
  const text = ctx.text;
  const keyRange = ctx.y.range(parent.items[i].key);
  const lineStart = text.lastIndexOf('\n', keyRange.start - 1) + 1;
  const column = keyRange.start - lineStart;
  const lastItem = ctx.y.range(list.items[list.items.length - 1]);
  const itemLine = text.lastIndexOf('\n', lastItem.start - 1) + 1;
  const dashAt = text.lastIndexOf('-', lastItem.start);
  if (dashAt < itemLine || dashAt - itemLine !== column) return undefined;
  const listKey = String((prevPair.key as { value?: unknown } | null)?.value);
  if (!schemaAt(ctx.model.kind, [...parentPath, listKey, 0])?.properties?.has(key)) return undefined;
  // Indent every line from the first misplaced key after the list through this pair by two spaces.
  const firstKey = ctx.y.range(parent.items[j + 1].key).start;
  const pairEnd = ctx.y.range(parent.items[i].value ?? parent.items[i].key).end;
  const edits = [];
  for (let at = text.lastIndexOf('\n', firstKey - 1) + 1; at >= 0 && at < Math.max(pairEnd, keyRange.end);) {
    edits.push({ range: { start: at, end: at }, newText: '  ' });
    const nl = text.indexOf('\n', at);
    if (nl < 0 || nl + 1 >= pairEnd) break;
    at = nl + 1;
  }
  return {
    message: `"${key}" is indented under the dash of the "${listKey}" item above, so it is not part of that item: indent it by two spaces.`,
    fix: { title: `Indent "${key}" by two spaces (into the item above)`, edits, preferred: true },
  };
}

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
