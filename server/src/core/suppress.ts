import type { Finding } from './types';

const NEXT_LINE = /#\s*argo-studio-disable-next-line\b([^\n]*)/g;
const FILE = /#\s*argo-studio-disable-file\b([^\n]*)/g;

/**
 * Drops findings silenced inline:
 *   `# argo-studio-disable-next-line [code, ...]`  the next line (all rules when no code is given)
 *   `# argo-studio-disable-file [code, ...]`       the whole file
 */
export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (findings.length === 0 || !text.includes('argo-studio-disable')) return findings;
  const fileCodes = new Set<string>();
  let fileAll = false;
  for (const m of text.matchAll(FILE)) {
    const codes = parseCodes(m[1]);
    if (codes.length === 0) fileAll = true;
    codes.forEach((c) => fileCodes.add(c));
  }
  // line start offset of the suppressed line -> codes (empty = all)
  const lines: { start: number; end: number; codes: string[] }[] = [];
  for (const m of text.matchAll(NEXT_LINE)) {
    const eol = text.indexOf('\n', m.index ?? 0);
    if (eol < 0) continue;
    let end = text.indexOf('\n', eol + 1);
    if (end < 0) end = text.length;
    lines.push({ start: eol + 1, end, codes: parseCodes(m[1]) });
  }
  return findings.filter((f) => {
    if (fileAll || fileCodes.has(f.code)) return false;
    return !lines.some((l) => f.range.start >= l.start && f.range.start <= l.end && (l.codes.length === 0 || l.codes.includes(f.code)));
  });
}

function parseCodes(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter((c) => /^[a-z][a-z0-9-]*$/.test(c));
}
