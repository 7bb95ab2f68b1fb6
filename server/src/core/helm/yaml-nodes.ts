import { isMap, isPair, isScalar, isSeq, type Node, type ParsedNode } from 'yaml';

/** The YAML nodes containing `offset`, outermost first (collections and scalars), with the key each is the value of. */
export interface PathStep {
  readonly node: Node;
  readonly key?: string;
}

export function pathAt(root: ParsedNode | null, offset: number): PathStep[] {
  const path: PathStep[] = [];
  let node: Node | null | undefined = root;
  let key: string | undefined;
  while (node && contains(node, offset)) {
    path.push({ node, key });
    const next: { node: Node | undefined; key?: string } | undefined = child(node, offset);
    if (!next) break;
    node = next.node;
    key = next.key;
  }
  return path;
}

function child(node: Node, offset: number): { node: Node | undefined; key?: string } | undefined {
  if (isMap(node)) {
    const item = node.items[lastStartingBefore(node.items.length, (i) => startOf((node.items[i] as { key?: unknown }).key ?? node.items[i].value), offset)];
    if (!item || !isPair(item)) return undefined;
    const k = item.key as Node | null;
    const v = item.value as Node | null;
    if (k && contains(k, offset)) return { node: k, key: undefined };
    if (v && contains(v, offset)) return { node: v, key: isScalar(k) ? String(k.value) : undefined };
  } else if (isSeq(node)) {
    const item = node.items[lastStartingBefore(node.items.length, (i) => startOf(node.items[i]), offset)] as Node | undefined;
    if (item && contains(item, offset)) return { node: item };
  }
  return undefined;
}

function startOf(n: unknown): number {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : -1;
}

/** The last index whose start is at or before `offset` (items are in text order); -1 when none. */
function lastStartingBefore(count: number, start: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function contains(node: Node, offset: number): boolean {
  const r = node.range;
  return !!r && offset >= r[0] && offset < Math.max(r[1], r[0] + 1);
}

/** The deepest collection (map or sequence) containing `offset`. */
export function collectionAt(root: ParsedNode | null, offset: number): Node | undefined {
  const path = pathAt(root, offset).filter((s) => isMap(s.node) || isSeq(s.node));
  return path[path.length - 1]?.node;
}
