/** One Go-template action `{{ ... }}` of a Helm template, with offsets into the template's text. */
export interface TemplateAction {
  /** Offset of `{{`. */
  readonly start: number;
  /** Offset just after `}}`. */
  readonly end: number;
  /** The text between the delimiters, without trim markers (`{{-`, `-}}`) and outer white space. */
  readonly body: string;
  /** Offset of `body` in the text. */
  readonly bodyStart: number;
  readonly kind: ActionKind;
}

/**
 * - `open`: starts a block (if, range, with, define, block); `middle`: else / else if; `end`: end.
 * - `silent`: writes nothing (comments, `$x := ...` assignments).
 * - `output`: writes text (values, include, toYaml, string literals, ...).
 * - `argo`: not Helm at all but an Argo variable or expression (`{{inputs.parameters.x}}`, `{{=...}}`),
 *   which Helm fails on (function "inputs" not defined).
 */
export type ActionKind = 'open' | 'middle' | 'end' | 'silent' | 'output' | 'argo';

const ARGO_ROOTS = /^(inputs|outputs|workflow|tasks|steps|item|pod|node|retries|lastRetry|cronworkflow|status|duration|exitCode)(\.|$)/;

/** Every action of a Go template text, in order. Strings, raw strings and comments inside actions are skipped over. */
export function scanActions(text: string): TemplateAction[] {
  const actions: TemplateAction[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    const close = findClose(text, open + 2);
    if (close < 0) break;
    const end = close + 2;
    let innerStart = open + 2;
    let innerEnd = close;
    if (text[innerStart] === '-' && /\s/.test(text[innerStart + 1] ?? '')) innerStart++;
    if (text[innerEnd - 1] === '-' && /\s/.test(text[innerEnd - 2] ?? '')) innerEnd--;
    const raw = text.slice(innerStart, innerEnd);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    actions.push({ start: open, end, body, bodyStart: innerStart + lead, kind: kindOf(body) });
    i = end;
  }
  return actions;
}

/** The offset of the `}}` closing an action whose body starts at `from` (-1 when none). */
function findClose(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '}' && text[i + 1] === '}') return i;
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    }
    i++;
  }
  return -1;
}

function kindOf(body: string): ActionKind {
  if (body.startsWith('/*')) return 'silent';
  if (body.startsWith('=') || ARGO_ROOTS.test(body.split(/\s/)[0])) return 'argo';
  const word = /^[A-Za-z]+/.exec(body)?.[0];
  if (word === 'if' || word === 'range' || word === 'with' || word === 'define' || word === 'block') return 'open';
  if (word === 'else') return 'middle';
  if (word === 'end') return 'end';
  if (/^\$[\w]*\s*:?=/.test(body)) return 'silent';
  return 'output';
}

/**
 * An action that only Helm (not Argo) writes: a field or variable (`.Values`, `$x`), a literal, a
 * comment, a keyword (if, range, end, ...) or a common function (include, toYaml, quote, ...).
 * Argo's tags (`{{inputs.parameters.x}}`, `{{=expr}}`, `{{item}}`) never start so.
 */
const HELM_ACTION =
  /\{\{-?\s*(?:[.$"`(]|\/\*|(?:if|else|end|range|with|define|block|template|include|tpl|toYaml|toJson|fromYaml|print|printf|println|quote|squote|default|required|nindent|indent|trim|upper|lower|lookup)\b)/g;

/** True when the text holds Go-template actions that only Helm writes, outside YAML comments (a linear scan). */
export function hasHelmActions(text: string): boolean {
  for (const m of text.matchAll(HELM_ACTION)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!/(^|\s)#/.test(text.slice(lineStart, m.index))) return true;
  }
  return false;
}
