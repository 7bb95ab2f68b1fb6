/** "Did you mean" for unknown keys: the closest known key by edit distance. */

import { editDistance } from '../util/suggest';

export { editDistance };

/** How many edits a key of this length may be away from a known key and still be a likely typo. */
function tolerance(length: number): number {
  if (length <= 4) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** The known key closest to `key` (case differences count as nothing), if one is close enough. */
export function closestKey(key: string, known: Iterable<string>): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const d = c === lower ? 0 : editDistance(lower, c);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance <= Math.min(tolerance(key.length), tolerance(best.length)) ? best : undefined;
}
