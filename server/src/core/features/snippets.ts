import type { Range } from '../types';
import type { CompletionEntry } from './complete';
import type { CursorContext } from './yaml-path';

/** What the snippets need to know about the place: the document's templates, the template and DAG at the cursor. */
export interface SnippetPlace {
  readonly path: readonly (string | number)[];
  readonly ctx: CursorContext;
  readonly replace: Range;
  /** Every template name of the document. */
  readonly templates: readonly string[];
  /** The input parameters each template requires (no default, no value), by template name. */
  readonly required?: ReadonlyMap<string, readonly string[]>;
  /** The template that holds the cursor (a task calling it would recurse: it is not offered). */
  readonly enclosing?: string;
  /** Names of the tasks of the DAG at the cursor (or the steps of the steps template), in order. */
  readonly siblings: readonly string[];
  /** The DAG writes its dependencies as `dependencies: [...]` (Argo rejects mixing it with `depends`). */
  readonly dependenciesStyle?: boolean;
}

const LIST_KEYS = new Set(['templates', 'tasks', 'steps']);

/**
 * Whole-template, whole-task and whole-step snippets where a user starts one: in a new list item
 * (`- |`), or at the start of a line under `templates:` / `tasks:` / `steps:` (the snippet brings its
 * own `- `). The text is absolute (the language server makes it relative to the line for the editor).
 */
export function snippetsFor(place: SnippetPlace): CompletionEntry[] {
  const { path, ctx } = place;
  if (ctx.inValue || ctx.siblingKeys.size > 0) return [];
  const n = path.length;
  const last = path[n - 1];
  let listKey: string | undefined;
  let dash = '';
  let col = ctx.column;
  if (typeof last === 'number') {
    // `- |` (or `- - |`): the item's keys start at the cursor's column.
    listKey = typeof path[n - 2] === 'number' && path[n - 3] === 'steps' ? 'step' : String(path[n - 2]);
    if (listKey === 'steps') {
      // `steps:` then `- |`: the item is a parallel group (a list), whose first step starts here.
      listKey = 'step';
      dash = '- ';
      col = ctx.column + dash.length;
    }
  } else if (typeof last === 'string' && LIST_KEYS.has(last)) {
    // A line under the list key with no dash yet: the snippet starts the item.
    listKey = last === 'steps' ? 'step-group' : last;
    dash = last === 'steps' ? '- - ' : '- ';
    col = ctx.column + dash.length;
  }
  if (!listKey) return [];
  const i = ' '.repeat(col);
  const snip = (label: string, detail: string, body: string): CompletionEntry => ({
    label,
    kind: 'snippet',
    detail,
    insertText: `${dash}${body}`,
    snippet: true,
    replace: place.replace,
    sortText: `~${label}`,
  });
  if (listKey === 'templates') {
    const name = `\${1:${uniqueName('template', place.templates)}}`;
    const inner = calleeChoice(callable(place.templates), 3, place.required);
    return [
      snip(
        'container template',
        'a template that runs a container',
        `name: ${name}\n${i}container:\n${i}  image: \${2:alpine:3.20}\n${i}  command: [\${3:echo}]\n${i}  args: ["\${4:hello}"]`,
      ),
      snip(
        'script template',
        'a template that runs a script',
        `name: ${name}\n${i}script:\n${i}  image: \${2:python:3.12}\n${i}  command: [\${3:python}]\n${i}  source: |\n${i}    \${4:print("hello")}`,
      ),
      snip('dag template', 'a DAG of tasks', `name: ${name}\n${i}dag:\n${i}  tasks:\n${i}    - name: \${2:first}\n${i}      template: ${inner}`),
      snip('steps template', 'sequential groups of parallel steps', `name: ${name}\n${i}steps:\n${i}  - - name: \${2:first}\n${i}      template: ${inner}`),
      snip('suspend template', 'waits for a duration or a resume', `name: ${name}\n${i}suspend:\n${i}  duration: "\${2:60s}"`),
    ];
  }
  const taskName = `\${1:${uniqueName(listKey === 'tasks' ? 'task' : 'step', place.siblings)}}`;
  const previous = listKey === 'tasks' ? place.siblings[place.siblings.length - 1] : undefined;
  const callees = callable(place.templates, place.enclosing).slice(0, 12);
  const what = listKey === 'tasks' ? 'task' : 'step';
  if (callees.length === 0) {
    // Nothing else to call yet: a placeholder to type over.
    const depends = previous ? dependsLine(i, previous, 3, place.dependenciesStyle) : '';
    return [snip(what, `a DAG ${what}`.replace('DAG step', 'step'), `name: ${taskName}\n${i}template: \${2:template}${depends}`)];
  }
  // One snippet per template to call, with the arguments it requires: accepted as is, it is valid.
  return callees.map((callee) => {
    let n = 2;
    const args = place.required?.get(callee) ?? [];
    const argLines = args.length
      ? `\n${i}arguments:\n${i}  parameters:${args.map((a) => `\n${i}    - name: ${a}\n${i}      value: "\${${n++}}"`).join('')}`
      : '';
    const depends = previous ? dependsLine(i, previous, n++, place.dependenciesStyle) : '';
    return snip(
      `${what} ${callee}`,
      `a ${listKey === 'tasks' ? 'DAG task' : 'step'} calling "${callee}"`,
      `name: ${taskName}\n${i}template: ${callee}${argLines}${depends}`,
    );
  });
}

/** The dependency on the task above, in the DAG's own style. */
function dependsLine(indent: string, previous: string, tabstop: number, dependenciesStyle: boolean | undefined): string {
  return dependenciesStyle ? `\n${indent}dependencies: [\${${tabstop}:${previous}}]` : `\n${indent}depends: "\${${tabstop}:${previous}}"`;
}

/** The templates a new call may name: valid names (safe in snippet text), not the enclosing one (calling it recurses). */
function callable(templates: readonly string[], enclosing?: string): string[] {
  return templates.filter((t) => t && t !== enclosing && /^[\w-]+$/.test(t));
}

/** A choice of `callees` (those needing no arguments first), or a placeholder when there are none. */
function calleeChoice(callees: readonly string[], tabstop: number, required?: ReadonlyMap<string, readonly string[]>): string {
  // Templates that need no arguments first: the first choice is what an accepted snippet calls.
  const needs = (t: string): number => required?.get(t)?.length ?? 0;
  const names = [...callees].sort((a, b) => needs(a) - needs(b));
  if (names.length === 0) return `\${${tabstop}:template}`;
  return `\${${tabstop}|${names.join(',')}|}`;
}

/** `base-N` with the smallest N not taken (N from 1). */
function uniqueName(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
