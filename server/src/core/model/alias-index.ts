import { isAlias, isCollection, isNode, isPair, type Alias, type Document, type Node } from 'yaml';

/**
 * What each alias of a document stands for, found in one walk of the document (the `yaml`
 * package's `Alias.resolve` walks the whole document on every call: quadratic over many aliases).
 * Same rule: the last node carrying the alias's anchor before the alias, in document order.
 */
type AliasTargets = Map<Alias, Node | undefined>;

const cache = new WeakMap<Document, AliasTargets>();

/** Counts walks of documents for aliases (tests guard the complexity with it). */
export const aliasIndexStats = { walkedNodes: 0 };

/** The node `alias` stands for in `doc`, or undefined when no anchor precedes it. */
export function resolveAlias(doc: Document, alias: Alias): Node | undefined {
  let targets = cache.get(doc);
  if (!targets || !targets.has(alias)) {
    // First use, or the tree was changed in place since (an incremental re-parse): walk again.
    targets = indexAliases(doc);
    if (!targets.has(alias)) targets.set(alias, undefined);
    cache.set(doc, targets);
  }
  return targets.get(alias);
}

/** Walks the document in the order of `yaml`'s `visit` (node, then key, then value), without recursion. */
function indexAliases(doc: Document): AliasTargets {
  const anchors = new Map<string, Node>();
  const targets: AliasTargets = new Map();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    aliasIndexStats.walkedNodes++;
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!isNode(n)) continue;
    if (isAlias(n)) {
      targets.set(n, anchors.get(n.source));
      continue;
    }
    if (n.anchor) anchors.set(n.anchor, n);
    if (isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  return targets;
}
