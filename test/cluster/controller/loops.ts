// withItems / withParam / withSequence expansion shared by steps and DAG tasks.

import type { JsonValue } from '../emulator/types.js';
import { expandItem, sequenceItems, substitute } from './substitute.js';
import type { WorkflowStep } from './wf-types.js';

export function shouldExpand(s: WorkflowStep): boolean {
  return s.withItems !== undefined || (s.withParam !== undefined && s.withParam !== '') || s.withSequence !== undefined;
}

/** Expands one step/task into its loop instances (or returns it alone). Throws on a bad withParam. */
export function expandLoop<T extends WorkflowStep>(s: T): T[] {
  if (!shouldExpand(s)) return [s];
  let items: JsonValue[];
  if (s.withItems !== undefined) items = s.withItems;
  else if (s.withSequence !== undefined) items = sequenceItems(s.withSequence);
  else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s.withParam ?? '');
    } catch (e) {
      throw new Error(`withParam value could not be parsed as a JSON list: ${(s.withParam ?? '').trim()}: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
    if (!Array.isArray(parsed)) throw new Error(`withParam value could not be parsed as a JSON list: ${(s.withParam ?? '').trim()}`);
    items = parsed as JsonValue[];
  }
  const { withItems: _i, withParam: _p, withSequence: _s, ...rest } = s;
  return items.map((item, i) => {
    const { name, scope } = expandItem(s.name, i, item);
    const out = substitute(rest, scope) as T;
    out.name = name;
    out.template = s.template;
    return out;
  });
}
