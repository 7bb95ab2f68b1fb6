import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { parseFile, type ParsedFile } from '../../server/src/core/parse/parse-file';
import { reparseIncrementally } from '../../server/src/core/parse/incremental';
import { analyzeText } from '../../server/src/core/analyze';
import { generateDag, generateSteps } from '../../bench/generate';
import { EXAMPLES, examplesSkip } from '../helpers/paths';

/** Everything analysis reads of a tree: node kinds, ranges, values, scalar styles and sources. */
function shape(file: ParsedFile): unknown {
  const walk = (n: unknown): unknown => {
    if (isPair(n)) return ['pair', walk(n.key), walk(n.value)];
    if (isScalar(n)) return ['scalar', n.range, n.value, n.type, (n as { source?: unknown }).source];
    if (isMap(n)) return ['map', n.range, n.flow ?? false, n.items.map(walk)];
    if (isSeq(n)) return ['seq', n.range, n.flow ?? false, n.items.map(walk)];
    return n === null || n === undefined ? null : ['other', (n as { range?: unknown }).range];
  };
  return file.documents.map((d) => [d.range, d.hasErrors, d.problems.map((p) => [p.code, p.range]), walk(d.doc.contents)]);
}

/** A deterministic pseudo-random sequence. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Random one-character edits; `chain` applies them one after another, else each to the original text. */
function checkEdits(name: string, text: string, edits: number, seed: number, chain = true): { incremental: number; full: number } {
  const r = rng(seed);
  let prev = parseFile(text);
  let current = text;
  let incremental = 0;
  let full = 0;
  const alphabet = ['x', ' ', '\n', '-', ':', 'a', '"', '{', '}', '#', '1'];
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * current.length);
    const next =
      r() < 0.5 ? current.slice(0, at) + alphabet[Math.floor(r() * alphabet.length)] + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
    const expected = parseFile(next);
    const got = reparseIncrementally(prev, next);
    if (got) {
      incremental++;
      assert.deepEqual(shape(got), shape(expected), `${name}: edit ${i} at ${at} differs from a full parse`);
      prev = got;
    } else {
      full++;
      prev = expected;
    }
    current = next;
    if (!chain) {
      current = text;
      prev = parseFile(text);
    }
  }
  return { incremental, full };
}

test('incremental re-parse equals a full parse after random edits (generated DAG and steps)', () => {
  const dag = checkEdits('dag', generateDag({ tasks: 60 }), 300, 7, false);
  const steps = checkEdits('steps', generateSteps(20, 3), 300, 11, false);
  checkEdits('dag-chain', generateDag({ tasks: 30 }), 200, 3, true);
  // Most edits land inside one task or step and are re-parsed incrementally.
  assert.ok(dag.incremental > 100, JSON.stringify(dag));
  assert.ok(steps.incremental > 100, JSON.stringify(steps));
});

test("incremental re-parse equals a full parse after random edits (Argo's examples)", { skip: examplesSkip() }, () => {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : /\.ya?ml$/.test(n) ? [join(d, n)] : []));
  let incremental = 0;
  walk(EXAMPLES).forEach((f, i) => {
    incremental += checkEdits(f, readFileSync(f, 'utf8'), 12, 100 + i).incremental;
    incremental += checkEdits(f, readFileSync(f, 'utf8'), 12, 900 + i, false).incremental;
  });
  assert.ok(incremental > 200, `only ${incremental} incremental re-parses`);
});

test('analysis of an incrementally re-parsed file equals analysis of the text', () => {
  const text = generateDag({ tasks: 50 });
  const prev = parseFile(text);
  const at = text.indexOf('dependencies: [task-1') + 'dependencies: [task-'.length;
  const next = `${text.slice(0, at)}9${text.slice(at)}`;
  const file = reparseIncrementally(prev, next);
  assert.ok(file, 'an edit inside one task is re-parsed incrementally');
  const a = analyzeText(next);
  const b = analyzeText(next, {}, file);
  assert.deepEqual(b.findings, a.findings);
  assert.ok(a.findings.some((f) => f.code === 'unknown-dependency'));
});
