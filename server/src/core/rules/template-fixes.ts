import type { DagTaskModel, SpecModel } from '../model/types';
import { allTemplates, callsOf } from '../model/walk';
import type { Fix } from '../types';
import type { YamlAccess } from '../model/yaml-access';
import type { RuleContext } from './rule';

/** A fix that appends a stub container template named `name` to spec.templates, with the inputs its callers pass. */
export function createTemplateStubFix(ctx: RuleContext, spec: SpecModel, name: string): Fix | undefined {
  const { y, text } = ctx;
  const seq = y.getSeq(spec.node, 'templates');
  if (!seq || seq.flow || seq.items.length === 0) return undefined;
  const first = y.range(seq.items[0]);
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  const dash = text.slice(lineStart, first.start);
  if (!/^\s*-\s+$/.test(dash)) return undefined;
  const indent = ' '.repeat(dash.length);
  const dashIndent = dash.replace(/-\s+$/, '');
  const last = y.range(seq.items[seq.items.length - 1]);
  let eol = text.indexOf('\n', Math.max(last.end - 1, last.start));
  if (eol < 0) eol = text.length;
  const params = new Set<string>();
  const artifacts = new Set<string>();
  const outParams = new Set<string>();
  const outArtifacts = new Set<string>();
  for (const t of allTemplates(spec))
    for (const call of callsOf(t)) {
      if (call.template?.value !== name) continue;
      for (const p of call.arguments.parameters) if (p.name) params.add(p.name.value);
      for (const a of call.arguments.artifacts) if (a.name) artifacts.add(a.name.value);
      // The outputs its callers read (`{{steps.NAME.outputs.parameters.X}}`, `tasks.NAME...`).
      const callName = call.name?.value;
      if (!callName || !/^[\w-]+$/.test(callName)) continue;
      for (const m of text.matchAll(new RegExp(`(?:steps|tasks)\\.${callName}\\.outputs\\.(parameters|artifacts)\\.([\\w-]+)`, 'g')))
        (m[1] === 'parameters' ? outParams : outArtifacts).add(m[2]);
    }
  const safe = (n: string): boolean => /^[\w-]+$/.test(n);
  let inputs = '';
  if ([...params, ...artifacts].some((n) => !safe(n))) return undefined;
  if (params.size > 0 || artifacts.size > 0) {
    inputs = `\n${indent}inputs:`;
    if (params.size > 0) inputs += `\n${indent}  parameters:${[...params].map((n) => `\n${indent}    - name: ${n}`).join('')}`;
    if (artifacts.size > 0)
      inputs += `\n${indent}  artifacts:${[...artifacts].map((n) => `\n${indent}    - name: ${n}\n${indent}      path: /tmp/${n}`).join('')}`;
  }
  if (outParams.size > 0 || outArtifacts.size > 0) {
    inputs += `\n${indent}outputs:`;
    if (outParams.size > 0)
      inputs += `\n${indent}  parameters:${[...outParams].map((n) => `\n${indent}    - name: ${n}\n${indent}      valueFrom: {path: /tmp/${n}}`).join('')}`;
    if (outArtifacts.size > 0)
      inputs += `\n${indent}  artifacts:${[...outArtifacts].map((n) => `\n${indent}    - name: ${n}\n${indent}      path: /tmp/${n}`).join('')}`;
  }
  const body = `\n${dashIndent}- name: ${name}${inputs}\n${indent}container:\n${indent}  image: alpine:3.20\n${indent}  command: [echo, "${name}"]`;
  return { title: `Create template "${name}"`, edits: [{ range: { start: eol, end: eol }, newText: body }] };
}

/** A fix that rewrites `dependencies: [a, b]` as `depends: "a && b"` (same meaning without continueOn). */
export function dependenciesToDependsFix(y: YamlAccess, task: DagTaskModel): Fix | undefined {
  const pair = y.pair(task.node, 'dependencies');
  if (!pair || !task.dependencies || task.depends) return undefined;
  const range = y.pairRange(pair);
  const names = task.dependencies.map((d) => d.value);
  const expr = names.join(' && ');
  return { title: 'Convert "dependencies" to "depends"', edits: [{ range, newText: `depends: ${names.length > 1 ? JSON.stringify(expr) : expr}` }] };
}
