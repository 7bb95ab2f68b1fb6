/** The printed table: one row per measure, ours and the baseline side by side, the target and whether ours meets it. */

export interface Row {
  readonly measure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly target: string;
  /** "met" / "MISSED" / "no figure" / "" (ours against the target). */
  readonly verdict?: string;
}

/** A heading line between groups of rows. */
export function section(title: string): Row {
  return { measure: `-- ${title}`, ours: '', baseline: '', target: '' };
}

export function printTable(rows: readonly Row[], notes: readonly string[]): void {
  const w = Math.max(...rows.map((r) => r.measure.length));
  const wo = Math.max(22, ...rows.map((r) => r.ours.length));
  const wb = Math.max(22, ...rows.map((r) => r.baseline.length));
  const wt = Math.max(6, ...rows.map((r) => r.target.length));
  const c = (s: string, n: number): string => s.padEnd(n);
  console.log(`${c('measure', w)}  ${c('argo-studio', wo)}  ${c('yaml-language-server', wb)}  ${c('target', wt)}  ours vs target`);
  console.log(`${'-'.repeat(w)}  ${'-'.repeat(wo)}  ${'-'.repeat(wb)}  ${'-'.repeat(wt)}  --------------`);
  for (const r of rows) console.log(`${c(r.measure, w)}  ${c(r.ours, wo)}  ${c(r.baseline, wb)}  ${c(r.target, wt)}  ${r.verdict ?? ''}`.trimEnd());
  if (notes.length) {
    console.log('\nnotes:');
    for (const n of notes) console.log(`- ${n}`);
  }
}
