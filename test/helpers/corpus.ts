/**
 * The corpus for property tests: our bundled examples, and Argo's examples from ../shared when present
 * (their tests are not skipped when it is absent: they run on ours). A seeded generator keeps every
 * run the same.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, REPO } from './paths';

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

function yamlFiles(dir: string, prefix: string): CorpusFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: `${prefix}/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
}

/** Whether Argo's examples are in the corpus (without ../shared only ours are: expect fewer cases). */
export function hasArgoExamples(): boolean {
  return existsSync(EXAMPLES);
}

/** Our examples first, then Argo's (sorted: the same order on every machine). */
export function corpus(): CorpusFile[] {
  return [...yamlFiles(join(REPO, 'examples'), 'examples'), ...yamlFiles(EXAMPLES, 'argo')];
}

/** A small seeded generator (mulberry32): the same numbers for the same seed. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  /** `k` items of `xs`, in their order, evenly spread and seeded. */
  sample<T>(xs: readonly T[], k: number): T[] {
    if (xs.length <= k) return [...xs];
    const out: T[] = [];
    const step = xs.length / k;
    for (let i = 0; i < k; i++) out.push(xs[Math.min(xs.length - 1, Math.floor(i * step + this.next() * step))]);
    return out;
  }
}
