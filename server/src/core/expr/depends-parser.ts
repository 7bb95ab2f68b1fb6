/**
 * Parser for a DAG task's `depends` expression (Argo's enhanced depends logic):
 *   expr    := or
 *   or      := and ('||' and)*
 *   and     := unary ('&&' unary)*
 *   unary   := '!' unary | primary
 *   primary := '(' expr ')' | operand
 *   operand := TASK ('.' RESULT)?
 * Offsets are into the expression string. Parentheses nested over 64 levels are an error (the
 * operands inside are still listed); a long `a || b || ...` chain or `!!!...` run gives a deep AST:
 * walk it without recursion (`walkDepends`).
 */

export const TASK_RESULTS = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed'] as const;
export type TaskResult = (typeof TASK_RESULTS)[number];

export interface DependsOperand {
  readonly task: string;
  readonly taskStart: number;
  readonly taskEnd: number;
  /** The word after the dot, as written (may be invalid). */
  readonly result: string | undefined;
  readonly resultStart: number;
  readonly resultEnd: number;
}

export interface DependsSyntaxError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export type DependsAst =
  | { readonly type: 'operand'; readonly operand: DependsOperand }
  | { readonly type: 'not'; readonly expr: DependsAst }
  | { readonly type: 'and' | 'or'; readonly left: DependsAst; readonly right: DependsAst };

export interface DependsParse {
  readonly ast: DependsAst | undefined;
  readonly operands: DependsOperand[];
  readonly errors: DependsSyntaxError[];
}

type TokenType = 'name' | 'dot' | 'and' | 'or' | 'not' | 'lparen' | 'rparen' | 'bad' | 'eof';
interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      out.push({ type: two === '&&' ? 'and' : 'or', text: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '!' || c === '(' || c === ')' || c === '.') {
      const type: TokenType = c === '!' ? 'not' : c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'dot';
      out.push({ type, text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (/[A-Za-z0-9_-]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[A-Za-z0-9_-]/.test(src[j])) j++;
      out.push({ type: 'name', text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    let j = i + 1;
    while (j < src.length && !/[\sA-Za-z0-9_().!&|-]/.test(src[j])) j++;
    out.push({ type: 'bad', text: src.slice(i, j), start: i, end: j });
    i = j;
  }
  out.push({ type: 'eof', text: '', start: src.length, end: src.length });
  return out;
}

/** Parentheses nested deeper than this are a syntax error (the parser and the AST stay shallow). */
export const MAX_NESTING = 64;

export const WORD_OPS: Record<string, string> = { and: '&&', or: '||', not: '!', AND: '&&', OR: '||', NOT: '!' };

export function parseDepends(src: string): DependsParse {
  const tokens = tokenize(src);
  const operands: DependsOperand[] = [];
  const errors: DependsSyntaxError[] = [];
  let pos = 0;
  const peek = (): Token => tokens[pos];
  const next = (): Token => tokens[pos++];
  const fail = (t: Token, message: string): void => {
    errors.push({ message, start: t.start, end: Math.max(t.end, t.start + 1) > src.length && src.length > 0 ? src.length : Math.max(t.end, t.start + 1) });
  };
  /** Open parentheses around the current token (recursion depth is bounded by it). */
  let depth = 0;

  /** Past a group nested too deeply (to its matching ')', or the end): its operands are still listed, without AST. */
  function skipGroup(): void {
    let open = 0;
    do {
      const t = next();
      if (t.type === 'lparen') open++;
      else if (t.type === 'rparen') open--;
      else if (t.type === 'name' && tokens[pos - 2]?.type !== 'dot') {
        const dotted = peek().type === 'dot' && tokens[pos + 1]?.type === 'name';
        const r = dotted ? tokens[pos + 1] : undefined;
        operands.push({ task: t.text, taskStart: t.start, taskEnd: t.end, result: r?.text, resultStart: r?.start ?? t.end, resultEnd: r?.end ?? t.end });
      }
    } while (open > 0 && peek().type !== 'eof');
  }

  function parseOr(): DependsAst | undefined {
    let left = parseAnd();
    while (peek().type === 'or') {
      const op = next();
      const right = parseAnd();
      if (!right) {
        if (!errors.length) fail(op, "'||' needs an operand after it");
        return left;
      }
      left = left ? { type: 'or', left, right } : right;
    }
    return left;
  }

  function parseAnd(): DependsAst | undefined {
    let left = parseUnary();
    while (peek().type === 'and') {
      const op = next();
      const right = parseUnary();
      if (!right) {
        if (!errors.length) fail(op, "'&&' needs an operand after it");
        return left;
      }
      left = left ? { type: 'and', left, right } : right;
    }
    return left;
  }

  function parseUnary(): DependsAst | undefined {
    // A run of '!' in a loop (no recursion per '!'), then the operand, then the wrapping.
    const nots: Token[] = [];
    while (peek().type === 'not') nots.push(next());
    if (nots.length === 0) return parsePrimary();
    let expr = parsePrimary();
    if (!expr) {
      if (!errors.length) fail(nots[nots.length - 1], "'!' needs an operand after it");
      return undefined;
    }
    for (let k = 0; k < nots.length; k++) expr = { type: 'not', expr };
    return expr;
  }

  function parsePrimary(): DependsAst | undefined {
    const t = peek();
    if (t.type === 'lparen') {
      if (depth >= MAX_NESTING) {
        if (!errors.length) fail(t, `nested too deeply (over ${MAX_NESTING} levels)`);
        skipGroup();
        return undefined;
      }
      next();
      depth++;
      const inner = parseOr();
      depth--;
      if (peek().type !== 'rparen') {
        if (!errors.length) {
          const at = peek();
          if (at.type === 'eof') fail(t, "Unbalanced parentheses: this '(' is never closed");
          else fail(at, `Expected ')' or an operator, found '${at.text}'`);
        }
        return inner;
      }
      next();
      if (!inner && !errors.length) fail(t, "Empty parentheses '()'");
      return inner;
    }
    if (t.type === 'name') {
      next();
      let result: string | undefined;
      let resultStart = t.end;
      let resultEnd = t.end;
      if (peek().type === 'dot') {
        const dot = next();
        if (peek().type === 'name') {
          const r = next();
          result = r.text;
          resultStart = r.start;
          resultEnd = r.end;
        } else {
          if (!errors.length) fail(dot, `Expected a task result after '${t.text}.' (one of ${TASK_RESULTS.join(', ')})`);
          result = '';
          resultStart = dot.end;
          resultEnd = dot.end;
        }
      }
      const operand: DependsOperand = { task: t.text, taskStart: t.start, taskEnd: t.end, result, resultStart, resultEnd };
      operands.push(operand);
      if (peek().type === 'name' || peek().type === 'lparen') {
        const n = peek();
        const word = WORD_OPS[n.text];
        if (!errors.length) {
          fail(
            n,
            word
              ? `'${n.text}' is not an operator in depends: use '${word}'`
              : `Missing operator between '${src.slice(t.start, resultEnd)}' and '${n.text}': use '&&' or '||'`,
          );
        }
      }
      return { type: 'operand', operand };
    }
    if (!errors.length) {
      if (t.type === 'eof')
        fail(t.start > 0 ? tokens[Math.max(0, pos - 1)] : t, src.trim() === '' ? 'depends is empty' : 'Expression ends where an operand was expected');
      else if (t.type === 'bad') fail(t, `Unexpected '${t.text}' in depends: only task names, '.Result', '&&', '||', '!' and parentheses are allowed`);
      else if (t.type === 'rparen' && tokens[pos - 1]?.type === 'lparen') fail(tokens[pos - 1], "Empty parentheses '()'");
      else if (t.type === 'rparen') fail(t, "Unbalanced parentheses: this ')' has no matching '('");
      else fail(t, `Expected a task name, found '${t.text}'`);
    }
    if (t.type !== 'eof' && !(t.type === 'rparen' && tokens[pos - 1]?.type === 'lparen')) next();
    return undefined;
  }

  const ast = parseOr();
  // Keep scanning the rest for operands after an error, so references are still checked.
  while (peek().type !== 'eof') {
    const t = peek();
    if (!errors.length) {
      if (t.type === 'rparen') fail(t, "Unbalanced parentheses: this ')' has no matching '('");
      else fail(t, `Unexpected '${t.text}': expected '&&' or '||'`);
    }
    const before = pos;
    parseOr();
    if (pos === before) next();
  }
  return { ast, operands, errors };
}

/** Calls `fn` for each node of an AST in pre-order with the number of `!` above it. Iterative: any depth. */
export function walkDepends(ast: DependsAst, fn: (node: DependsAst, negations: number) => void): void {
  const stack: [DependsAst, number][] = [[ast, 0]];
  while (stack.length > 0) {
    const top = stack.pop();
    if (!top) break;
    const [node, nots] = top;
    fn(node, nots);
    if (node.type === 'not') stack.push([node.expr, nots + 1]);
    else if (node.type === 'and' || node.type === 'or') stack.push([node.right, nots], [node.left, nots]);
  }
}
