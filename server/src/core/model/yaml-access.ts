import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Range } from '../types';
import { resolveAlias } from './alias-index';
import { toPlain } from './to-plain';
import type { Located } from './types';

/** Maps with more items than this are looked up through a key index. */
const SCAN_LIMIT = 16;
const KEY_INDEX = new WeakMap<YAMLMap, { readonly length: number; readonly index: Map<string, Pair> }>();

/** Reads YAML nodes of one document, resolving aliases and mapping ranges to the original text. */
export class YamlAccess {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly toOriginal: (offset: number) => number,
  ) {}

  /** Follows aliases (bounded) to the node they stand for. */
  deref(node: unknown): Node | undefined {
    let n = node;
    for (let i = 0; i < 32 && isAlias(n); i++) n = resolveAlias(this.doc, n);
    return isAlias(n) ? undefined : ((n as Node | undefined) ?? undefined);
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  seq(node: unknown): YAMLSeq | undefined {
    const n = this.deref(node);
    return isSeq(n) ? n : undefined;
  }

  /** The pair of `key` in a map (the first one when a key repeats). */
  pair(map: YAMLMap | undefined, key: string): Pair | undefined {
    if (!map) return undefined;
    if (map.items.length > SCAN_LIMIT) return this.keyIndex(map).get(key);
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = this.deref(item.key);
      if (isScalar(k) && String(k.value) === key) return item;
    }
    return undefined;
  }

  /** The first pair of each key of a big map, built once per map (lookups in maps of many keys stay O(1)). */
  private keyIndex(map: YAMLMap): Map<string, Pair> {
    const cached = KEY_INDEX.get(map);
    if (cached && cached.length === map.items.length) return cached.index;
    const index = new Map<string, Pair>();
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = this.deref(item.key);
      if (!isScalar(k)) continue;
      const name = String(k.value);
      if (!index.has(name)) index.set(name, item);
    }
    KEY_INDEX.set(map, { length: map.items.length, index });
    return index;
  }

  get(map: YAMLMap | undefined, key: string): Node | undefined {
    const p = this.pair(map, key);
    return p ? this.deref(p.value) : undefined;
  }

  has(map: YAMLMap | undefined, key: string): boolean {
    return this.pair(map, key) !== undefined;
  }

  getMap(map: YAMLMap | undefined, key: string): YAMLMap | undefined {
    return this.map(this.get(map, key));
  }

  getSeq(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
    return this.seq(this.get(map, key));
  }

  /** Keys of a map, with their ranges. */
  keys(map: YAMLMap | undefined): Located<string>[] {
    if (!map) return [];
    const out: Located<string>[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const k = this.deref(item.key);
      if (isScalar(k) && k.value !== null && k.value !== undefined) out.push({ value: String(k.value), range: this.range(k) });
    }
    return out;
  }

  /** A scalar read the way Argo's string fields read it (numbers and booleans as text). */
  str(node: unknown): Located<string> | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
    const v = n.value;
    const value = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? scalarSource(n.source, v) : undefined;
    return value === undefined ? undefined : { value, range: this.range(n) };
  }

  getStr(map: YAMLMap | undefined, key: string): Located<string> | undefined {
    return this.str(this.get(map, key));
  }

  getBool(map: YAMLMap | undefined, key: string): boolean | undefined {
    const n = this.get(map, key);
    if (isScalar(n)) {
      if (typeof n.value === 'boolean') return n.value;
      if (n.value === 'true') return true;
      if (n.value === 'false') return false;
    }
    return undefined;
  }

  /** Range of a node's value in the original text. */
  range(node: unknown): Range {
    const n = node as Node | undefined;
    const r = n?.range;
    if (!r) return { start: 0, end: 0 };
    return { start: this.toOriginal(r[0]), end: this.toOriginal(r[1]) };
  }

  /** Range of the key of `key` in a map, or the map itself. */
  keyRange(map: YAMLMap | undefined, key: string): Range | undefined {
    const p = this.pair(map, key);
    return p ? this.range(p.key) : undefined;
  }

  /** From the key to the end of the value. */
  pairRange(p: Pair): Range {
    const k = this.range(p.key);
    const v = p.value ? this.range(p.value) : k;
    return { start: k.start, end: Math.max(k.end, v.end) };
  }

  /** The plain JS value of a node (aliases expanded, bounded against alias bombs). Throws on excess. Linear time. */
  toJS(node: Node): unknown {
    return toPlain(this.doc, node);
  }

  /** Calls `fn` for every scalar under `node` (keys too) with its JSON path, not following aliases. Depth-bounded. */
  eachScalar(node: unknown, fn: (scalar: Scalar, isKey: boolean, path: readonly (string | number)[]) => void, path: (string | number)[] = []): void {
    if (path.length > 200) return;
    if (isScalar(node)) fn(node, false, path);
    else if (isMap(node)) {
      for (const item of node.items) {
        const key = isScalar(item.key) ? String(item.key.value) : '?';
        if (isScalar(item.key)) fn(item.key, true, path);
        this.eachScalar(item.value, fn, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => this.eachScalar(item, fn, [...path, i]));
  }

  offset(o: number): number {
    return this.toOriginal(o);
  }
}

function scalarSource(source: unknown, v: number | boolean | bigint): string {
  if (typeof source === 'string' && source.length > 0) return source;
  return String(v);
}
