import type { GraphDirection, NodePhase, Point } from './types';

/** Characters XML 1.0 forbids even as references: C0 controls except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for SVG/XML text content and attribute values; characters XML cannot hold become U+FFFD. */
export function esc(s: string): string {
  return s
    .replace(NOT_XML, '\uFFFD')
    .replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate with at most one decimal. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return String(Math.round(n * 10) / 10);
}

const CORNER = 6;

/** Axis-parallel route with rounded corners. */
function orthogonalPath(pts: readonly Point[]): string {
  let d = `M${num(pts[0].x)},${num(pts[0].y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    const c = pts[i + 1];
    const l1 = Math.hypot(b.x - a.x, b.y - a.y);
    const l2 = Math.hypot(c.x - b.x, c.y - b.y);
    const r = Math.min(CORNER, l1 / 2, l2 / 2);
    if (r < 0.5) {
      d += ` L${num(b.x)},${num(b.y)}`;
      continue;
    }
    const p1 = { x: b.x + ((a.x - b.x) / l1) * r, y: b.y + ((a.y - b.y) / l1) * r };
    const p2 = { x: b.x + ((c.x - b.x) / l2) * r, y: b.y + ((c.y - b.y) / l2) * r };
    d += ` L${num(p1.x)},${num(p1.y)} Q${num(b.x)},${num(b.y)} ${num(p2.x)},${num(p2.y)}`;
  }
  const last = pts[pts.length - 1];
  return `${d} L${num(last.x)},${num(last.y)}`;
}

/** Smooth curve through the points with tangents along the layout direction at every point. */
function splinePath(pts: readonly Point[], direction: GraphDirection): string {
  let d = `M${num(pts[0].x)},${num(pts[0].y)}`;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (direction === 'TB') {
      const my = (a.y + b.y) / 2;
      d += a.x === b.x ? ` L${num(b.x)},${num(b.y)}` : ` C${num(a.x)},${num(my)} ${num(b.x)},${num(my)} ${num(b.x)},${num(b.y)}`;
    } else {
      const mx = (a.x + b.x) / 2;
      d += a.y === b.y ? ` L${num(b.x)},${num(b.y)}` : ` C${num(mx)},${num(a.y)} ${num(mx)},${num(b.y)} ${num(b.x)},${num(b.y)}`;
    }
  }
  return d;
}

export function edgePath(points: readonly Point[], routing: 'orthogonal' | 'spline', direction: GraphDirection): string {
  if (points.length < 2) return '';
  return routing === 'orthogonal' ? orthogonalPath(points) : splinePath(points, direction);
}

/** The point halfway along a polyline (for labels the layout did not place). */
export function midpoint(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const l = Math.hypot(b.x - a.x, b.y - a.y);
    if (l >= left && l > 0) return { x: a.x + ((b.x - a.x) * left) / l, y: a.y + ((b.y - a.y) * left) / l };
    left -= l;
  }
  return points[points.length - 1];
}

/** Glyph of a phase inside the 14px icon circle (centred on 0,0); '' draws the plain ring. */
export function phaseGlyph(phase: NodePhase | undefined): string {
  switch (phase) {
    case 'Succeeded':
      return 'M-3.2,0.2 L-1,2.6 L3.4,-2.4';
    case 'Failed':
      return 'M-2.6,-2.6 L2.6,2.6 M2.6,-2.6 L-2.6,2.6';
    case 'Error':
      return 'M0,-3.4 L0,0.8 M0,2.9 L0,3';
    case 'Running':
      return 'M0,-3.4 A3.4,3.4 0 1 1 -3.4,0';
    case 'Pending':
      return 'M0,-3.2 L0,0 L2.4,1.6';
    case 'Skipped':
    case 'Omitted':
      return 'M-3,0 L3,0';
    default:
      return '';
  }
}
