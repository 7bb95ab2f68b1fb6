import type { CallModel } from '../model/types';
import type { GraphParts } from './graph-parts';

const FROM = /\{\{\s*(?:tasks|steps)\.([A-Za-z0-9_-]+)\.outputs\.artifacts\.([A-Za-z0-9_.-]+)\s*\}\}/;
const FROM_EXPR = /(?:tasks|steps)(?:\.([A-Za-z0-9_-]+)|\[['"]([^'"\]]+)['"]\])\.outputs\.artifacts(?:\.([A-Za-z0-9_-]+)|\[['"]([^'"\]]+)['"]\])/g;

export interface ArtifactSource {
  readonly task: string;
  readonly artifact: string;
}

/** The sibling tasks/steps whose output artifacts a call takes as arguments. */
export function artifactSources(call: CallModel): ArtifactSource[] {
  const out: ArtifactSource[] = [];
  for (const a of call.arguments.artifacts) {
    const from = a.from?.value;
    const m = from ? FROM.exec(from) : null;
    if (m) out.push({ task: m[1], artifact: m[2] });
    const expr = a.fromExpression?.value;
    if (expr) {
      for (const e of expr.matchAll(FROM_EXPR)) out.push({ task: e[1] ?? e[2], artifact: e[3] ?? e[4] });
    }
  }
  return out;
}

/** Labels edges with the artifacts they carry; adds an artifact edge where no other edge joins the two. */
export function addArtifactFlow(parts: GraphParts, calls: readonly { call: CallModel; id: string }[], parent: string | undefined): void {
  const byName = new Map<string, string>();
  for (const c of calls) {
    const name = c.call.name?.value;
    if (name !== undefined && !byName.has(name)) byName.set(name, c.id);
  }
  for (const c of calls) {
    for (const src of artifactSources(c.call)) {
      const from = byName.get(src.task);
      if (from === undefined || from === c.id) continue;
      const edge = parts.edge(from, c.id) ?? parts.addEdge(from, c.id, 'artifact', parent);
      if (!edge.artifacts.includes(src.artifact)) edge.artifacts.push(src.artifact);
    }
  }
}
