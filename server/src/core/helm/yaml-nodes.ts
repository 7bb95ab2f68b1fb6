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
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const k = item.key as Node | null;
      const v = item.value as Node | null;
      const name = isScalar(k) ? String(k.value) : undefined;
      if (k && contains(k, offset)) return { node: k, key: undefined };
      if (v && contains(v, offset)) return { node: v, key: name };
    }
  } else if (isSeq(node)) {
    for (const item of node.items) if (item && contains(item as Node, offset)) return { node: item as Node };
  }
  return undefined;
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
