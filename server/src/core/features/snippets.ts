import type { Range } from '../types';
import type { CompletionEntry } from './complete';
import type { CursorContext } from './yaml-path';

/** Whole-template and whole-task snippets where a new list item of templates / tasks / steps starts. */
export function snippetsFor(path: readonly (string | number)[], ctx: CursorContext, replace: Range, templates: readonly string[]): CompletionEntry[] {
  const n = path.length;
  const inItem = typeof path[n - 1] === 'number';
  const listKey = inItem ? path[n - 2] : undefined;
  if (ctx.siblingKeys.size > 0 || !inItem) return [];
  const i = ' '.repeat(ctx.column);
  const choice = templates.length ? `\${2|${templates.map((t) => t.replace(/[,|]/g, '')).join(',')}|}` : '${2:template}';
  const snip = (label: string, detail: string, body: string): CompletionEntry => ({
    label,
    kind: 'snippet',
    detail,
    insertText: body,
    snippet: true,
    replace,
    sortText: `~${label}`,
  });
  if (listKey === 'templates') {
    return [
      snip(
        'container template',
        'a template that runs a container',
        `name: \${1:name}\n${i}container:\n${i}  image: \${2:alpine:3.20}\n${i}  command: [\${3:echo}]\n${i}  args: ["\${4:hello}"]`,
      ),
      snip(
        'script template',
        'a template that runs a script',
        `name: \${1:name}\n${i}script:\n${i}  image: \${2:python:3.12}\n${i}  command: [\${3:python}]\n${i}  source: |\n${i}    \${4:print("hello")}`,
      ),
      snip('dag template', 'a DAG of tasks', `name: \${1:name}\n${i}dag:\n${i}  tasks:\n${i}    - name: \${2:first}\n${i}      template: \${3:template}`),
      snip(
        'steps template',
        'sequential groups of parallel steps',
        `name: \${1:name}\n${i}steps:\n${i}  - - name: \${2:first}\n${i}      template: \${3:template}`,
      ),
      snip('suspend template', 'waits for a duration or a resume', `name: \${1:name}\n${i}suspend:\n${i}  duration: "\${2:60s}"`),
    ];
  }
  if (listKey === 'tasks') {
    return [snip('task', 'a DAG task', `name: \${1:name}\n${i}template: ${choice}\n${i}depends: \${3}`)];
  }
  if (typeof path[n - 2] === 'number' && path[n - 3] === 'steps') {
    return [snip('step', 'a step', `name: \${1:name}\n${i}template: ${choice}`)];
  }
  return [];
}
