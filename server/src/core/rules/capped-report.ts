import type { Range } from '../types';
import type { ReportExtras, RuleContext } from './rule';

/** Findings of one code reported at most for one string (a scalar); the rest become one summary. */
export const MAX_FINDINGS_PER_SCALAR = 100;

export interface CappedReporter {
  report(code: string, range: Range, message: string, extras?: ReportExtras): void;
  /** True when `code` is already at its cap (the caller may skip the work of a finding). */
  full(code: string): boolean;
  /** Reports one summary finding per code over its cap, at `range`. */
  flush(range: Range): void;
}

/** Reports through `ctx`, at most `cap` findings per code; counts the others for `flush`. */
export function cappedReporter(ctx: Pick<RuleContext, 'report'>, cap = MAX_FINDINGS_PER_SCALAR): CappedReporter {
  const counts = new Map<string, number>();
  return {
    report(code, range, message, extras): void {
      const n = (counts.get(code) ?? 0) + 1;
      counts.set(code, n);
      if (n <= cap) ctx.report(code, range, message, extras);
    },
    full: (code) => (counts.get(code) ?? 0) >= cap,
    flush(range): void {
      for (const [code, n] of counts) {
        if (n > cap) ctx.report(code, range, `${n - cap} more ${code} findings in this string are not shown (${n} in all; the first ${cap} are).`);
      }
    },
  };
}
