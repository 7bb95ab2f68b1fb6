/**
 * Property: after any sequence of edits, what the editor shows (the worker's analysis, re-using the
 * previous tree where it can) equals a fresh parse of the same text (what a fresh open and the CLI
 * see). Edits include YAML directives (%YAML 1.1), document markers, values YAML 1.1 reads otherwise,
 * and edits inside list items (the incremental path).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';
import { WorkerDocuments } from '../../server/src/lsp/worker/worker-documents';
import { corpus, Rng } from '../helpers/corpus';

const SEED = 13;
const FILES = 80;
const EDITS = 6;

type Edit = { start: number; end: number; text: string };

/** One random edit of `text`. */
function randomEdit(rng: Rng, text: string): Edit {
  const lines = text.split('\n');
  const lineStart = (i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  const i = rng.int(lines.length);
  const at = lineStart(i);
  const line = lines[i];
  switch (rng.int(9)) {
    case 0:
      return text.startsWith('%YAML') ? { start: 0, end: text.indexOf('\n---\n') + 5, text: '' } : { start: 0, end: 0, text: '%YAML 1.1\n---\n' };
    case 1: {
      // A value YAML 1.1 reads otherwise than YAML 1.2.
      const m = /^(\s*(?:- )?[\w-]+: )(.+)$/.exec(line);
      if (!m) return { start: at + line.length, end: at + line.length, text: ' ' };
      return { start: at + m[1].length, end: at + line.length, text: rng.pick(['yes', 'no', 'on', '0o17', '017', '1_000', 'y', '"yes"']) };
    }
    case 2: {
      // Type a character in the middle of a line (often inside a list item: the incremental path).
      const c = rng.int(line.length + 1);
      return { start: at + c, end: at + c, text: rng.pick(['a', '-', ':', ' ', '{', '"', 'x1']) };
    }
    case 3: {
      // Delete a few characters.
      const c = rng.int(line.length + 1);
      return { start: at + c, end: Math.min(at + line.length, at + c + 1 + rng.int(4)), text: '' };
    }
    case 4:
      // Duplicate a line.
      return { start: at, end: at, text: `${line}\n` };
    case 5:
      // Delete a line.
      return { start: at, end: Math.min(text.length, at + line.length + 1), text: '' };
    case 6: {
      // Rename a word (a name, a template reference).
      const m = /[a-z][\w-]{2,}/.exec(line);
      return m ? { start: at + (m.index ?? 0), end: at + (m.index ?? 0) + m[0].length, text: `${m[0]}x` } : { start: at, end: at, text: '' };
    }
    case 7:
      return { start: text.length, end: text.length, text: rng.pick(['\n---\n', '\n...\n', '\n%TAG ! tag:x,2000:\n']) };
    default: {
      const c = rng.int(line.length + 1);
      return { start: at + c, end: at + c, text: rng.pick(['\n', '\n  ', '\n- ']) };
    }
  }
}

function view(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.range.start}-${f.range.end} ${f.code} ${f.severity} ${f.message}`).sort();
}

test(`incremental analysis after random edits equals a fresh parse (seed ${SEED}, ${FILES} files x ${EDITS} edits)`, () => {
  const rng = new Rng(SEED);
  const files = rng.sample(corpus(), FILES);
  assert.ok(files.length > 0, 'no corpus');
  let compared = 0;
  const failures: string[] = [];
  for (const f of files) {
    const docs = new WorkerDocuments();
    const uri = `file:///${f.name}`;
    let text = f.text;
    docs.sync(uri, 1, false, text, undefined);
    const first = docs.snapshot(uri);
    const wasArgo = first?.analysis.hasArgo ?? false;
    for (let v = 2; v < 2 + EDITS; v++) {
      const e = randomEdit(rng, text);
      const held = docs.snapshot(uri)?.doc;
      assert.ok(held);
      docs.sync(uri, v, false, undefined, [{ range: { start: held.positionAt(e.start), end: held.positionAt(e.end) }, text: e.text }]);
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
      const s = docs.snapshot(uri);
      assert.ok(s);
      assert.equal(s.text, text);
      const fresh = analyzeText(text, { assumeArgo: wasArgo || undefined });
      compared++;
      const a = view(s.analysis.findings);
      const b = view(fresh.findings);
      if (JSON.stringify(a) !== JSON.stringify(b) && failures.length < 5)
        failures.push(`${f.name} after edit ${v - 1} ${JSON.stringify(e)}:\n  editor: ${a.join('\n          ')}\n  fresh:  ${b.join('\n          ')}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${compared} versions differ`);
  assert.ok(compared >= Math.min(FILES, files.length) * EDITS);
});
