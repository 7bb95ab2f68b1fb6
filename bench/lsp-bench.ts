import { readFileSync } from 'node:fs';
import { LspClient } from '../test/helpers/lsp-client';

export interface LspNumbers {
  readonly openMs: number;
  readonly editP50Ms: number;
  readonly editP95Ms: number;
  readonly peakRssMb: number;
  readonly diagnostics: number;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function peakRssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Opens `text` in a fresh server, then makes single-character edits at several places. */
export async function measureLsp(text: string, edits = 20): Promise<LspNumbers> {
  const client = new LspClient();
  try {
    await client.initialize();
    const uri = 'file:///bench/doc.yaml';
    const t0 = performance.now();
    const diags = await client.open(uri, text);
    const openMs = performance.now() - t0;
    const lines = text.split('\n');
    // Edit inside scalar values at spread-out lines: insert a character, then delete it.
    const targets = [0.1, 0.3, 0.5, 0.7, 0.9].map((f) => {
      let line = Math.floor(lines.length * f);
      while (line < lines.length - 1 && !/value: "/.test(lines[line])) line++;
      return { line, character: lines[line].indexOf('value: "') + 8 };
    });
    const times: number[] = [];
    let version = 1;
    for (let i = 0; i < edits; i++) {
      const pos = targets[i % targets.length];
      const insert = i % 2 === 0;
      const change = insert
        ? { range: { start: pos, end: pos }, text: 'x' }
        : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
      version++;
      const s = performance.now();
      await client.change(uri, version, [change]);
      times.push(performance.now() - s);
    }
    return { openMs, editP50Ms: percentile(times, 50), editP95Ms: percentile(times, 95), peakRssMb: peakRssMb(client.pid), diagnostics: diags.length };
  } finally {
    await client.stop();
  }
}
