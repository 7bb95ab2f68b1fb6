/** Search in log lines: plain text or regular expression, case (in)sensitive, highlight ranges. Pure. */

export interface SearchQuery {
  readonly text: string;
  readonly regex: boolean;
  readonly caseSensitive: boolean;
}

export interface Matcher {
  test(s: string): boolean;
  /** [start, end) ranges of the matches in s (at most `limit`). */
  ranges(s: string, limit?: number): [number, number][];
}

export type CompiledSearch = { readonly ok: true; readonly matcher: Matcher | undefined } | { readonly ok: false; readonly error: string };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a query; an empty query gives no matcher; a bad regular expression gives an error. */
export function compileSearch(q: SearchQuery): CompiledSearch {
  if (q.text === '') return { ok: true, matcher: undefined };
  let re: RegExp;
  try {
    re = new RegExp(q.regex ? q.text : escapeRegExp(q.text), q.caseSensitive ? 'g' : 'gi');
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const matcher: Matcher = {
    test(s: string): boolean {
      re.lastIndex = 0;
      const m = re.exec(s);
      return m !== null && (m[0].length > 0 || q.regex);
    },
    ranges(s: string, limit = 1000): [number, number][] {
      const out: [number, number][] = [];
      re.lastIndex = 0;
      for (let m = re.exec(s); m && out.length < limit; m = re.exec(s)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
      }
      return out;
    },
  };
  return { ok: true, matcher };
}
