import type { TextEdit } from '../types';
import type { Occurrence } from './occurrences';
import { decodeSymbolKey, encodeSymbolKey, type SymbolKey } from './symbol-key';

/**
 * Occurrences that name the same thing as `target`: sharing a key with it, or with a definition that
 * shares one (a definition carries all its names, e.g. an input's key in its template and the key
 * templateRef call sites use).
 */
export function sameSymbol(occurrences: readonly Occurrence[], target: Occurrence): Occurrence[] {
  const keys = new Set(target.keys);
  for (const o of occurrences) if (o.definition && o.keys.some((k) => keys.has(k))) for (const k of o.keys) keys.add(k);
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

/** Why renaming `target` to `newName` cannot be done right (the new name is already another symbol's in that scope), or undefined. */
export function renameConflict(occurrences: readonly Occurrence[], target: Occurrence, newName: string): string | undefined {
  if (newName === target.name) return undefined;
  const renamed = new Set(
    target.keys
      .map(decodeSymbolKey)
      .filter((k): k is SymbolKey => k !== undefined)
      .map((k) => encodeSymbolKey(withName(k, newName))),
  );
  const clash = occurrences.find((o) => o.definition && o.keys.some((k) => renamed.has(k)));
  return clash ? `A ${clash.kind.replace('-', ' ')} named "${newName}" already exists here: renaming would merge two different things.` : undefined;
}

function withName(k: SymbolKey, name: string): SymbolKey {
  switch (k.kind) {
    case 'ref-template':
      return { ...k, template: name };
    default:
      return { ...k, name };
  }
}
