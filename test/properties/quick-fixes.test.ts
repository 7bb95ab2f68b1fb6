/**
 * Property: applying any quick fix we offer on a mutated example never adds problems and never breaks
 * the YAML. Mutants are realistic mistakes (typos in keys, references, dependencies and variables,
 * emptied values, a dependency that closes a cycle), seeded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { corpus, hasArgoExamples, Rng } from '../helpers/corpus';
import { applyEdits } from '../helpers/edits';
import { typo } from '../helpers/mutants';

const SEED = 42;
const FILES = 230;
const MUTANTS_PER_FILE = 8;

/** One mistake in `text`, or undefined when this kind has no place in it. */
function mutate(rng: Rng, text: string): { kind: string; text: string } | undefined {
  const lines = text.split('\n');
  const pickLine = (re: RegExp): number | undefined => {
    const hits = lines.map((l, i) => (re.test(l) ? i : -1)).filter((i) => i >= 0);
    return hits.length ? rng.pick(hits) : undefined;
  };
  const kind = rng.pick(['key-typo', 'reference-typo', 'dependency-typo', 'variable-typo', 'empty-value', 'cycle', 'enum-typo', 'drop-line']);
  const set = (i: number, line: string): string => [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n');
  switch (kind) {
    case 'key-typo': {
      const i = pickLine(/^\s*(- )?[a-zA-Z]{4,}:/);
      if (i === undefined) return undefined;
      const m = /^(\s*(?:- )?)([a-zA-Z]{4,})(:.*)$/.exec(lines[i]);
      return m ? { kind, text: set(i, `${m[1]}${typo(rng, m[2])}${m[3]}`) } : undefined;
    }
    case 'reference-typo': {
      const i = pickLine(/^\s*(- )?(template|entrypoint|onExit): [\w-]{3,}\s*$/);
      if (i === undefined) return undefined;
      const m = /^(.*: )([\w-]+)(\s*)$/.exec(lines[i]);
      return m ? { kind, text: set(i, `${m[1]}${typo(rng, m[2])}${m[3]}`) } : undefined;
    }
    case 'dependency-typo': {
      const i = pickLine(/^\s*(dependencies: \[|depends: |- [\w-]+\s*$)/);
      if (i === undefined) return undefined;
      const m = /([\w-]{3,})(?!.*[\w-]{3,})/.exec(lines[i]);
      return m && m.index !== undefined
        ? { kind, text: set(i, lines[i].slice(0, m.index) + typo(rng, m[1]) + lines[i].slice(m.index + m[1].length)) }
        : undefined;
    }
    case 'variable-typo': {
      const i = pickLine(/\{\{[a-z][\w.]+\}\}/);
      if (i === undefined) return undefined;
      return {
        kind,
        text: set(
          i,
          lines[i].replace(/\{\{([a-z][\w.]+)\}\}/, (_, v: string) => `{{${typo(rng, v)}}}`),
        ),
      };
    }
    case 'empty-value': {
      const i = pickLine(/^\s*(entrypoint|image|template|name|arguments|value): \S/);
      if (i === undefined) return undefined;
      return { kind, text: set(i, lines[i].replace(/: .*$/, ':')) };
    }
    case 'cycle': {
      // The first task depends on the last one of its DAG.
      const d = lines.findIndex((l) => /^\s*tasks:\s*$/.test(l));
      if (d < 0) return undefined;
      const names: { i: number; name: string; indent: string }[] = [];
      const base = /^(\s*)/.exec(lines[d])?.[1].length ?? 0;
      for (let j = d + 1; j < lines.length; j++) {
        const m = /^(\s*)- name: ([\w-]+)\s*$/.exec(lines[j]);
        if (m && m[1].length > base) names.push({ i: j, name: m[2], indent: `${m[1]}  ` });
        else if (/^\s*\S/.test(lines[j]) && (/^(\s*)/.exec(lines[j])?.[1].length ?? 0) <= base) break;
      }
      if (names.length < 2) return undefined;
      const first = names[0];
      const last = names[names.length - 1];
      const usesDepends = text.includes('depends:');
      const own = lines.slice(first.i + 1, names[1].i).findIndex((l) => /^\s*(depends|dependencies):/.test(l));
      if (own >= 0) return undefined;
      const dep = usesDepends ? `depends: ${last.name}` : `dependencies: [${last.name}]`;
      return { kind, text: [...lines.slice(0, first.i + 1), `${first.indent}${dep}`, ...lines.slice(first.i + 1)].join('\n') };
    }
    case 'enum-typo': {
      const i = pickLine(/^\s*imagePullPolicy: \w+/);
      if (i === undefined) return undefined;
      return {
        kind,
        text: set(
          i,
          lines[i].replace(/: (\w+)/, (_, v: string) => `: ${typo(rng, v)}`),
        ),
      };
    }
    default: {
      const i = pickLine(/^\s+\S/);
      if (i === undefined) return undefined;
      return { kind, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') };
    }
  }
}

const problems = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
const yamlBroken = (findings: readonly Finding[]): number => findings.filter((f) => f.code === 'yaml-syntax' || f.code === 'duplicate-key').length;

test(`every quick fix offered on mutated examples makes nothing worse (seed ${SEED})`, () => {
  const rng = new Rng(SEED);
  const files = rng.sample(
    corpus().filter((f) => f.text.length < 30_000),
    FILES,
  );
  let mutants = 0;
  let applied = 0;
  const byKind = new Map<string, number>();
  const failures: string[] = [];
  for (const f of files) {
    for (let k = 0; k < MUTANTS_PER_FILE; k++) {
      const m = mutate(rng, f.text);
      if (!m) continue;
      const before = analyzeText(m.text);
      if (!before.hasArgo) continue;
      mutants++;
      for (const finding of before.findings) {
        for (const fix of finding.fixes ?? []) {
          applied++;
          byKind.set(finding.code, (byKind.get(finding.code) ?? 0) + 1);
          const after = analyzeText(applyEdits(m.text, fix.edits)).findings;
          const grew = problems(after).length > problems(before.findings).length;
          const broke = yamlBroken(after) > yamlBroken(before.findings);
          if ((grew || broke) && failures.length < 10)
            failures.push(
              `${f.name} (${m.kind}) ${finding.code} "${fix.title}": problems ${problems(before.findings).length} -> ${problems(after).length}; new: ${problems(
                after,
              )
                .filter((a) => !before.findings.some((b) => b.code === a.code && b.message === a.message))
                .map((a) => `${a.code}: ${a.message}`)
                .join(' | ')
                .slice(0, 300)}`,
            );
        }
      }
    }
  }
  console.log(`quick-fix property: ${mutants} mutants, ${applied} fixes applied (${[...byKind].map(([c, n]) => `${c} ${n}`).join(', ')})`);
  assert.deepEqual(failures, []);
  // Our examples alone (no ../shared) give about a tenth of the cases.
  const floor = hasArgoExamples() ? 100 : 10;
  assert.ok(applied >= floor, `only ${applied} fixes applied`);
});
