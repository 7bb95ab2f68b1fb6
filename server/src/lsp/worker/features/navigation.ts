import type { Definition, Location, Range, TextDocumentPositionParams, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  collectOccurrences,
  crossFileDefinition,
  definitionsOf,
  invalidNewName,
  renameConflict,
  occurrenceAt,
  occurrencesElsewhere,
  sameSymbol,
  type Occurrence,
  type ReadFile,
} from '../../../core/features';
import { toLspRange } from '../../shared/convert';
import type { NavigationParams, Refusal } from '../../shared/messages';
import type { Snapshot } from '../worker-documents';

interface Target {
  readonly occurrences: Occurrence[];
  readonly target: Occurrence;
}

function targetAt(s: Snapshot, params: TextDocumentPositionParams): Target | undefined {
  const occurrences = s.memo('occurrences', () => collectOccurrences(s.text, s.analysis));
  const target = occurrenceAt(occurrences, s.doc.offsetAt(params.position));
  return target ? { occurrences, target } : undefined;
}

/** Reads another file: the open documents' texts sent with the request first, else `read`. */
function readerOf(params: NavigationParams, read: ReadFile): ReadFile {
  const texts = new Map(params.others.filter((o) => o.text !== undefined).map((o) => [o.uri, o.text as string]));
  return (uri) => texts.get(uri) ?? read(uri);
}

/** Locations of the symbol in the other files of the workspace. */
function elsewhere(s: Snapshot, target: Occurrence, params: NavigationParams, read: ReadFile): Location[] {
  const others = params.others.map((o) => o.uri);
  return occurrencesElsewhere(target, s.uri, others, readerOf(params, read)).map((o) => ({
    uri: o.uri,
    range: toLspRange(TextDocument.create(o.uri, 'yaml', 0, o.text), o.range),
  }));
}

export function definition(s: Snapshot, params: NavigationParams, read: ReadFile): Definition | null {
  const at = targetAt(s, params);
  if (!at) return null;
  const local = definitionsOf(at.occurrences, at.target).filter((o) => o !== at.target);
  if (local.length) return local.map((o) => ({ uri: s.uri, range: toLspRange(s.doc, o.range) }));
  const def = crossFileDefinition(at.target, s.workspace);
  if (!def) return null;
  const text = def.uri === s.uri ? s.text : readerOf(params, read)(def.uri);
  if (text === undefined) return null;
  return { uri: def.uri, range: toLspRange(TextDocument.create(def.uri, 'yaml', 0, text), def.range) };
}

export function references(s: Snapshot, params: NavigationParams & { readonly includeDeclaration: boolean }, read: ReadFile): Location[] {
  const at = targetAt(s, params);
  if (!at) return [];
  const local = sameSymbol(at.occurrences, at.target).filter((o) => params.includeDeclaration || !o.definition);
  return [...local.map((o) => ({ uri: s.uri, range: toLspRange(s.doc, o.range) })), ...elsewhere(s, at.target, params, read)];
}

export function prepareRename(s: Snapshot, params: TextDocumentPositionParams): { range: Range; placeholder: string } | null {
  const at = targetAt(s, params);
  return at ? { range: toLspRange(s.doc, at.target.range), placeholder: at.target.name } : null;
}

export function rename(s: Snapshot, params: NavigationParams & { readonly newName: string }, read: ReadFile): WorkspaceEdit | Refusal {
  const at = targetAt(s, params);
  if (!at) return { refused: 'Nothing to rename here: put the cursor on a template, task, step, parameter or WorkflowTemplate name.' };
  const bad = invalidNewName(at.target.kind, params.newName) ?? renameConflict(at.occurrences, at.target, params.newName);
  if (bad) return { refused: bad };
  const changes: Record<string, { range: Range; newText: string }[]> = {};
  changes[s.uri] = sameSymbol(at.occurrences, at.target).map((o) => ({ range: toLspRange(s.doc, o.range), newText: params.newName }));
  for (const loc of elsewhere(s, at.target, params, read)) (changes[loc.uri] ??= []).push({ range: loc.range, newText: params.newName });
  return { changes };
}
