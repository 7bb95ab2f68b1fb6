import { isMap, isSeq, type ParsedNode } from 'yaml';
import type { MaskSpan } from './mask-template';
import { pathAt, type PathStep } from './yaml-nodes';

type NameList = 'templates' | 'tasks' | 'steps' | 'parameters';

/** Findings about names, by the list whose names they look up: when values or an include may supply names of that list, they are not reported. */
const REFERENCE_CODES: Readonly<Record<NameList, readonly string[]>> = {
  templates: ['unknown-template', 'template-ref-unknown-template', 'missing-entrypoint'],
  tasks: ['unknown-dependency', 'unknown-target', 'unresolved-variable', 'missing-dependency'],
  steps: ['unresolved-variable'],
  parameters: ['unresolved-variable', 'unknown-argument', 'missing-input-argument'],
};

const ALL: readonly NameList[] = ['templates', 'tasks', 'steps', 'parameters'];

/** The reference codes that cannot be trusted in this document: a name is a placeholder, or an include writes into a list of names (or what holds one). */
export function unsureReferenceCodes(root: ParsedNode | null, masks: readonly MaskSpan[]): Set<string> {
  const unsure = new Set<string>();
  for (const m of masks) {
    const path = pathAt(root, m.start);
    const lists = m.block ? listsWrittenInto(path) : listOfName(path);
    for (const list of lists) for (const code of REFERENCE_CODES[list]) unsure.add(code);
  }
  return unsure;
}

/** The list whose item's `name` the path ends at. */
function listOfName(path: readonly PathStep[]): NameList[] {
  const n = path.length;
  if (n < 3 || path[n - 1].key !== 'name') return [];
  const key = path[n - 3].key ?? (path[n - 4]?.key === 'steps' ? 'steps' : undefined);
  if (key === 'templates' || key === 'tasks' || key === 'steps') return [key];
  return key === 'parameters' || key === 'artifacts' ? ['parameters'] : [];
}

/** The lists of names that a block written into the deepest collection of the path may add to. */
function listsWrittenInto(path: readonly PathStep[]): NameList[] {
  const collections = path.filter((s) => isMap(s.node) || isSeq(s.node));
  const here = collections[collections.length - 1];
  if (!here) return [...ALL];
  const keys = collections.map((s) => s.key);
  const key = here.key;
  if (collections.length === 1 || key === 'spec' || key === 'workflowSpec' || key === 'templates') return [...ALL];
  if (key === undefined && keys[keys.length - 2] === 'templates') return ['tasks', 'steps', 'parameters'];
  if (key === 'dag' || key === 'tasks') return ['tasks'];
  if (key === 'steps' || keys.includes('steps')) return ['steps'];
  if (key === 'inputs' || key === 'arguments' || key === 'parameters' || key === 'artifacts') return ['parameters'];
  return [];
}
