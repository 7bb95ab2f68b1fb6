import { LineCounter, parseAllDocuments, type Document, type YAMLError } from 'yaml';
import type { Finding, Range } from '../types';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { applyInsertions, findUnderIndentedFlowLines } from './go-yaml-compat';
import { OffsetMap } from './offset-map';

/** One YAML document of a file, parsed with positions. */
export interface ParsedDocument {
  readonly index: number;
  readonly doc: Document.Parsed;
  /** Range of the document in the original text. */
  readonly range: Range;
  /** YAML syntax problems (errors and warnings) of this document, in original offsets. */
  readonly problems: Finding[];
  /** True when the document has YAML errors (its tree may be partial). */
  readonly hasErrors: boolean;
}

export interface ParsedFile {
  readonly text: string;
  readonly documents: ParsedDocument[];
  /** Maps an offset of a node of `documents` to an offset in `text`. */
  readonly toOriginal: (offset: number) => number;
}

/** `uniqueKeys` is off: `addDuplicateKeyErrors` reports repeated keys after parsing, in linear time. */
export const PARSE_OPTIONS = {
  uniqueKeys: false,
  merge: true,
  prettyErrors: false,
  keepSourceTokens: false,
  strict: true,
} as const;

/** Errors that Go's YAML reader does not raise for under-indented flow continuations. */
const COMPAT_CODES = new Set(['MISSING_CHAR', 'BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'UNEXPECTED_TOKEN', 'BLOCK_AS_IMPLICIT_KEY']);

/** Parses every document of a YAML text, the way Argo's Go YAML reader accepts it. */
export function parseFile(text: string): ParsedFile {
  const first = parseDocs(text);
  if (!first.some((d) => d.errors.some((e) => e.code === 'BAD_INDENT' && /Flow (sequence|mapping)/.test(e.message)))) {
    return build(text, first, new OffsetMap([]), []);
  }
  const repair = findUnderIndentedFlowLines(text);
  if (repair.insertions.length === 0) return build(text, first, new OffsetMap([]), []);
  const repairedText = applyInsertions(text, repair.insertions);
  const second = parseDocs(repairedText);
  const count = (docs: Document.Parsed[]): number => docs.reduce((n, d) => n + d.errors.filter((e) => COMPAT_CODES.has(e.code)).length, 0);
  if (count(second) >= count(first)) return build(text, first, new OffsetMap([]), []);
  return build(text, second, new OffsetMap(repair.insertions), repair.lines);
}

function parseDocs(text: string): Document.Parsed[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...PARSE_OPTIONS, lineCounter });
  // parseAllDocuments returns an EmptyStream (an array) for empty input, else an array or a single doc.
  const list = Array.isArray(docs) ? (docs as Document.Parsed[]) : [docs as unknown as Document.Parsed];
  for (const doc of list) addDuplicateKeyErrors(doc);
  return list;
}

function build(text: string, docs: Document.Parsed[], map: OffsetMap, compatLines: number[]): ParsedFile {
  const toOriginal = map.isIdentity ? (o: number): number => o : (o: number): number => map.toOriginal(o);
  const documents: ParsedDocument[] = docs.map((doc, index) => {
    const [start, , end] = doc.range;
    const range = { start: toOriginal(start), end: toOriginal(end) };
    const problems: Finding[] = [];
    for (const e of doc.errors) problems.push(toFinding(e, 'error', toOriginal, text));
    for (const w of doc.warnings) problems.push(toFinding(w, 'warning', toOriginal, text));
    for (const line of compatLines) {
      if (line >= range.start && line < range.end) {
        const eol = text.indexOf('\n', line);
        problems.push({
          code: 'yaml-go-compat',
          severity: 'warning',
          message:
            'This line continues a quoted string inside [...] or {...} but is indented no deeper than its key. ' +
            'Argo (Go YAML) accepts it; strict YAML 1.2 tools reject it. Indent it deeper than the key.',
          range: { start: line, end: eol < 0 ? text.length : eol },
        });
      }
    }
    return { index, doc, range, problems, hasErrors: doc.errors.length > 0 };
  });
  return { text, documents, toOriginal };
}

function toFinding(e: YAMLError, severity: 'error' | 'warning', toOriginal: (o: number) => number, text: string): Finding {
  const start = toOriginal(e.pos[0]);
  let end = toOriginal(e.pos[1]);
  if (end <= start) end = Math.min(text.length, start + 1);
  const isDup = e.code === 'DUPLICATE_KEY';
  if (isDup) {
    const key = keyAt(text, start);
    return { code: 'duplicate-key', severity, message: duplicateKeyMessage(key), range: { start, end: start + Math.max(1, key.length) } };
  }
  const first = e.message.split('\n')[0];
  const message = /Maximum call stack/.test(first) ? 'The YAML is nested too deeply to analyse (maximum call stack size exceeded).' : first;
  return { code: 'yaml-syntax', severity, message, range: { start, end } };
}

function keyAt(text: string, start: number): string {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:\n#]*?)\s*:(?:\s|$)/.exec(text.slice(start, start + 300));
  return m ? m[1] : '';
}

function duplicateKeyMessage(key: string): string {
  const name = key.replace(/^["']|["']$/g, '');
  return name
    ? `Duplicate key "${name}" in this mapping: Argo rejects the file (key "${name}" already set in map). Remove or merge one of them.`
    : 'Duplicate key in this mapping: Argo rejects the file. Remove or merge one of them.';
}
