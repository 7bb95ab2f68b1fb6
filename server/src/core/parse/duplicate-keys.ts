import { YAMLParseError, isCollection, isMap, isPair, isScalar, type Document } from 'yaml';

/**
 * Reports keys repeated in one mapping as `DUPLICATE_KEY` errors of the document, like the `yaml`
 * package's `uniqueKeys` option, but in linear time (the package compares each key with every
 * earlier key of its map: quadratic over a map of many keys). Parse with `uniqueKeys: false`, then
 * call this. Keys are equal when they are the same scalar value (as `uniqueKeys: true` compares).
 */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!isCollection(n)) continue;
    if (isMap(n)) checkMap(n.items, found);
    for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  if (found.length > 0) doc.errors.splice(0, doc.errors.length, ...mergeByOffset(doc.errors, found));
}

function checkMap(items: readonly unknown[], found: YAMLParseError[]): void {
  if (items.length < 2) return;
  const seen = new Set<unknown>();
  for (const item of items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const v: unknown = item.key.value;
    if (typeof v === 'number' && Number.isNaN(v)) continue;
    if (seen.has(v)) {
      const start = item.key.range?.[0] ?? 0;
      found.push(new YAMLParseError([start, start + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
    } else seen.add(v);
  }
}

/** The two lists in one, by start offset (each already in document order). */
function mergeByOffset(a: readonly YAMLParseError[], b: readonly YAMLParseError[]): YAMLParseError[] {
  const sorted = [...b].sort((x, y) => x.pos[0] - y.pos[0]);
  const out: YAMLParseError[] = [];
  let j = 0;
  for (const e of a) {
    while (j < sorted.length && sorted[j].pos[0] < e.pos[0]) out.push(sorted[j++]);
    out.push(e);
  }
  while (j < sorted.length) out.push(sorted[j++]);
  return out;
}
