import type { TextEdit } from '../types';
import type { Occurrence } from './occurrences';

/** Occurrences that name the same thing as `target` (sharing a key). */
export function sameSymbol(occurrences: readonly Occurrence[], target: Occurrence): Occurrence[] {
  const keys = new Set(target.keys);
  return occurrences.filter((o) => o.keys.some((k) => keys.has(k)));
}

/** Definitions of the symbol under the cursor, in this text. */
export function definitionsOf(occurrences: readonly Occurrence[], target: Occurrence): Occurrence[] {
  return sameSymbol(occurrences, target).filter((o) => o.definition);
}

const NAME_RE: Record<string, RegExp> = {
  template: /^[a-zA-Z0-9][-a-zA-Z0-9]*$/,
  task: /^[a-zA-Z0-9][-a-zA-Z0-9]*$/,
  step: /^[a-zA-Z0-9][-a-zA-Z0-9]*$/,
  input: /^[-a-zA-Z0-9_]+$/,
  'workflow-parameter': /^[-a-zA-Z0-9_]+$/,
  'workflow-template': /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
  'ref-template': /^[a-zA-Z0-9][-a-zA-Z0-9]*$/,
};

/** Why a new name is not acceptable for this kind of symbol, or undefined. */
export function invalidNewName(kind: Occurrence['kind'], name: string): string | undefined {
  const re = NAME_RE[kind];
  if (!re.test(name)) return `"${name}" is not a valid ${kind.replace('-', ' ')} name`;
  return undefined;
}

/** Edits renaming every occurrence to `newName`. */
export function renameEdits(occurrences: readonly Occurrence[], newName: string): TextEdit[] {
  return occurrences.map((o) => ({ range: o.range, newText: newName }));
}
