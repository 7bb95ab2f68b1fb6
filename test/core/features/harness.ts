/**
 * One place that imports the feature functions (switch to the core's front door,
 * `server/src/core/features/index.ts`, once it exists) and the small helpers the feature tests share.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeText, type Analysis } from '../../../server/src/core/analyze';
import { complete, type CompletionEntry } from '../../../server/src/core/features/complete';
import { hover, type HoverInfo } from '../../../server/src/core/features/hover';
import { collectOccurrences, occurrenceAt, type Occurrence } from '../../../server/src/core/features/occurrences';
import { MapWorkspaceIndex, type WorkspaceIndex } from '../../../server/src/core/workspace/template-summary';
import { indexText } from '../../../server/src/core/workspace/index-texts';
import { REPO } from '../../helpers/paths';
import { withCursor } from '../../helpers/cursor';

export { analyzeText, complete, hover, collectOccurrences, occurrenceAt };
export type { Analysis, CompletionEntry, HoverInfo, Occurrence, WorkspaceIndex };
export { cursorContext, type CursorContext } from '../../../server/src/core/features/yaml-path';
export { definitionsOf, invalidNewName, renameConflict, renameEdits, sameSymbol } from '../../../server/src/core/features/navigation';
export { crossFileDefinition, isCrossFile, occurrencesElsewhere, type ReadFile } from '../../../server/src/core/features/cross-file';

/** A workspace index over `{uri: text}` (the files other than the one under test). */
export function workspaceOf(files: Readonly<Record<string, string>> = {}): MapWorkspaceIndex {
  const index = new MapWorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) for (const e of indexText(uri, text)) index.add(e);
  return index;
}

export const EMPTY_WORKSPACE: WorkspaceIndex = new MapWorkspaceIndex();

export interface CompletionAt {
  readonly text: string;
  readonly offset: number;
  readonly entries: CompletionEntry[];
  /** Labels in the order the feature returned them. */
  readonly labels: string[];
  /** The entry with this label (fails the test when absent). */
  get(label: string): CompletionEntry;
}

/** Completion at the `|` of `source` (the text is analysed as it is, as the editor does while typing). */
export function completeAt(source: string, workspace: WorkspaceIndex = EMPTY_WORKSPACE, cursor = '|'): CompletionAt {
  const { text, offset } = withCursor(source, cursor);
  const entries = complete(text, analyzeText(text, { workspace }), offset, workspace);
  return {
    text,
    offset,
    entries,
    labels: entries.map((e) => e.label),
    get(label: string): CompletionEntry {
      const e = entries.find((x) => x.label === label);
      assert.ok(e, `no completion "${label}" in [${entries.map((x) => x.label).join(', ')}]`);
      return e;
    },
  };
}

/** Hover at the `|` of `source`, with the text its range covers. */
export function hoverAt(
  source: string,
  workspace: WorkspaceIndex = EMPTY_WORKSPACE,
  cursor = '|',
): { text: string; info: HoverInfo | undefined; at: string | undefined } {
  const { text, offset } = withCursor(source, cursor);
  const info = hover(text, analyzeText(text, { workspace }), offset, workspace);
  return { text, info, at: info ? text.slice(info.range.start, info.range.end) : undefined };
}

const GOLDEN_DIR = join(REPO, 'test/fixtures/features/golden');

/**
 * Compares `actual` with test/fixtures/features/golden/<name>.json. With UPDATE_GOLDEN=1 the file is
 * (re)written instead; a missing file fails (so a golden is never created silently in CI).
 */
export function assertGolden(name: string, actual: unknown): void {
  const file = join(GOLDEN_DIR, `${name}.json`);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, json);
    return;
  }
  assert.ok(existsSync(file), `golden file ${file} is missing: run with UPDATE_GOLDEN=1 to write it`);
  const expected: unknown = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(JSON.parse(json), expected, `differs from golden ${name}.json (UPDATE_GOLDEN=1 rewrites it after review)`);
}
