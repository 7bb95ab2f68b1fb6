/**
 * ANSI escape sequences in log lines -> styled text segments. Only SGR (colours, bold, ...) is kept;
 * every other escape (cursor moves, OSC titles and hyperlinks, ...) is removed. Segments are plain
 * text: the webview puts them in the DOM with textContent, so a line can never inject markup.
 * Pure: no DOM, no Node APIs.
 */

/** A palette index (0-255) or an `#rrggbb` colour. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly italic?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly strike?: boolean;
}

export interface AnsiSegment {
  readonly text: string;
  readonly style?: AnsiStyle;
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other two-character escapes, 8-bit CSI.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/** Carriage returns: a trailing one goes; text overwritten by an inner one goes (progress bars). */
function lastCarriageSegment(s: string): string {
  let t = s;
  while (t.endsWith('\r')) t = t.slice(0, -1);
  const cr = t.lastIndexOf('\r');
  return cr >= 0 ? t.slice(cr + 1) : t;
}

function clean(s: string): string {
  return s.replace(CONTROLS, '');
}

function hex(n: number): string {
  return Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0');
}

type MutableStyle = { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] };

function extendedColor(params: number[], i: number): { color: AnsiColor | undefined; next: number } {
  const mode = params[i + 1];
  if (mode === 5) return { color: params[i + 2] !== undefined && params[i + 2] >= 0 && params[i + 2] <= 255 ? params[i + 2] : undefined, next: i + 3 };
  if (mode === 2) {
    const [r, g, b] = [params[i + 2], params[i + 3], params[i + 4]];
    return { color: r === undefined || g === undefined || b === undefined ? undefined : `#${hex(r)}${hex(g)}${hex(b)}`, next: i + 5 };
  }
  return { color: undefined, next: params.length };
}

function applySgr(style: MutableStyle, raw: string): void {
  const params = raw === '' ? [0] : raw.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < params.length;) {
    const p = params[i];
    if (p === 38 || p === 48) {
      const { color, next } = extendedColor(params, i);
      if (color !== undefined) {
        if (p === 38) style.fg = color;
        else style.bg = color;
      }
      i = next;
      continue;
    }
    i++;
    if (p === 0) for (const k of Object.keys(style) as (keyof MutableStyle)[]) delete style[k];
    else if (p === 1) style.bold = true;
    else if (p === 2) style.dim = true;
    else if (p === 3) style.italic = true;
    else if (p === 4) style.underline = true;
    else if (p === 7) style.inverse = true;
    else if (p === 9) style.strike = true;
    else if (p === 22) {
      delete style.bold;
      delete style.dim;
    } else if (p === 23) delete style.italic;
    else if (p === 24) delete style.underline;
    else if (p === 27) delete style.inverse;
    else if (p === 29) delete style.strike;
    else if (p >= 30 && p <= 37) style.fg = p - 30;
    else if (p === 39) delete style.fg;
    else if (p >= 40 && p <= 47) style.bg = p - 40;
    else if (p === 49) delete style.bg;
    else if (p >= 90 && p <= 97) style.fg = p - 90 + 8;
    else if (p >= 100 && p <= 107) style.bg = p - 100 + 8;
  }
}

function snapshot(style: MutableStyle): AnsiStyle | undefined {
  return Object.keys(style).length === 0 ? undefined : { ...style };
}

/** Styled segments of one line (styles do not carry over to the next line). */
export function parseAnsi(line: string): AnsiSegment[] {
  const text = lastCarriageSegment(line);
  if (text.indexOf('\x1b') < 0 && text.indexOf('\x9b') < 0) {
    const t = clean(text);
    return t === '' ? [] : [{ text: t }];
  }
  const out: AnsiSegment[] = [];
  const style: MutableStyle = {};
  let from = 0;
  const push = (s: string): void => {
    const t = clean(s);
    if (t === '') return;
    const st = snapshot(style);
    const prev = out[out.length - 1];
    if (prev && JSON.stringify(prev.style) === JSON.stringify(st)) out[out.length - 1] = { text: prev.text + t, ...(st ? { style: st } : {}) };
    else out.push(st ? { text: t, style: st } : { text: t });
  };
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    push(text.slice(from, m.index));
    from = m.index + m[0].length;
    if (m[2] === 'm' && m[0].startsWith('\x1b[')) applySgr(style, m[1]);
    if (m[0].length === 0) ESCAPE.lastIndex++;
  }
  push(text.slice(from));
  return out;
}

/** The text of a line as displayed: escapes and control characters removed. */
export function stripAnsi(line: string): string {
  if (line.indexOf('\x1b') < 0 && line.indexOf('\x9b') < 0 && line.indexOf('\r') < 0) return clean(line);
  return parseAnsi(line)
    .map((s) => s.text)
    .join('');
}

/** The 256-colour palette entry as `#rrggbb` (16-255; 0-15 come from the theme). */
export function paletteColor(n: number): string {
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `#${hex(v)}${hex(v)}${hex(v)}`;
  }
  const i = n - 16;
  const level = (c: number): number => (c === 0 ? 0 : 55 + c * 40);
  return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
}
