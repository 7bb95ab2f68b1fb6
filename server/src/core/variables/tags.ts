/** A `{{...}}` tag in a string, with offsets into that string. */
export interface Tag {
  /** Text between the braces, untrimmed. */
  readonly inner: string;
  /** True for an expression tag `{{= ...}}`. */
  readonly expression: boolean;
  /** Offset of `{{`. */
  readonly start: number;
  /** Offset just after `}}`. */
  readonly end: number;
  /** Offset of the trimmed name (simple tags) or of the expression text. */
  readonly innerStart: number;
}

export interface TagScan {
  readonly tags: Tag[];
  /** Offset of a `{{` that is never closed, if any. */
  readonly unterminated: number | undefined;
}

/** Finds the tags Argo's template engine (fasttemplate with `{{` / `}}`) substitutes. */
export function scanTags(s: string): TagScan {
  const tags: Tag[] = [];
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('{{', i);
    if (open < 0) break;
    const close = s.indexOf('}}', open + 2);
    if (close < 0) return { tags, unterminated: open };
    const raw = s.slice(open + 2, close);
    const expression = raw.startsWith('=');
    const body = expression ? raw.slice(1) : raw;
    const lead = body.length - body.trimStart().length;
    tags.push({ inner: body, expression, start: open, end: close + 2, innerStart: open + 2 + (expression ? 1 : 0) + lead });
    i = close + 2;
  }
  return { tags, unterminated: undefined };
}
