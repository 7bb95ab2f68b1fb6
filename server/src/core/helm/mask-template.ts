import type { Range } from '../types';
import { literalOutput } from './literal-output';
import { scanActions, type TemplateAction } from './template-actions';

/** A run of placeholder text that stands for what values produce; `block` when it may be a whole YAML node (include, toYaml, a whole line). */
export interface MaskSpan extends Range {
  readonly block: boolean;
}

/** A Helm template as YAML of the same length: every offset of `text` is the same offset of the template. */
export interface MaskedTemplate {
  readonly text: string;
  readonly masks: readonly MaskSpan[];
  /** The bodies of if / range / with blocks (both branches kept): repeated names there are not duplicates. */
  readonly blocks: readonly Range[];
  /** Bare Argo variables (`{{inputs.parameters.x}}`), which Helm would try to evaluate. */
  readonly bareArgo: readonly TemplateAction[];
}

/**
 * Masks a Helm template's actions so that the YAML parser and the rules see its structure:
 * control lines (if, else, end, range, with, comments, assignments) become blank, both branches of an
 * `if` are kept, named templates defined in the file are blanked out, literal escapes of Argo's
 * variables become the `{{...}}` Argo receives, and every other action becomes a placeholder of the
 * same length (`____Values_image___` for `{{ .Values.image }}`, readable in the outline and the graph; a
 * whole-line include becomes a `hhhh: h` entry or a `- hhhh` item).
 */
export function maskTemplate(text: string): MaskedTemplate {
  const out = text.split('');
  const masks: MaskSpan[] = [];
  const blocks: Range[] = [];
  const bareArgo: TemplateAction[] = [];
  const stack: TemplateAction[] = [];
  const fill = (from: number, to: number, s: string): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n') out[i] = s[i - from] ?? ' ';
  };
  const actions = scanActions(text);
  const defines: Range[] = [];
  for (const a of actions) {
    if (a.kind === 'open') stack.push(a);
    else if (a.kind === 'end') {
      const open = stack.pop();
      if (open && /^define\b/.test(open.body)) defines.push({ start: open.start, end: a.end });
      else if (open) blocks.push({ start: open.start, end: a.end });
    }
  }
  for (const d of defines) fill(d.start, d.end, '');
  const lines = new Lines(text);
  actions.forEach((a, index) => {
    if (defines.some((d) => a.start >= d.start && a.end <= d.end)) return;
    const alone = aloneOnLines(text, index, actions);
    if (a.kind === 'argo') bareArgo.push(a);
    else if (a.kind !== 'output') {
      if (alone) fill(a.start, a.end, '');
      else {
        fill(a.start, a.end, placeholder(text, a));
        masks.push({ start: a.start, end: a.end, block: false });
      }
    } else {
      const literal = literalOutput(a.body);
      if (literal !== undefined && !literal.includes('\n') && literal.length <= a.end - a.start) fill(a.start, a.end, placeLiteral(a, literal));
      else {
        const block = alone || (wholeValue(text, a) && /\b(include|toYaml|toJson|tpl|template|indent|nindent)\b/.test(a.body));
        fill(a.start, a.end, alone ? entryPlaceholder(lines, a) : placeholder(text, a));
        masks.push({ start: a.start, end: a.end, block });
      }
    }
  });
  return { text: keepBlockScalarsOpen(out.join('')), masks, blocks, bareArgo };
}

/**
 * A blanked control line right after a block scalar's `|` or `>` would be a "more-indented leading
 * empty line" (a YAML error): it becomes `#` at its own indentation instead, a line of the script.
 */
function keepBlockScalarsOpen(masked: string): string {
  const lines = masked.split('\n');
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() !== '') {
      previous = line;
      continue;
    }
    const indent = line.length;
    if (indent > 0 && /[|>][-+0-9]*\s*(#.*)?$/.test(previous) && /:\s*[|>]|^\s*-\s*[|>]/.test(previous)) {
      let next: string | undefined;
      for (let k = i + 1; k < lines.length && next === undefined; k++) if (lines[k].trim() !== '') next = lines[k];
      const nextIndent = next ? next.length - next.trimStart().length : 0;
      const at = Math.min(nextIndent, indent - 1);
      lines[i] = ' '.repeat(at) + '#' + ' '.repeat(indent - at - 1);
      previous = lines[i];
    }
  }
  return lines.join('\n');
}

/** Where a literal escape goes in its span: `{{` against what follows, `}}` against what precedes, a raw string where it stands. */
function placeLiteral(a: TemplateAction, literal: string): string {
  const width = a.end - a.start;
  if (literal === '{{' || literal.endsWith('{{')) return ' '.repeat(width - literal.length) + literal;
  const at = a.body.startsWith('`') || a.body.startsWith('"') ? a.bodyStart + 1 - a.start : 0;
  const lead = Math.min(at, width - literal.length);
  return ' '.repeat(lead) + literal;
}

/** True when nothing but white space and other actions is on the lines the action covers. */
function aloneOnLines(text: string, index: number, actions: readonly TemplateAction[]): boolean {
  const a = actions[index];
  const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
  let lineEnd = text.indexOf('\n', a.end);
  if (lineEnd < 0) lineEnd = text.length;
  // The actions on these lines: neighbours of this one (actions are in text order).
  let first = index;
  while (first > 0 && actions[first - 1].end > lineStart) first--;
  let last = index;
  while (last + 1 < actions.length && actions[last + 1].start < lineEnd) last++;
  let rest = '';
  let i = lineStart;
  for (let k = first; k <= last; k++) {
    const b = actions[k];
    rest += text.slice(i, Math.max(i, b.start));
    i = Math.max(i, b.end);
  }
  rest += text.slice(i, lineEnd);
  if (rest.trim() !== '') return false;
  // Another action on the line that writes text makes this one part of a value, not a line of its own.
  if (a.kind !== 'output') return true;
  for (let k = first; k <= last; k++) if (k !== index && actions[k].kind === 'output') return false;
  return true;
}

/** `key: {{ ... }}` or `- {{ ... }}` with nothing after it on the line. */
function wholeValue(text: string, a: TemplateAction): boolean {
  const lineStart = text.lastIndexOf('\n', a.start - 1) + 1;
  let lineEnd = text.indexOf('\n', a.end);
  if (lineEnd < 0) lineEnd = text.length;
  return /(:|^\s*-)\s*$/.test(text.slice(lineStart, a.start)) && text.slice(a.end, lineEnd).trim() === '';
}

/** The action's text with everything but letters and digits as `_`: a plain scalar that reads like the action. */
function placeholder(text: string, a: TemplateAction): string {
  return text.slice(a.start, a.end).replace(/[^A-Za-z0-9]/g, '_');
}

/** A line of its own that writes YAML: a `- hhhh` item among list items, else a `hhhh: h` entry. */
function entryPlaceholder(lines: Lines, a: TemplateAction): string {
  const width = a.end - a.start;
  const lineNo = lines.lineAt(a.start);
  const column = a.start - lines.starts[lineNo];
  // Where Helm's output starts: `nindent N` at column N, `indent N` N further than the action.
  const by = /\b(n?)indent\s+(\d+)/.exec(a.body);
  const target = by ? (by[1] ? 0 : column) + Number(by[2]) : column;
  const shift = target > column && width - (target - column) >= 5 ? target - column : 0;
  const indent = column + shift;
  const sibling = (from: number, step: number): string | undefined => {
    for (let n = from; n >= 0 && n < lines.count; n += step) {
      const line = lines.text(n);
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('{{') || trimmed.startsWith('#')) continue;
      const ind = line.length - line.trimStart().length;
      if (ind < indent) return undefined;
      if (ind === indent) return trimmed;
    }
    return undefined;
  };
  const near = sibling(lineNo + 1, 1) ?? sibling(lineNo - 1, -1);
  const rest = width - shift;
  const entry = near?.startsWith('- ') || near === '-' ? '- ' + 'h'.repeat(rest - 2) : 'h'.repeat(rest - 3) + ': h';
  return ' '.repeat(shift) + entry;
}

/** The lines of a text, by start offset. */
class Lines {
  readonly starts: number[] = [0];
  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  get count(): number {
    return this.starts.length;
  }
  text(n: number): string {
    const end = n + 1 < this.starts.length ? this.starts[n + 1] - 1 : this.source.length;
    return this.source.slice(this.starts[n], end);
  }
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
