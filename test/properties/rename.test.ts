/**
 * Property: renaming any definition (template, task, step, input, workflow parameter,
 * WorkflowTemplate) in Argo's examples and ours updates every reference: the file has no new problems.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { collectOccurrences, renameConflict, renameEdits, sameSymbol } from '../../server/src/core/features';
import type { Finding } from '../../server/src/core/types';
import { corpus, hasArgoExamples, Rng } from '../helpers/corpus';
import { applyEdits } from '../helpers/edits';

const SEED = 5;
const FILES = 230;
const PER_FILE = 20;

const problems = (fs: readonly Finding[]): string[] => fs.filter((f) => f.severity !== 'info').map((f) => f.code);

test(`renaming every definition leaves no new problems (seed ${SEED})`, () => {
  const rng = new Rng(SEED);
  const files = rng.sample(
    corpus().filter((f) => f.text.length < 40_000),
    FILES,
  );
  let renames = 0;
  let refused = 0;
  const failures: string[] = [];
  for (const f of files) {
    const analysis = analyzeText(f.text);
    if (!analysis.hasArgo) continue;
    const before = problems(analysis.findings);
    const occurrences = collectOccurrences(f.text, analysis);
    const defs = rng.sample(
      occurrences.filter((o) => o.definition),
      PER_FILE,
    );
    for (const def of defs) {
      const newName = `${def.name}-r`;
      if (renameConflict(occurrences, def, newName)) {
        refused++;
        continue;
      }
      renames++;
      const after = problems(analyzeText(applyEdits(f.text, renameEdits(sameSymbol(occurrences, def), newName))).findings);
      if (after.length > before.length && failures.length < 10)
        failures.push(`${f.name}: ${def.kind} "${def.name}": ${before.join(',')} -> ${after.join(',')}`);
    }
  }
  console.log(`rename property: ${renames} renames (${refused} refused) in ${files.length} files`);
  assert.deepEqual(failures, []);
  // Our examples alone (no ../shared) give about a tenth of the cases.
  const floor = hasArgoExamples() ? 200 : 20;
  assert.ok(renames >= floor, `only ${renames} renames`);
});
