/**
 * Node box metrics shared by the graph builder (sizes for layout) and the SVG renderer (text fitting).
 * Text width is estimated from per-character widths of a 12px sans-serif font: no DOM needed.
 */

export const NODE_METRICS = {
  height: 44,
  paddingX: 10,
  /** Phase / type icon slot at the left. */
  iconSize: 18,
  iconGap: 8,
  minWidth: 120,
  maxWidth: 260,
  badgeGap: 4,
  badgeHeight: 16,
  badgePadX: 5,
  /** Header band of an expanded group. */
  groupHeader: 30,
  groupPad: 12,
  missingHeight: 30,
  fontSize: 12,
  subFontSize: 11,
} as const;

const NARROW = new Set([..."ijl.,:;|!'`()[]{}/\\ "]);
const SEMI = new Set([...'frtI-1"']);
const WIDE = new Set([...'mwMW@%']);
const SYMBOL = new Set([...'<>=+~^*#&$_?']);

/** Estimated width in px of `text` at `size` px (sans-serif, bold adds ~8%). */
export function textWidth(text: string, size: number = NODE_METRICS.fontSize, bold = false): number {
  let units = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) units += 0.28;
    else if (SEMI.has(ch)) units += 0.36;
    else if (WIDE.has(ch)) units += 0.88;
    else if (SYMBOL.has(ch)) units += 0.72;
    else if (ch >= 'A' && ch <= 'Z') units += 0.7;
    else if (ch.charCodeAt(0) > 0x2e80) units += 1;
    else units += 0.6;
  }
  return Math.ceil(units * size * (bold ? 1.15 : 1));
}

/** Cuts `text` with an ellipsis so that it fits `max` px. */
export function fitText(text: string, max: number, size: number = NODE_METRICS.fontSize, bold = false): string {
  if (textWidth(text, size, bold) <= max) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join('') + '…', size, bold) <= max) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

export function badgeWidth(text: string): number {
  return textWidth(text, 10) + 2 * NODE_METRICS.badgePadX;
}

export function badgesWidth(badges: readonly string[]): number {
  if (badges.length === 0) return 0;
  return badges.reduce((w, b) => w + badgeWidth(b) + NODE_METRICS.badgeGap, 0);
}

/** Width of a node box holding a bold title, a subtitle and badges. */
export function nodeWidth(title: string, subtitle: string, badges: readonly string[]): number {
  const m = NODE_METRICS;
  const text = Math.max(textWidth(title, m.fontSize, true), textWidth(subtitle, m.subFontSize));
  const w = m.paddingX * 2 + m.iconSize + m.iconGap + text + badgesWidth(badges);
  return Math.round(Math.min(m.maxWidth, Math.max(m.minWidth, w)));
}

/** Room left for text in a node of `width` with `badges`. */
export function textRoom(width: number, badges: readonly string[]): number {
  const m = NODE_METRICS;
  return Math.max(20, width - m.paddingX * 2 - m.iconSize - m.iconGap - badgesWidth(badges));
}

/** Width of the header line of an expanded group. */
export function groupHeaderWidth(title: string, subtitle: string): number {
  const m = NODE_METRICS;
  return Math.round(m.groupPad * 2 + 16 + textWidth(title, m.fontSize, true) + 8 + textWidth(subtitle, m.subFontSize));
}

export function missingWidth(name: string): number {
  return Math.round(Math.max(80, textWidth(name + '?', NODE_METRICS.fontSize) + 24));
}
