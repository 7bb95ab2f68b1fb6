/** Turns ajv's errors into one clear problem per real issue. */
import type { ArgoKind } from '../types';
import type { CompiledError } from './ajv-options';
import { formatPath, pointerToPath, valueAt } from './paths';
import type { JsonPath } from './paths';
import { propertiesOf, resolvedAt } from './schema-info';
import { shortDefinitionName } from './definition-names';
import { closestKey } from './suggest';

export type SchemaProblemKind = 'unknown-property' | 'type' | 'enum' | 'required' | 'other';

export interface SchemaProblem {
  /** JSON path to the offending value; for 'unknown-property' the path INCLUDES the unknown key; for 'required' it is the path of the object missing it. */
  readonly path: readonly (string | number)[];
  readonly kind: SchemaProblemKind;
  /** A clear message naming the thing. */
  readonly message: string;
  /** For unknown-property: the closest known key (edit distance), if any is close. */
  readonly suggestion?: string;
  /** For enum problems: the allowed values. */
  readonly allowed?: readonly string[];
  /** For 'required': the missing property; for 'unknown-property': the unknown key. */
  readonly property?: string;
}

/** A value Argo substitutes before use (`{{inputs.parameters.policy}}`), so it cannot be checked against an enum here. */
const TEMPLATED = /\{\{.*\}\}/s;

export function toProblems(kind: ArgoKind, value: unknown, errors: readonly CompiledError[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of withoutBranchErrors(errors)) {
    const path = pointerToPath(error.instancePath, value);
    const problem = toProblem(kind, value, path, error);
    if (!problem) continue;
    const key = `${problem.kind}\u0000${JSON.stringify(problem.path)}\u0000${problem.property ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(problem);
  }
  return inDocumentOrder(withoutTypoConsequences(out), value);
}

/** Sorts problems the way their values appear in the document (object keys keep the YAML order). */
function inDocumentOrder(problems: SchemaProblem[], root: unknown): SchemaProblem[] {
  if (problems.length < 2) return problems;
  const keyed = problems.map((p, i) => ({ p, i, order: positionOf(root, p.path) }));
  keyed.sort((a, b) => compareOrder(a.order, b.order) || a.i - b.i);
  return keyed.map((k) => k.p);
}

function positionOf(root: unknown, path: JsonPath): number[] {
  const out: number[] = [];
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') break;
    out.push(typeof seg === 'number' ? seg : Object.keys(node).indexOf(seg));
    node = (node as Record<string | number, unknown>)[seg];
  }
  return out;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * `schedule:` for `schedules:` is one mistake, not two: a missing required property is not reported when an
 * unknown key of the same object is the likely misspelling of it (the unknown-property problem suggests it).
 */
function withoutTypoConsequences(problems: SchemaProblem[]): SchemaProblem[] {
  const suggested = new Set(
    problems.filter((p) => p.kind === 'unknown-property' && p.suggestion).map((p) => JSON.stringify([...p.path.slice(0, -1), p.suggestion])),
  );
  if (suggested.size === 0) return problems;
  return problems.filter((p) => p.kind !== 'required' || !suggested.has(JSON.stringify([...p.path, p.property])));
}

function toProblem(kind: ArgoKind, root: unknown, path: JsonPath, error: CompiledError): SchemaProblem | undefined {
  const data = valueAt(root, path);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      return unknownProperty(kind, path, key);
    }
    case 'type':
      // Go decodes null into any field as "not set".
      if (data === null) return undefined;
      return { path, kind: 'type', message: `${where(path, kind)} must be ${typeWords(error.params.type)} (got ${describeValue(data)}).` };
    case 'enum': {
      if (data === null || (typeof data === 'string' && TEMPLATED.test(data))) return undefined;
      const allowed = enumValues(error.params.allowedValues);
      return {
        path,
        kind: 'enum',
        message: `${where(path, kind)} must be one of: ${allowed.join(', ')} (got ${JSON.stringify(data)}).`,
        allowed,
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const owner = ownerName(kind, path);
      const at = path.length > 0 ? ` at "${formatPath(path)}"` : '';
      return { path, kind: 'required', message: `Missing required property "${missing}" in ${owner}${at}.`, property: missing };
    }
    case 'anyOf':
    case 'oneOf':
      if (data === null) return undefined;
      return { path, kind: 'type', message: `${where(path, kind)} does not match any of the allowed forms (got ${describeValue(data)}).` };
    case 'minProperties':
    case 'maxProperties':
      return countProblem(kind, path, data, error);
    default:
      return { path, kind: 'other', message: `${where(path, kind)} is not valid here (${error.keyword}).` };
  }
}

function unknownProperty(kind: ArgoKind, parent: JsonPath, key: string): SchemaProblem {
  const path = [...parent, key];
  const node = resolvedAt(kind, parent);
  const known = node?.schema.properties ? [...propertiesOf(node.schema).keys()] : [];
  const suggestion = closestKey(key, known);
  const owner = node?.definition ? shortDefinitionName(node.definition) : parent.length > 0 ? `"${formatPath(parent)}"` : kind;
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const problem: SchemaProblem = {
    path,
    kind: 'unknown-property',
    message: `Unknown property "${key}" in ${owner}.${hint} Argo rejects unknown fields (schema: Argo v4.1).`,
    property: key,
  };
  return suggestion ? { ...problem, suggestion } : problem;
}

function countProblem(kind: ArgoKind, path: JsonPath, data: unknown, error: CompiledError): SchemaProblem {
  const count = data !== null && typeof data === 'object' ? Object.keys(data).length : 0;
  const node = resolvedAt(kind, path);
  if (node?.definition === 'io.argoproj.workflow.v1alpha1.Plugin') {
    return { path, kind: 'other', message: `A plugin template must have exactly one key, the name of the plugin (got ${count}).` };
  }
  const limit = Number(error.params.limit);
  const bound = error.keyword === 'minProperties' ? `at least ${limit}` : `at most ${limit}`;
  return { path, kind: 'other', message: `${where(path, kind)} must have ${bound} ${limit === 1 ? 'key' : 'keys'} (got ${count}).` };
}

/** Errors inside anyOf/oneOf branches are replaced by the one error of the anyOf/oneOf itself. */
function withoutBranchErrors(errors: readonly CompiledError[]): CompiledError[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (combinators.length === 0) return [...errors];
  return errors.filter((e) => {
    if (combinators.includes(e)) return true;
    return !combinators.some((c) => e.schemaPath.startsWith(`${c.schemaPath}/`) || isUnder(e.instancePath, c.instancePath));
  });
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function where(path: JsonPath, kind: ArgoKind): string {
  return path.length === 0 ? `The ${kind}` : `"${formatPath(path)}"`;
}

function ownerName(kind: ArgoKind, path: JsonPath): string {
  const node = resolvedAt(kind, path);
  return node?.definition ? shortDefinitionName(node.definition) : path.length === 0 ? kind : 'this object';
}

function enumValues(values: unknown): string[] {
  const list = Array.isArray(values) ? values : [];
  return list.filter((v) => v !== '').map((v) => String(v));
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  object: 'a mapping (key: value)',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
};

function typeWords(type: unknown): string {
  const names = (Array.isArray(type) ? type : String(type).split(',')).map(String);
  if (names.length === 1 && names[0] === 'boolean') return 'true or false';
  const words = names.map((t) => TYPE_WORDS[t] ?? t);
  return words.length <= 1 ? (words[0] ?? 'another type') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'object':
      return 'a mapping';
    case 'string':
      return `a string ${truncate(JSON.stringify(v))}`;
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return `${v}`;
    default:
      return typeof v;
  }
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}..."` : s;
}
