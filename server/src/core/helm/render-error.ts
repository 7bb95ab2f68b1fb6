import type { Finding } from '../types';

/**
 * Helm's error as one finding: on the line (and column) Helm names when it names this template
 * (`template: chart/templates/wf.yaml:12:20: executing ...`, `parse error at (chart/templates/wf.yaml:14): ...`),
 * else on the first line.
 */
export function renderErrorFinding(text: string, message: string, source: string): Finding {
  const clean = message
    .trim()
    .replace(/^Error:\s*/, '')
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^Use --debug flag/.test(l.trim()))
    .slice(0, 3)
    .join(' ');
  const escaped = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`${escaped}:(\\d+)(?::(\\d+))?`).exec(clean);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  let start = 0;
  let end = Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  if (at && /^(template|parse error)/.test(clean) && Number(at[1]) >= 1 && Number(at[1]) <= lineStarts.length) {
    const lineStart = lineStarts[Number(at[1]) - 1];
    const lineEnd = Number(at[1]) < lineStarts.length ? lineStarts[Number(at[1])] - 1 : text.length;
    start = at[2]
      ? Math.min(lineEnd, lineStart + Number(at[2]) - 1)
      : lineStart + (text.slice(lineStart, lineEnd).length - text.slice(lineStart, lineEnd).trimStart().length);
    end = lineEnd;
  }
  if (end <= start) end = Math.min(text.length, start + 1);
  return { code: 'helm-render-error', severity: 'error', message: `Helm could not render this template: ${clean}`, range: { start, end } };
}
