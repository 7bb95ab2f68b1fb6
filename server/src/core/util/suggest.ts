/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions (bounded: returns bound+1 when exceeded). */
export function editDistance(a: string, b: string, bound = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return bound + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length];
}

/** The candidate closest to `name`, if it is close enough to be a likely typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const bound = Math.max(1, Math.min(4, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestD = bound + 1;
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase(), bound);
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  // A one- or two-letter name is "close" to everything: only suggest when some of it survives.
  return bestD <= bound && bestD < name.length ? best : undefined;
}

/** Up to `max` candidates close to `name`, closest first (the first is `suggest`'s answer). */
export function suggestAll(name: string, candidates: Iterable<string>, max = 3): string[] {
  const first = suggest(name, candidates);
  if (first === undefined) return [];
  const lower = name.toLowerCase();
  const bound = Math.max(1, Math.min(4, Math.floor(name.length / 3)));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === name || c === first) continue;
    const d = editDistance(lower, c.toLowerCase(), bound);
    if (d <= bound && d < name.length) scored.push({ c, d });
  }
  scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
  return [first, ...scored.slice(0, max - 1).map((x) => x.c)];
}

export function didYouMean(s: string | undefined): string {
  return s === undefined ? '' : ` Did you mean "${s}"?`;
}
