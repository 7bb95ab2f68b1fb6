import { isAlias, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLSeq } from 'yaml';
import { addDuplicateKeyErrors } from './duplicate-keys';
import { PARSE_OPTIONS, type ParsedFile } from './parse-file';

/**
 * Re-parses only the list item (a task, a step, a template...) that an edit falls in, and splices
 * it into the previous tree, shifting the ranges after it. Returns undefined whenever that is not
 * certainly equivalent to a full parse (several documents, errors, anchors, an edit across items,
 * an item that does not parse on its own as exactly one item), and the caller parses in full.
 *
 * The previous tree is modified in place: keep using only the returned file.
 */
export function reparseIncrementally(prev: ParsedFile, text: string): ParsedFile | undefined {
  if (prev.text === text) return prev;
  if (prev.documents.length !== 1) return undefined;
  const pd = prev.documents[0];
  if (pd.hasErrors || pd.problems.length > 0 || prev.toOriginal(1) !== 1 || pd.doc.warnings.length > 0) return undefined;
  const old = prev.text;
  // Anchors and aliases (what an alias stands for depends on the whole document) and directives: full parse.
  const contentStart = (pd.doc.contents as Node | null)?.range?.[0] ?? old.length;
  if (/^%/m.test(old.slice(0, contentStart)) || hasAnchorsOrAliases(pd.doc.contents)) return undefined;
  // Changed region: common prefix and suffix.
  let p = 0;
  const max = Math.min(old.length, text.length);
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEnd = old.length - s;
  const delta = text.length - old.length;
  const target = findItem(pd.doc.contents as Node | null, p, oldEnd, old);
  if (!target) return undefined;
  const { seq, index, fragStart, fragEnd } = target;
  const fragment = text.slice(fragStart, fragEnd + delta);
  // Comments and a blank line ending the item attach to different nodes in a lone item and in the
  // whole document (and move range ends): leave those to a full parse.
  if (fragment.includes('#') || old.slice(fragStart, fragEnd).includes('#')) return undefined;
  if (/(^|\n)[ ]*\n?$/.test(fragment.replace(/\n$/, ''))) return undefined;
  if (/(^|[\s[{,])[&*!][^\s]/.test(fragment) || /^(---|\.\.\.)/m.test(fragment) || fragment.includes('\t')) return undefined;
  const parsed = parseDocument(fragment, PARSE_OPTIONS);
  addDuplicateKeyErrors(parsed);
  if (parsed.errors.length || parsed.warnings.length) return undefined;
  const root = parsed.contents;
  if (!isSeq(root) || root.flow || root.items.length !== 1) return undefined;
  const item = root.items[0] as Node;
  if (!item || !(isMap(item) || isScalar(item) || isSeq(item))) return undefined;
  // The item must sit at the same column as before (same dash column).
  const oldItem = seq.items[index] as Node;
  const col = (offset: number, src: string): number => offset - (src.lastIndexOf('\n', offset - 1) + 1);
  if (!oldItem.range || !item.range || col(oldItem.range[0], old) !== col(item.range[0] + fragStart, text)) return undefined;
  // The item must end exactly where its fragment ends, before and after (a trailing comment or
  // blank line is attached differently to a lone item than inside the whole document).
  if (oldItem.range[2] !== fragEnd || item.range[2] !== fragment.length || root.range[2] !== fragment.length) return undefined;
  // Shift everything after the edit, then graft the new item (its ranges moved to the file).
  shiftRanges(pd.doc, oldEnd, delta, oldItem);
  shiftNode(item, () => true, fragStart);
  seq.items[index] = item;
  const [a, b, c] = pd.doc.range;
  pd.doc.range = [a, b >= oldEnd ? b + delta : b, c >= oldEnd ? c + delta : c];
  const doc = pd.doc;
  return {
    text,
    documents: [{ ...pd, doc, range: { start: doc.range[0], end: doc.range[2] } }],
    toOriginal: prev.toOriginal,
  };
}

interface ItemHit {
  readonly seq: YAMLSeq;
  readonly index: number;
  readonly fragStart: number;
  readonly fragEnd: number;
}

/** The innermost block-list item whose lines strictly contain [start, end). */
function findItem(node: Node | null, start: number, end: number, text: string, depth = 0): ItemHit | undefined {
  if (!node || depth > 64) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const v = pair.value as Node | null;
      if (v?.range && v.range[0] <= start && end <= v.range[2]) return findItem(v, start, end, text, depth + 1);
    }
    return undefined;
  }
  if (!isSeq(node) || node.flow) return undefined;
  for (let i = 0; i < node.items.length; i++) {
    const item = node.items[i] as Node | null;
    if (!item?.range) return undefined;
    const lineStart = text.lastIndexOf('\n', item.range[0] - 1) + 1;
    const next = node.items[i + 1] as Node | undefined;
    const fragEnd = next?.range ? text.lastIndexOf('\n', next.range[0] - 1) + 1 : endOfLine(text, Math.max(item.range[2] - 1, item.range[0]));
    if (start > lineStart + 1 && end < fragEnd && start >= item.range[0]) {
      const inner = isMap(item) || isSeq(item) ? findItem(item, start, end, text, depth + 1) : undefined;
      return inner ?? { seq: node, index: i, fragStart: lineStart, fragEnd };
    }
  }
  return undefined;
}

function endOfLine(text: string, offset: number): number {
  const e = text.indexOf('\n', offset);
  return e < 0 ? text.length : e + 1;
}

/** Adds `delta` to every range offset >= `from` in the document, skipping the replaced item. Iterative: any depth. */
function shiftRanges(doc: Document.Parsed, from: number, delta: number, skip: Node): void {
  if (delta === 0) return;
  eachNode(doc.contents, (n) => {
    if (n === skip) return false;
    shiftRange(n, (x) => x >= from, delta);
    return true;
  });
}

/** Adds `delta` to range offsets of a node and its children that pass `which`. */
function shiftNode(node: Node, which: (x: number) => boolean, delta: number): void {
  eachNode(node, (n) => {
    shiftRange(n, which, delta);
    return true;
  });
}

function shiftRange(node: Node, which: (x: number) => boolean, delta: number): void {
  const r = node.range;
  if (r) node.range = [which(r[0]) ? r[0] + delta : r[0], which(r[1]) ? r[1] + delta : r[1], which(r[2]) ? r[2] + delta : r[2]];
}

/** True when the tree has an anchor or an alias (a re-parsed item could change what an alias means). */
function hasAnchorsOrAliases(root: unknown): boolean {
  let found = false;
  eachNode(root, (n) => {
    if (isAlias(n) || (n as { anchor?: string }).anchor) found = true;
    return !found;
  });
  return found;
}

/** Calls `fn` for every node under `root` (keys too, pre-order); `fn` returning false skips the node's children. */
function eachNode(root: unknown, fn: (n: Node) => boolean): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!isNode(n) || !fn(n)) continue;
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
}
