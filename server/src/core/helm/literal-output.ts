/**
 * What Helm writes for an action made only of string literals: `"{{"`, `` `{{workflow.name}}` ``,
 * `print "{{" "workflow.name" "}}"`, `printf "{{%s}}" "workflow.name"`. These are the ways a chart
 * escapes Argo's own `{{...}}` variables. Anything else (values, functions, pipes) is undefined.
 */
export function literalOutput(body: string): string | undefined {
  const tokens = tokenize(body);
  if (!tokens || tokens.length === 0) return undefined;
  const [head, ...rest] = tokens;
  if (head.literal !== undefined) return tokens.length === 1 ? head.literal : undefined;
  const args = rest.map((t) => t.literal);
  if (args.some((a) => a === undefined)) return undefined;
  const strings = args as string[];
  if (head.word === 'print') return strings.join('');
  if (head.word === 'printf' && strings.length > 0) {
    const [format, ...values] = strings;
    let n = 0;
    const out = format.replace(/%[sv%]/g, (m) => (m === '%%' ? '%' : (values[n++] ?? '')));
    return n === values.length ? out : undefined;
  }
  return undefined;
}

interface Token {
  readonly word?: string;
  readonly literal?: string;
}

function tokenize(body: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '`') {
      const close = body.indexOf('`', i + 1);
      if (close < 0) return undefined;
      tokens.push({ literal: body.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < body.length && body[j] !== '"'; j++) {
        if (body[j] === '\\') {
          const e = body[++j];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
        } else s += body[j];
      }
      if (j >= body.length) return undefined;
      tokens.push({ literal: s });
      i = j + 1;
    } else {
      const m = /^[A-Za-z]+/.exec(body.slice(i));
      if (!m) return undefined;
      tokens.push({ word: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}
