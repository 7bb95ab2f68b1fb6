/**
 * Linear readers of one YAML line for the cursor features. They give what these regular expressions
 * give, without their backtracking (quadratic over a long run of white space):
 *   split:   /^(\s*)((?:-\s+)*)(.*)$/
 *   key:     /^("[^"]*"|'[^']*'|[^\s#'"{[\]},][^:#]*?)\s*:(?:\s+(.*))?$/   (value optional)
 *   keyText: /^("[^"]*"|'[^']*'|[^\s#'"{[\]},][^:#]*?)\s*:(\s+)(.*)$/      (white space required)
 */

const WS = /\s/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

export interface LineParts {
  readonly indent: string;
  /** The `- ` markers with their white space. */
  readonly markers: string;
  readonly content: string;
}

/** Indentation, list markers and content of a line; undefined where the regular expression fails (a line terminator in the content). */
export function splitLine(text: string): LineParts | undefined {
  let i = 0;
  while (i < text.length && WS.test(text[i])) i++;
  const indent = text.slice(0, i);
  let m = i;
  while (text[m] === '-' && m + 1 < text.length && WS.test(text[m + 1])) {
    m += 2;
    while (m < text.length && WS.test(text[m])) m++;
  }
  const content = text.slice(m);
  if (LINE_TERMINATOR.test(content)) return undefined;
  return { indent, markers: text.slice(i, m), content };
}

/** The content without a trailing comment (`/\s+#.*$/` removed). */
export function withoutComment(content: string): string {
  // The first '#' after white space with no line terminator after it (`.` does not match those).
  let from = 1;
  for (let t = content.length - 1; t >= 0; t--) {
    if (LINE_TERMINATOR.test(content[t])) {
      from = Math.max(1, t + 1);
      break;
    }
  }
  let h = content.indexOf('#', from);
  while (h > 0 && !WS.test(content[h - 1])) h = content.indexOf('#', h + 1);
  if (h <= 0) return content;
  let i = h;
  while (i > 0 && WS.test(content[i - 1])) i--;
  return content.slice(0, i);
}

export interface KeyMatch {
  /** The key as written (quotes kept). */
  readonly raw: string;
  /** White space after the colon. */
  readonly sep: string;
  /** The text after the colon and its white space; undefined when the line ends at the colon. */
  readonly rest: string | undefined;
}

/** `key:` at the start of `content`, then the end of the line or white space and the rest (when `needsSpace`, the white space is required). */
export function matchKey(content: string, needsSpace: boolean): KeyMatch | undefined {
  const end = keyEnd(content);
  if (end === undefined) return undefined;
  const raw = content.slice(0, end.key);
  const after = content.slice(end.colon + 1);
  if (after === '') return needsSpace ? undefined : { raw, sep: '', rest: undefined };
  let s = 0;
  while (s < after.length && WS.test(after[s])) s++;
  if (s === 0) return undefined;
  const rest = after.slice(s);
  if (LINE_TERMINATOR.test(rest)) return undefined;
  return { raw, sep: after.slice(0, s), rest };
}

/** End of the key and offset of its colon. */
function keyEnd(content: string): { key: number; colon: number } | undefined {
  const q = content[0];
  if (q === undefined) return undefined;
  if (q === '"' || q === "'") {
    const close = content.indexOf(q, 1);
    if (close < 0) return undefined;
    let c = close + 1;
    while (c < content.length && WS.test(content[c])) c++;
    return content[c] === ':' ? { key: close + 1, colon: c } : undefined;
  }
  if (WS.test(q) || `#'"{[]},`.includes(q)) return undefined;
  let c = 1;
  while (c < content.length && content[c] !== ':' && content[c] !== '#') c++;
  if (content[c] !== ':') return undefined;
  let k = c;
  while (k > 1 && WS.test(content[k - 1])) k--;
  return { key: k, colon: c };
}
