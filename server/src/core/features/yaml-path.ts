import { lfView } from '../text';
import { matchKey, splitLine, withoutComment } from './yaml-line';

/**
 * The YAML path at a cursor, read from indentation so that it works while the text is being typed
 * (and does not parse). List items are `0` segments (schema lookups treat any index alike).
 */
export interface CursorContext {
  /** Path of the mapping that holds the key at the cursor. */
  readonly parentPath: (string | number)[];
  /** The key of the line, when the cursor is in its value. */
  readonly key: string | undefined;
  /** True when the cursor is after `key:` (in a value); false when typing a key. */
  readonly inValue: boolean;
  /** Text of the value (or key) typed before the cursor on this line. */
  readonly prefix: string;
  /** Offset where `prefix` starts. */
  readonly prefixStart: number;
  /** Column where the keys of the current mapping start. */
  readonly column: number;
  /** Keys already present in the current mapping (siblings). */
  readonly siblingKeys: Set<string>;
  /** The `key: value` siblings of the current mapping with their scalar values. */
  readonly siblingValues: Map<string, string>;
  /** Start offset of the YAML document (after `---`) holding the cursor. */
  readonly documentStart: number;
}

interface LineInfo {
  readonly start: number;
  readonly text: string;
  /** Column of the first dash or key. */
  readonly col: number;
  /** Number of `- ` markers. */
  readonly dashes: number;
  /** Column of the content after the markers. */
  readonly contentCol: number;
  readonly key: string | undefined;
  /** Text after `key:` (trimmed), or the whole content for non-key lines. */
  readonly rest: string;
}

function lineInfo(text: string, start: number): LineInfo {
  const m = splitLine(text) ?? { indent: '', markers: '', content: text };
  const indent = m.indent.length;
  const markers = m.markers;
  const dashes = (markers.match(/-/g) ?? []).length;
  const content = withoutComment(m.content);
  const km = matchKey(content, false);
  const key = km ? km.raw.replace(/^["']|["']$/g, '') : undefined;
  return { start, text, col: indent, dashes, contentCol: indent + markers.length, key, rest: km ? (km.rest ?? '').trim() : content.trim() };
}

export function cursorContext(source: string, offset: number): CursorContext {
  const text = lfView(source);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  // Document start: the last `---` line before the cursor.
  let documentStart = 0;
  const docRe = /^---[ \t]*.*$/gm;
  for (let m = docRe.exec(text); m && m.index < lineStart; m = docRe.exec(text)) documentStart = m.index + m[0].length + 1;

  const cur = splitLine(before) ?? { indent: '', markers: '', content: before };
  const curIndent = cur.indent.length;
  const curMarkers = cur.markers;
  const curContentCol = curIndent + curMarkers.length;
  const body = cur.content;
  const kv = matchKey(body, true);
  let key: string | undefined;
  let inValue = false;
  let prefix: string;
  let prefixStart: number;
  if (kv) {
    key = kv.raw.replace(/^["']|["']$/g, '');
    inValue = true;
    prefix = kv.rest ?? '';
    prefixStart = offset - prefix.length;
  } else {
    prefix = body;
    prefixStart = offset - body.length;
  }

  // Segments contributed by the current line's own list markers.
  const tail: (string | number)[] = [];
  for (let i = 0; i < (curMarkers.match(/-/g) ?? []).length; i++) tail.push(0);

  // Walk upwards for the owners.
  const lines = collectLinesAbove(text, lineStart, documentStart);
  const path: (string | number)[] = [];
  let col = curMarkers ? curIndent : curContentCol;
  let isDash = curMarkers.length > 0;
  const siblingKeys = new Set<string>();
  const siblingValues = new Map<string, string>();
  let collectingSiblings = !isDash;
  for (const l of lines) {
    if (l.text.trim() === '' || l.text.trim().startsWith('#')) continue;
    // Siblings of the cursor's mapping: same content column, until its owner.
    if (collectingSiblings && l.contentCol === curContentCol && l.key !== undefined) {
      siblingKeys.add(l.key);
      siblingValues.set(l.key, l.rest.replace(/^["']|["']$/g, ''));
      if (l.dashes > 0) {
        // The first key of the list item that holds the cursor's mapping.
        collectingSiblings = false;
        path.unshift(...new Array<number>(l.dashes).fill(0));
        col = l.col;
        isDash = true;
      }
      continue;
    }
    const first = l.dashes > 0 ? l.col : l.contentCol;
    const owns = l.key !== undefined && (l.contentCol < col || (isDash && l.contentCol === col && l.dashes === 0)) && isBlockOpener(l.rest);
    if (owns) {
      collectingSiblings = false;
      // `- - key:` is a key inside list items: [0, 0, key] below the list's owner.
      path.unshift(...new Array<number>(l.dashes).fill(0), l.key as string);
      col = first;
      isDash = l.dashes > 0;
      continue;
    }
    if (isDash && l.dashes > 1 && l.col < col && l.contentCol > col && innerDashAt(l, col) > 0) {
      // `- - name: a` above `  - |`: the cursor's item is a sibling of an inner item (a parallel step).
      collectingSiblings = false;
      path.unshift(...new Array<number>(innerDashAt(l, col)).fill(0));
      col = l.col;
      continue;
    }
    if (l.dashes > 0 && l.col < col && l.contentCol <= col && l.key !== undefined) {
      // The cursor's mapping is a list item started on this line (`- key: v` above us).
      if (collectingSiblings) {
        siblingKeys.add(l.key);
        siblingValues.set(l.key, l.rest.replace(/^["']|["']$/g, ''));
      }
      collectingSiblings = false;
      path.unshift(...new Array<number>(l.dashes).fill(0));
      col = l.col;
      isDash = true;
      continue;
    }
    if (first === 0 && !isDash && col === 0) break;
  }
  collectSiblingsBelow(text, offset, curContentCol, siblingKeys, siblingValues);
  return {
    parentPath: [...path, ...tail],
    key,
    inValue,
    prefix,
    prefixStart,
    column: curContentCol,
    siblingKeys,
    siblingValues,
    documentStart,
  };
}

/** Keys of the cursor's mapping written below the cursor line. */
function collectSiblingsBelow(text: string, offset: number, col: number, keys: Set<string>, values: Map<string, string>): void {
  let s = text.indexOf('\n', offset);
  for (let n = 0; s >= 0 && n < 5000; n++) {
    const start = s + 1;
    const e = text.indexOf('\n', start);
    const l = lineInfo(text.slice(start, e < 0 ? text.length : e), start);
    s = e;
    if (l.text.trim() === '' || l.text.trim().startsWith('#')) continue;
    if (l.text.startsWith('---')) return;
    const first = l.dashes > 0 ? l.col : l.contentCol;
    if (first < col || (l.dashes > 0 && l.contentCol <= col)) return;
    if (l.contentCol === col && l.key !== undefined) {
      keys.add(l.key);
      values.set(l.key, l.rest.replace(/^["']|["']$/g, ''));
    }
  }
}

/** How many of the line's `- ` markers come before the one at `col` (0 when no marker is at `col`). */
function innerDashAt(l: LineInfo, col: number): number {
  let n = 0;
  for (let c = l.col; c < l.contentCol; c++) {
    if (l.text[c] !== '-') continue;
    if (c === col) return n;
    n++;
  }
  return 0;
}

function isBlockOpener(rest: string): boolean {
  return rest === '' || /^[|>][-+0-9]*$/.test(rest) || rest.startsWith('&') || rest.startsWith('!');
}

function collectLinesAbove(text: string, lineStart: number, docStart: number): LineInfo[] {
  const out: LineInfo[] = [];
  let end = lineStart - 1;
  while (end > docStart - 1 && end >= 0) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    out.push(lineInfo(text.slice(s, end), s));
    if (s <= docStart) break;
    end = s - 1;
    if (out.length > 20000) break;
  }
  return out;
}
