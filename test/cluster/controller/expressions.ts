// `when` conditions (govaluate-style comparisons after substitution) and DAG `depends` logic
// (dag.go evaluateDependsLogic; a bare `A` means `A.Succeeded || A.Skipped || A.Daemoned`).

type Tok = { t: 'op'; v: string } | { t: 'val'; v: string | number | boolean } | { t: 'id'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '<=', '>=', '&&', '||', '=~', '!~'].includes(two)) {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('()<>!'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const j = src.indexOf(c, i + 1);
      if (j < 0) throw new Error(`unterminated string in '${src}'`);
      out.push({ t: 'val', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const m = /^[^\s()<>!=&|'"]+/.exec(src.slice(i));
    if (!m) throw new Error(`cannot parse '${src}' at ${i}`);
    const word = m[0];
    if (/^-?\d+(\.\d+)?$/.test(word)) out.push({ t: 'val', v: Number(word) });
    else if (word === 'true' || word === 'false') out.push({ t: 'val', v: word === 'true' });
    else out.push({ t: 'id', v: word });
    i += word.length;
  }
  return out;
}

type Value = string | number | boolean;

/** A small precedence-climbing evaluator: || < && < comparison < unary !. */
function evaluate(src: string, resolve: (id: string) => Value): boolean {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()?.v === v;
  const primary = (): Value => {
    const tok = toks[pos++];
    if (!tok) throw new Error(`unexpected end of '${src}'`);
    if (tok.t === 'op' && tok.v === '(') {
      const v = or();
      if (!isOp(')')) throw new Error(`missing ) in '${src}'`);
      pos++;
      return v;
    }
    if (tok.t === 'op' && tok.v === '!') return !truthy(primary());
    if (tok.t === 'val') return tok.v;
    if (tok.t === 'id') return resolve(tok.v);
    throw new Error(`unexpected '${tok.v}' in '${src}'`);
  };
  const compare = (): Value => {
    const left = primary();
    const tok = peek();
    if (tok?.t === 'op' && ['==', '!=', '<', '>', '<=', '>=', '=~', '!~'].includes(tok.v)) {
      pos++;
      const right = primary();
      switch (tok.v) {
        case '==':
          return String(left) === String(right);
        case '!=':
          return String(left) !== String(right);
        case '=~':
          return new RegExp(String(right)).test(String(left));
        case '!~':
          return !new RegExp(String(right)).test(String(left));
        case '<':
          return Number(left) < Number(right);
        case '>':
          return Number(left) > Number(right);
        case '<=':
          return Number(left) <= Number(right);
        default:
          return Number(left) >= Number(right);
      }
    }
    return left;
  };
  const and = (): Value => {
    let v = compare();
    while (isOp('&&')) {
      pos++;
      const r = compare();
      v = truthy(v) && truthy(r);
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (isOp('||')) {
      pos++;
      const r = and();
      v = truthy(v) || truthy(r);
    }
    return v;
  };
  const result = or();
  if (pos !== toks.length) throw new Error(`unexpected token in '${src}'`);
  if (typeof result !== 'boolean') throw new Error(`expression '${src}' did not evaluate to a boolean`);
  return result;
}

function truthy(v: Value): boolean {
  return v === true || v === 'true';
}

/** shouldExecute: empty = true; bare words compare as strings (e.g. `Failed == Succeeded`). */
export function evaluateWhen(when: string | undefined): boolean {
  if (when === undefined || when.trim() === '') return true;
  return evaluate(when, (id) => id);
}

export interface TaskResult {
  Succeeded: boolean;
  Failed: boolean;
  Errored: boolean;
  Skipped: boolean;
  Omitted: boolean;
  Daemoned: boolean;
  AnySucceeded: boolean;
  AllFailed: boolean;
}

/** Task names a `depends` expression refers to, in order of first appearance. */
export function dependsTaskNames(depends: string): string[] {
  const names: string[] = [];
  for (const tok of tokenize(depends)) {
    if (tok.t !== 'id') continue;
    const name = tok.v.replace(/\.(Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed)$/, '');
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export function evaluateDepends(depends: string, results: Record<string, TaskResult>): boolean {
  return evaluate(depends, (id) => {
    const m = /^(.*)\.(Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed)$/.exec(id);
    if (m) {
      const r = results[m[1]];
      if (!r) throw new Error(`unknown task '${m[1]}'`);
      return r[m[2] as keyof TaskResult];
    }
    const r = results[id];
    if (!r) throw new Error(`unknown task '${id}'`);
    return r.Succeeded || r.Skipped || r.Daemoned;
  });
}

/** `dependencies: [A, B]` is `depends: "A && B"`. */
export function dependsOf(task: { depends?: string; dependencies?: string[] }): string {
  if (task.depends && task.depends.trim() !== '') return task.depends;
  return (task.dependencies ?? []).join(' && ');
}
