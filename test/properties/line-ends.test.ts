/**
 * Property: a file with CRLF line ends (Windows) gets the same findings, completion and hover as the
 * same file with LF, at every sampled position (positions compared as line and column).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { complete, hover } from '../../server/src/core/features';
import { LineIndex } from '../../server/src/core/text';
import { MapWorkspaceIndex } from '../../server/src/core/workspace';
import { corpus, Rng } from '../helpers/corpus';

const SEED = 7;
const FILES = 120;
const POSITIONS = 25;

function lineCol(index: LineIndex, offset: number): string {
  const p = index.positionAt(offset);
  return `${p.line}:${p.character}`;
}

test(`LF and CRLF give the same findings, completion and hover (seed ${SEED}, ${FILES} files x ${POSITIONS} positions)`, () => {
  const rng = new Rng(SEED);
  const files = rng.sample(
    corpus().filter((f) => !f.text.includes('\r')),
    FILES,
  );
  const ws = new MapWorkspaceIndex();
  let positions = 0;
  let findings = 0;
  const failures: string[] = [];
  const fail = (s: string): void => {
    if (failures.length < 8) failures.push(s);
  };
  for (const f of files) {
    const lf = f.text;
    const crlf = lf.replace(/\n/g, '\r\n');
    const il = new LineIndex(lf);
    const ic = new LineIndex(crlf);
    const al = analyzeText(lf);
    const ac = analyzeText(crlf);
    const fl = al.findings.map((x) => `${lineCol(il, x.range.start)} ${x.code} ${x.message}`).sort();
    const fc = ac.findings.map((x) => `${lineCol(ic, x.range.start)} ${x.code} ${x.message}`).sort();
    findings += fl.length;
    if (JSON.stringify(fl) !== JSON.stringify(fc)) fail(`${f.name} findings:\n  LF:   ${fl.join(' | ')}\n  CRLF: ${fc.join(' | ')}`);
    const lines = lf.split('\n');
    for (let k = 0; k < POSITIONS; k++) {
      const line = rng.int(lines.length);
      const character = rng.int(lines[line].length + 1);
      const ol = il.offsetAt({ line, character });
      const oc = ic.offsetAt({ line, character });
      positions++;
      const cl = complete(lf, al, ol, ws).map((e) => `${e.label}@${lineCol(il, e.replace.start)}-${lineCol(il, e.replace.end)}=${e.insertText}`);
      const cc = complete(crlf, ac, oc, ws).map((e) => `${e.label}@${lineCol(ic, e.replace.start)}-${lineCol(ic, e.replace.end)}=${e.insertText}`);
      if (JSON.stringify(cl) !== JSON.stringify(cc))
        fail(
          `${f.name} completion at ${line}:${character}: LF ${cl.length} items, CRLF ${cc.length}: ${cl.slice(0, 3).join(', ')} / ${cc.slice(0, 3).join(', ')}`,
        );
      const hl = hover(lf, al, ol, ws);
      const hc = hover(crlf, ac, oc, ws);
      const hs = (h: typeof hl, idx: LineIndex): string => (h ? `${lineCol(idx, h.range.start)}-${lineCol(idx, h.range.end)} ${h.markdown}` : '');
      if (hs(hl, il) !== hs(hc, ic)) fail(`${f.name} hover at ${line}:${character}:\n  LF:   ${hs(hl, il).slice(0, 120)}\n  CRLF: ${hs(hc, ic).slice(0, 120)}`);
    }
  }
  assert.deepEqual(failures, [], `differences (${positions} positions, ${findings} findings compared)`);
  assert.ok(positions >= Math.min(FILES, files.length) * POSITIONS);
});
