import type { Insertion } from './offset-map';

/**
 * Go's YAML library (used by Argo through sigs.k8s.io/yaml) accepts a multi-line quoted
 * scalar inside a flow collection whose continuation lines are indented no deeper than the
 * key that owns the collection, e.g.
 *
 *       args: ["
 *         echo hi
 *       "]
 *
 * Strict YAML 1.2 (and the `yaml` package) rejects the last line. Leading white space of a
 * quoted scalar's continuation lines is folded away, so indenting those lines changes no value.
 * This finds such lines and returns the spaces to insert so that the text parses as Go reads it.
 */
export interface CompatRepair {
  readonly insertions: Insertion[];
  /** Original offsets of the start of each under-indented line (for a warning). */
  readonly lines: number[];
}

export function findUnderIndentedFlowLines(text: string): CompatRepair {
  const insertions: Insertion[] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = 0;
  let lineIndent = 0;
  let atLineStart = true;
  // Flow state
  let depth = 0;
  let ownerIndent = -1;
  let quote: '"' | "'" | null = null;

  while (i < n) {
    const c = text[i];
    if (atLineStart) {
      let j = i;
      while (j < n && text[j] === ' ') j++;
      lineIndent = j - i;
      lineStart = i;
      atLineStart = false;
      if ((depth > 0 || quote) && j < n && text[j] !== '\n' && text[j] !== '\r' && lineIndent <= ownerIndent) {
        insertions.push({ at: lineStart, length: ownerIndent + 1 - lineIndent });
        lines.push(lineStart);
      }
      i = j;
      continue;
    }
    if (c === '\n') {
      atLineStart = true;
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i += 2;
      else {
        if (c === '"') quote = null;
        i++;
      }
      continue;
    }
    if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i += 2;
      else {
        if (c === "'") quote = null;
        i++;
      }
      continue;
    }
    if (depth === 0) {
      // Block context: only look for the start of a flow collection after `key:` or `- `.
      if (c === '#' && (i === lineStart + lineIndent || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      if ((c === '|' || c === '>') && startsFlow(text, lineStart, i) && /^[|>][-+0-9]*[ \t]*(#.*)?\r?$/.test(restOfLine(text, i))) {
        i = skipBlockScalar(text, i, lineIndent);
        atLineStart = true;
        continue;
      }
      if ((c === '[' || c === '{') && startsFlow(text, lineStart, i)) {
        depth = 1;
        ownerIndent = lineIndent;
        i++;
        continue;
      }
      if ((c === '"' || c === "'") && startsFlow(text, lineStart, i)) {
        // A quoted scalar in block context: skip it whole (its own rules apply).
        const close = skipQuoted(text, i);
        i = close;
        continue;
      }
      i++;
      continue;
    }
    // Inside a flow collection.
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) ownerIndent = -1;
    } else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    i++;
  }
  return { insertions, lines };
}

/** A `[`/`{` starts a flow collection when only `key:`, `- ` or white space precede it on its line. */
function startsFlow(text: string, lineStart: number, at: number): boolean {
  const before = text.slice(lineStart, at).trimEnd();
  if (before === '' || before.endsWith(':') || /(^|\s)-$/.test(before)) return true;
  return false;
}

function restOfLine(text: string, at: number): string {
  const nl = text.indexOf('\n', at);
  return text.slice(at, nl < 0 ? text.length : nl);
}

/** Returns the offset of the first line after a block scalar whose header is at `at`. */
function skipBlockScalar(text: string, at: number, ownerIndent: number): number {
  let i = text.indexOf('\n', at);
  if (i < 0) return text.length;
  i++;
  while (i < text.length) {
    let j = i;
    while (j < text.length && text[j] === ' ') j++;
    const blank = j >= text.length || text[j] === '\n' || text[j] === '\r';
    if (!blank && j - i <= ownerIndent) return i;
    const nl = text.indexOf('\n', j);
    if (nl < 0) return text.length;
    i = nl + 1;
  }
  return i;
}

function skipQuoted(text: string, at: number): number {
  const q = text[at];
  let i = at + 1;
  while (i < text.length) {
    const c = text[i];
    if (q === '"' && c === '\\') {
      i += 2;
      continue;
    }
    if (c === q) {
      if (q === "'" && text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return i;
}

export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  if (insertions.length === 0) return text;
  const sorted = [...insertions].sort((a, b) => a.at - b.at);
  let out = '';
  let last = 0;
  for (const ins of sorted) {
    out += text.slice(last, ins.at) + ' '.repeat(ins.length);
    last = ins.at;
  }
  return out + text.slice(last);
}
