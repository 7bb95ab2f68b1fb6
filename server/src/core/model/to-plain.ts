import { Pair, YAMLMap, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { resolveAlias } from './alias-index';

/** Nesting beyond this is not converted (the conversion throws). */
const MAX_DEPTH = 1000;

/**
 * The plain JS value of a node, as `yaml`'s `toJS` gives it (maps as objects, merge keys applied,
 * an alias as the value of its anchor), in linear time: aliases resolve through the document's
 * anchor index and each anchored value is converted once and shared. Throws on an alias without
 * anchor, an alias inside its own anchor (a cycle), nesting deeper than 1,000, and when the
 * value, aliases expanded, would hold more than `4 × nodes + 100,000` nodes (alias bombs).
 */
export function toPlain(doc: Document, node: unknown): unknown {
  const c = new Converter(doc);
  const value = c.convert(node, 0);
  if (c.expanded > 4 * c.nodes + 100_000) throw new RangeError('Excessive aliasing: the expanded value is too large');
  return value;
}

interface Converted {
  readonly value: unknown;
  /** Nodes of the value with aliases expanded. */
  readonly size: number;
}

class Converter {
  nodes = 0;
  expanded = 0;
  private readonly anchored = new Map<Node, Converted>();
  private readonly open = new Set<Node>();
  private lastSize = 0;

  constructor(private readonly doc: Document) {}

  convert(node: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new RangeError('Nested too deeply to convert');
    if (isAlias(node)) {
      const target = resolveAlias(this.doc, node);
      if (!target) throw new ReferenceError(`Unresolved alias: ${node.source}`);
      const done = this.anchored.get(target);
      if (!done) {
        if (this.open.has(target)) throw new ReferenceError(`Alias inside its own anchor: ${node.source}`);
        return this.convert(target, depth);
      }
      this.lastSize = done.size;
      this.expanded += done.size;
      return done.value;
    }
    this.nodes++;
    const anchor = isScalar(node) || isMap(node) || isSeq(node) ? node.anchor : undefined;
    if (anchor) this.open.add(node as Node);
    const before = this.expanded;
    const value = this.convertNode(node, depth);
    this.expanded += 1;
    this.lastSize = this.expanded - before;
    if (anchor) {
      this.open.delete(node as Node);
      this.anchored.set(node as Node, { value, size: this.lastSize });
    }
    return value;
  }

  private convertNode(node: unknown, depth: number): unknown {
    if (isScalar(node)) return plainScalar(node.value);
    if (isSeq(node)) return node.items.map((item) => (isPair(item) ? this.pairsObject([item], depth + 1) : this.convert(item, depth + 1)));
    if (isMap(node)) return this.pairsObject(node.items, depth + 1);
    if (isPair(node)) return this.pairsObject([node], depth + 1);
    return node ?? null;
  }

  private pairsObject(pairs: readonly Pair[], depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const pair of pairs) {
      if (isMergeKey(pair.key)) {
        this.merge(out, pair.value, depth);
        continue;
      }
      const key = this.keyString(pair.key, depth);
      define(out, key, this.convert(pair.value, depth));
    }
    return out;
  }

  /** `<<: *base` or `<<: [*a, *b]`: keys not yet set are copied (earlier sources win). */
  private merge(out: Record<string, unknown>, value: unknown, depth: number): void {
    const source = isAlias(value) ? resolveAlias(this.doc, value) : value;
    const sources = isSeq(source) ? source.items : [value];
    for (const s of sources) {
      const m = isAlias(s) ? resolveAlias(this.doc, s) : s;
      if (!isMap(m)) throw new TypeError('Merge sources must be maps or map aliases');
      const converted = this.convert(s, depth) as Record<string, unknown>;
      for (const k of Object.keys(converted)) if (!Object.prototype.hasOwnProperty.call(out, k)) define(out, k, converted[k]);
    }
  }

  private keyString(key: unknown, depth: number): string {
    const js = this.convert(key, depth);
    if (js === null || js === undefined) return '';
    if (typeof js !== 'object') return String(js);
    // A collection as a key (rare): `yaml` writes it as flow YAML; let it, without the process
    // warning it emits for this (a finding of ours, not a fault of the analysis).
    const one = new YAMLMap(this.doc.schema);
    one.items.push(new Pair(key, null));
    const logLevel = this.doc.options.logLevel;
    this.doc.options.logLevel = 'error';
    try {
      return Object.keys(one.toJS(this.doc) as object)[0] ?? '';
    } finally {
      this.doc.options.logLevel = logLevel;
    }
  }
}

function plainScalar(value: Scalar['value']): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  if (typeof v === 'symbol') return v.description === '<<';
  return v === '<<' && (!key.type || key.type === 'PLAIN');
}

function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
}
