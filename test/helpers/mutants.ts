/**
 * Realistic mistakes in Argo YAML, one per mutant, seeded: for differential tests against `argo lint`.
 * Each mutant knows the line of its mistake (0-based), so the test can say whether a finding is on it.
 * `benign` edits keep the document valid.
 */
import type { Rng } from './corpus';

export interface Mutant {
  readonly kind: string;
  readonly text: string;
  /** 0-based line of the mistake. */
  readonly line: number;
  readonly benign: boolean;
}

type Lines = string[];

/** `word` with one seeded typo: a letter dropped, doubled or two swapped. */
export function typo(rng: Rng, word: string): string {
  const i = 1 + rng.int(Math.max(1, word.length - 1));
  switch (rng.int(3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i - 1] + word.slice(i);
    default:
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : `${word}s`;
  }
}

const indexOfAll = (lines: Lines, re: RegExp): number[] => lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
const indent = (l: string): string => /^\s*/.exec(l)?.[0] ?? '';

interface Kind {
  readonly name: string;
  readonly benign?: boolean;
  apply(rng: Rng, lines: Lines): { lines: Lines; line: number } | undefined;
}

const replaceLine = (lines: Lines, i: number, text: string): { lines: Lines; line: number } => ({
  lines: [...lines.slice(0, i), text, ...lines.slice(i + 1)],
  line: i,
});
const insertAfter = (lines: Lines, i: number, text: string): { lines: Lines; line: number } => ({
  lines: [...lines.slice(0, i + 1), text, ...lines.slice(i + 1)],
  line: i + 1,
});

const KEY_TYPO = (where: string, re: RegExp): Kind => ({
  name: `key-typo-${where}`,
  apply(rng, lines) {
    const hits = indexOfAll(lines, re);
    if (hits.length === 0) return undefined;
    const i = rng.pick(hits);
    const m = /^(\s*(?:- )?)([A-Za-z]+)(:.*)$/.exec(lines[i]);
    return m ? replaceLine(lines, i, `${m[1]}${typo(rng, m[2])}${m[3]}`) : undefined;
  },
});

const KINDS: readonly Kind[] = [
  KEY_TYPO('template', /^\s{4,6}(- )?(container|script|inputs|outputs|retryStrategy|dag|steps|activeDeadlineSeconds):/),
  KEY_TYPO('spec', /^\s{2}(entrypoint|arguments|templates|serviceAccountName|onExit):/),
  KEY_TYPO('container', /^\s{6,10}(image|command|args|env|resources|volumeMounts):/),
  KEY_TYPO('task', /^\s+(- )?(template|dependencies|depends|arguments|when|withItems):/),
  {
    name: 'yaml11-name',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*- name: [\w-]+\s*$/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return replaceLine(lines, i, lines[i].replace(/name: [\w-]+/, `name: ${rng.pick(['n', 'y', 'on', 'off'])}`));
    },
  },
  {
    name: 'reference-typo',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*(- )?(template|entrypoint): [\w-]{3,}\s*$/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      const m = /^(.*: )([\w-]+)(\s*)$/.exec(lines[i]);
      return m ? replaceLine(lines, i, `${m[1]}${typo(rng, m[2])}${m[3]}`) : undefined;
    },
  },
  {
    name: 'dependency-typo',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*(dependencies: \[[\w-]{3,}|depends: "?[\w-]{3,})/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return replaceLine(
        lines,
        i,
        lines[i].replace(/(dependencies: \[|depends: "?)([\w-]{3,})/, (_, a: string, w: string) => a + typo(rng, w)),
      );
    },
  },
  {
    name: 'depends-and-dependencies',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*depends: /);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      const dep = /depends: "?([\w-]+)/.exec(lines[i])?.[1];
      return dep ? insertAfter(lines, i, `${indent(lines[i])}dependencies: [${dep}]`) : undefined;
    },
  },
  {
    name: 'template-and-templateRef',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s+template: [\w-]+\s*$/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return insertAfter(lines, i, `${indent(lines[i])}templateRef: {name: lib, template: x}`);
    },
  },
  {
    name: 'duplicate-task-name',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s+- name: [\w-]+\s*$/);
      if (hits.length < 2) return undefined;
      const k = 1 + rng.int(hits.length - 1);
      const i = hits[k];
      const prev = hits[k - 1];
      if (indent(lines[i]) !== indent(lines[prev])) return undefined;
      return replaceLine(lines, i, lines[prev]);
    },
  },
  {
    name: 'image-pull-policy',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s+image: \S+/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return insertAfter(lines, i, `${indent(lines[i])}imagePullPolicy: Sometimes`);
    },
  },
  {
    name: 'active-deadline-zero',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s{4,8}container:/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return { lines: [...lines.slice(0, i), `${indent(lines[i])}activeDeadlineSeconds: 0`, ...lines.slice(i)], line: i };
    },
  },
  {
    name: 'depends-syntax',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*depends: "?[\w-]+/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return replaceLine(
        lines,
        i,
        lines[i].replace(/depends: "?([^"]*)"?\s*$/, (_, e: string) => `depends: "${rng.pick([`(${e}`, `${e} &&`, `${e} & x`])}"`),
      );
    },
  },
  {
    name: 'drop-line',
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s{4,}\S/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return { lines: [...lines.slice(0, i), ...lines.slice(i + 1)], line: Math.max(0, i - 1) };
    },
  },
  {
    name: 'benign-value',
    benign: true,
    apply(rng, lines) {
      const hits = indexOfAll(lines, /^\s*(- )?(image|generateName): [\w./:-]+\s*$/);
      if (hits.length === 0) return undefined;
      const i = rng.pick(hits);
      return replaceLine(
        lines,
        i,
        lines[i].replace(/: ([\w./:-]+)\s*$/, (_, v: string) => `: ${v.endsWith('-') ? `${v}x-` : v.includes(':') ? v : `${v}:1.0`}`),
      );
    },
  },
  {
    name: 'benign-comment',
    benign: true,
    apply(rng, lines) {
      const i = rng.int(lines.length);
      return insertAfter(lines, i, `${indent(lines[i])}# a comment`);
    },
  },
];

/** One mutant of `text` of a seeded kind, or undefined when that kind has no place in it. */
export function mutate(rng: Rng, text: string): Mutant | undefined {
  const kind = rng.pick(KINDS);
  const r = kind.apply(rng, text.split('\n'));
  return r ? { kind: kind.name, text: r.lines.join('\n'), line: r.line, benign: kind.benign === true } : undefined;
}
