/**
 * One log line as DOM: step prefix (coloured), timestamp, ANSI-styled text with search highlights,
 * truncation with an expand button. Text goes in with textContent only: a line cannot inject markup.
 */
import { paletteColor, parseAnsi, type AnsiColor, type AnsiSegment, type AnsiStyle } from '../../../client/src/logs/ansi';
import type { LogLine, StepView } from '../../../client/src/logs/log-types';
import type { Matcher } from './search';
import { displayTime } from '../../../client/src/logs/timestamp';

export interface LineContext {
  readonly steps: readonly StepView[];
  readonly showStep: boolean;
  readonly timestamps: boolean;
  readonly wrap: boolean;
  readonly matcher: Matcher | undefined;
  readonly current: boolean;
  readonly expanded: boolean;
  readonly truncateAt: number;
  readonly plain: string;
  readonly onToggle: (seq: number) => void;
}

function setColor(el: HTMLElement, c: AnsiColor, which: 'fg' | 'bg'): void {
  if (typeof c === 'number' && c < 16) el.classList.add(`${which}-${c}`);
  else {
    const css = typeof c === 'number' ? paletteColor(c) : c;
    if (which === 'fg') el.style.color = css;
    else el.style.backgroundColor = css;
  }
}

function styled(text: string, style: AnsiStyle | undefined, mark: boolean): Node {
  if (!style && !mark) return document.createTextNode(text);
  const el = document.createElement(mark ? 'mark' : 'span');
  el.textContent = text;
  if (style) {
    const fg = style.inverse ? style.bg : style.fg;
    const bg = style.inverse ? style.fg : style.bg;
    if (fg !== undefined) setColor(el, fg, 'fg');
    else if (style.inverse) el.classList.add('inv-fg');
    if (bg !== undefined) setColor(el, bg, 'bg');
    else if (style.inverse) el.classList.add('inv-bg');
    if (style.bold) el.classList.add('b');
    if (style.dim) el.classList.add('d');
    if (style.italic) el.classList.add('i');
    if (style.underline) el.classList.add('u');
    if (style.strike) el.classList.add('s');
  }
  return el;
}

/** Appends segments [0, limit) of the line, split at highlight ranges. */
function appendText(parent: HTMLElement, segs: readonly AnsiSegment[], ranges: readonly [number, number][], limit: number): void {
  let pos = 0;
  let r = 0;
  for (const seg of segs) {
    let from = 0;
    while (from < seg.text.length && pos + from < limit) {
      const at = pos + from;
      while (r < ranges.length && ranges[r][1] <= at) r++;
      const inMark = r < ranges.length && ranges[r][0] <= at;
      const boundary = inMark ? ranges[r][1] : r < ranges.length ? ranges[r][0] : Infinity;
      const end = Math.min(seg.text.length, boundary - pos, limit - pos);
      parent.append(styled(seg.text.slice(from, end), seg.style, inMark));
      from = end;
    }
    pos += seg.text.length;
    if (pos >= limit) break;
  }
}

export function renderLine(line: LogLine, ctx: LineContext): HTMLElement {
  const row = document.createElement('div');
  row.className = `row${line.notice ? ` notice ${line.notice}` : ''}${ctx.current ? ' current' : ''}${ctx.expanded ? ' expanded' : ''}`;
  if (ctx.showStep) {
    const step = line.step >= 0 ? ctx.steps[line.step] : undefined;
    const s = document.createElement('span');
    s.className = `step c${step ? step.color : 'x'}`;
    s.textContent = step ? step.label : '';
    if (step) s.title = `${step.nodeName} (pod ${step.podName})`;
    row.append(s);
  }
  if (ctx.timestamps) {
    const ts = document.createElement('span');
    ts.className = 'ts';
    ts.textContent = line.key ? displayTime(line.key) : '';
    row.append(ts);
  }
  const text = document.createElement('span');
  text.className = 'text';
  const segs = line.notice ? [{ text: line.text }] : parseAnsi(line.text);
  const long = ctx.plain.length > ctx.truncateAt;
  const limit = long && !ctx.expanded ? ctx.truncateAt : Infinity;
  appendText(text, segs, ctx.matcher ? ctx.matcher.ranges(ctx.plain) : [], limit);
  row.append(text);
  if (long) {
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'more';
    more.textContent = ctx.expanded ? 'collapse' : `… ${(ctx.plain.length - ctx.truncateAt).toLocaleString('en-US')} more characters`;
    more.title = ctx.expanded ? 'Show the start of the line only' : 'Show the whole line';
    more.addEventListener('click', () => ctx.onToggle(line.seq));
    text.append(more);
  }
  return row;
}
