/**
 * A light reading of Argo expression tags `{{= ...}}` (expr-lang): finds the variable paths they use
 * (`inputs.parameters.x`, `tasks['my-task'].outputs.result`, `item.key`) and checks that brackets,
 * parentheses and quotes balance.
 */
export interface ExpressionRef {
  /** Dotted path, with `['x']` segments turned into `.x`. */
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface ExpressionRead {
  readonly refs: ExpressionRef[];
  readonly error: { readonly message: string; readonly start: number; readonly end: number } | undefined;
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const DOT = /\.([A-Za-z_$][\w$-]*)/y;
const BRACKET = /\[\s*(['"])([^'"]*)\1\s*\]/y;
const CALL = /\s*\(/y;

function matchAt(re: RegExp, src: string, at: number): RegExpExecArray | undefined {
  re.lastIndex = at;
  return re.exec(src) ?? undefined;
}

const ROOTS = new Set(['inputs', 'outputs', 'workflow', 'tasks', 'steps', 'item', 'pod', 'retries', 'lastRetry', 'node']);

export function readExpression(src: string): ExpressionRead {
  const refs: ExpressionRef[] = [];
  const stack: { ch: string; at: number }[] = [];
  let i = 0;
  let error: ExpressionRead['error'];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = closeQuote(src, i);
      if (end < 0) {
        error ??= { message: `unterminated string starting with ${c}`, start: i, end: src.length };
        break;
      }
      i = end + 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      stack.push({ ch: c, at: i });
      i++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      const top = stack.pop();
      if (!top || top.ch !== pairs[c]) {
        error ??= { message: `unexpected '${c}'`, start: i, end: i + 1 };
      }
      i++;
      continue;
    }
    if (/[A-Za-z_$]/.test(c) && (i === 0 || !/[\w.$]/.test(src[i - 1]))) {
      // Sticky patterns read at an offset: no copy of the rest of the text per identifier.
      const head = matchAt(IDENT, src, i)?.[0] ?? c;
      let j = i + head.length;
      let path = head;
      // Follow .name / ['name'] / ["name"] segments.
      for (;;) {
        const dot = matchAt(DOT, src, j);
        if (dot) {
          path += `.${dot[1]}`;
          j += dot[0].length;
          continue;
        }
        const br = matchAt(BRACKET, src, j);
        if (br) {
          path += `.${br[2]}`;
          j += br[0].length;
          continue;
        }
        break;
      }
      // A call (`sprig.trim(`) or an object key (`{a: 1}`) is not a variable.
      const isCall = matchAt(CALL, src, j) !== undefined;
      if (ROOTS.has(head) && !isCall) refs.push({ path, start: i, end: j });
      i = j;
      continue;
    }
    i++;
  }
  if (!error && stack.length > 0) {
    const open = stack[stack.length - 1];
    error = { message: `'${open.ch}' is never closed`, start: open.at, end: open.at + 1 };
  }
  return { refs, error };
}

function closeQuote(src: string, at: number): number {
  const q = src[at];
  for (let i = at + 1; i < src.length; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src[i] === q) return i;
  }
  return -1;
}
