import type { Analysis } from '../analyze';
import { TASK_RESULTS } from '../expr/depends-parser';
import { YamlAccess } from '../model/yaml-access';
import { schemaAt } from '../schema';
import type { ArgoKind, Range } from '../types';
import { lfView } from '../text';
import { scopeAtOffset } from '../variables/scope';
import type { WorkspaceIndex } from '../workspace/template-summary';
import { snippetsFor } from './snippets';
import { variableCandidates } from './variable-candidates';
import { cursorContext, type CursorContext } from './yaml-path';

export type CompletionKind = 'property' | 'value' | 'enum' | 'template' | 'task' | 'variable' | 'snippet' | 'reference' | 'parameter';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  /** Text to insert (a snippet with ${1} placeholders when `snippet`). */
  readonly insertText: string;
  readonly snippet?: boolean;
  /** The range the insertion replaces (in the editor's replace mode too). It never reaches past the cursor except inside an existing `{{...}}` tag. */
  readonly replace: Range;
  /** The range for the editor's insert mode when it differs from `replace` (ends at the cursor). */
  readonly insert?: Range;
  readonly sortText?: string;
}

/** Completion at an offset: variables after `{{`, names after `template:` / in dependencies / depends, schema keys and enum values. */
export function complete(source: string, analysis: Analysis | undefined, offset: number, workspace: WorkspaceIndex): CompletionEntry[] {
  const text = lfView(source);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const open = before.lastIndexOf('{{');
  if (open >= 0 && before.indexOf('}}', open) < 0) return completeVariable(text, analysis, offset, lineStart + open, workspace);
  const ctx = cursorContext(text, offset);
  const kind = documentKind(text, ctx.documentStart);
  if (!kind) return [];
  const doc = analysis?.documents.find((d) => d.model && d.parsed.range.start <= offset && offset <= d.parsed.range.end + 1)?.model;
  const templateNames = (doc?.spec?.templates ?? []).map((t) => t.name?.value).filter((n): n is string => n !== undefined);
  const replace: Range = { start: ctx.prefixStart, end: offset };
  const path = ctx.parentPath;
  const last = path[path.length - 1];
  const inList = typeof last === 'number';
  const parentKey = [...path].reverse().find((s) => typeof s === 'string');
  if (ctx.inValue && ctx.key) {
    const key = ctx.key;
    if (parentKey === 'templateRef' || parentKey === 'workflowTemplateRef') {
      const cluster = ctx.siblingValues.get('clusterScope') === 'true';
      if (key === 'name')
        return workspace
          .all()
          .filter((w) => (w.kind === 'ClusterWorkflowTemplate') === cluster)
          .map((w) => entry(w.name, 'reference', replace, `${w.kind} (${w.templates.length} templates)`));
      if (key === 'template' && parentKey === 'templateRef') {
        const wt = workspace.find(ctx.siblingValues.get('name') ?? '', cluster);
        return (wt?.templates ?? []).map((t) => entry(t.name, 'template', replace, describeInputs(t.inputParameters.map((p) => p.name))));
      }
    }
    if (key === 'template' || key === 'entrypoint' || key === 'onExit') {
      return (doc?.spec?.templates ?? [])
        .filter((t) => t.name)
        .map((t) =>
          entry(
            t.name?.value ?? '',
            'template',
            replace,
            `${t.type ?? 'template'}${t.inputs.parameters.length ? ` (${t.inputs.parameters.map((p) => p.name?.value).join(', ')})` : ''}`,
          ),
        );
    }
    if (key === 'dependencies' || key === 'depends') return completeTaskNames(analysis, offset, ctx.prefix, ctx, key === 'depends');
    if (key === 'name' && path.includes('arguments')) return completeArgumentNames(analysis, offset, replace, workspace);
    const info = schemaAt(kind, [...path, key]);
    const values = info?.enum?.filter((v) => v !== '').map(String) ?? [];
    if (values.length === 0 && (info?.type === 'boolean' || (Array.isArray(info?.type) && info.type.includes('boolean')))) values.push('true', 'false');
    return values.map((v) => entry(v, 'enum', replace, info?.description?.split('\n')[0]));
  }
  if (inList && path[path.length - 2] === 'dependencies') return completeTaskNames(analysis, offset, ctx.prefix, ctx, false);
  // Keys of the mapping at the cursor.
  const info = schemaAt(kind, path);
  const out: CompletionEntry[] = [];
  const indent = ' '.repeat(ctx.column);
  for (const [name, p] of info?.properties ?? []) {
    if (ctx.siblingKeys.has(name)) continue;
    const types = p.type === undefined ? [] : Array.isArray(p.type) ? p.type : [p.type];
    const tail = types.length === 1 && types[0] === 'object' ? `:\n${indent}  ` : types.length === 1 && types[0] === 'array' ? `:\n${indent}  - ` : ': ';
    out.push({
      label: name,
      kind: 'property',
      detail: p.required ? 'required' : undefined,
      documentation: p.description,
      insertText: `${name}${tail}`,
      replace,
      sortText: `${p.required ? '0' : '1'}${name}`,
    });
  }
  // The template at the cursor: the last one that starts before it (a blank line being typed on is past its range).
  const enclosing = doc?.spec?.templates.filter((t) => t.range.start <= offset).pop();
  const siblings = enclosing?.dag ? enclosing.dag.tasks.map((x) => x.name?.value) : (enclosing?.steps ?? []).flatMap((g) => g.steps.map((x) => x.name?.value));
  out.push(
    ...snippetsFor({
      path,
      ctx,
      replace,
      templates: templateNames,
      required: new Map(
        (doc?.spec?.templates ?? [])
          .filter((t) => t.name)
          .map((t) => [t.name?.value ?? '', t.inputs.parameters.filter((p) => p.name && !p.default && !p.value).map((p) => p.name?.value ?? '')]),
      ),
      enclosing: enclosing?.name?.value,
      dependenciesStyle: (enclosing?.dag?.tasks.some((t) => t.dependencies) ?? false) && !(enclosing?.dag?.tasks.some((t) => t.depends) ?? false),
      siblings: siblings.filter((n): n is string => n !== undefined),
    }),
  );
  return out;
}

function entry(label: string, kind: CompletionKind, replace: Range, detail?: string): CompletionEntry {
  return { label, kind, detail, insertText: label, replace };
}

function describeInputs(names: readonly string[]): string {
  return names.length ? `inputs: ${names.join(', ')}` : 'no inputs';
}

function documentKind(text: string, start: number): ArgoKind | undefined {
  const nextDoc = text.indexOf('\n---', start);
  const slice = text.slice(start, nextDoc < 0 ? text.length : nextDoc);
  const m = /^kind:\s*["']?(Workflow|WorkflowTemplate|ClusterWorkflowTemplate|CronWorkflow)\b/m.exec(slice);
  return m ? (m[1] as ArgoKind) : undefined;
}

function completeTaskNames(analysis: Analysis | undefined, offset: number, prefix: string, ctx: CursorContext, depends: boolean): CompletionEntry[] {
  const doc = analysis?.documents.find((d) => d.model && d.parsed.range.start <= offset && offset <= d.parsed.range.end + 1)?.model;
  const t = doc?.spec?.templates.find((x) => x.dag && x.range.start <= offset && offset <= x.range.end);
  const tasks = t?.dag?.tasks ?? [];
  // The task at the cursor, from the model (a block list item's own mapping knows neither the name nor the other items).
  const here = tasks.find((x) => x.range.start <= offset && offset <= x.range.end);
  const self = here?.name?.value ?? ctx.siblingValues.get('name');
  if (depends) {
    const result = /([\w-]+)\.(\w*)$/.exec(prefix);
    if (result) {
      const replace = { start: offset - result[2].length, end: offset };
      const looped = tasks.find((x) => x.name?.value === result[1])?.loop !== undefined;
      // Loop-only results are errors on a task without a loop: offer them last there, first-class on a loop.
      return TASK_RESULTS.map((r, i) => {
        const loopOnly = r === 'AnySucceeded' || r === 'AllFailed';
        const e = entry(
          r,
          'enum',
          replace,
          loopOnly ? (looped ? 'the task loop result' : 'the task loop result (only for a task with a loop)') : 'the task result',
        );
        return { ...e, sortText: `${loopOnly && !looped ? '1' : '0'}${String(i).padStart(2, '0')}` };
      });
    }
  }
  const word = /([\w-]*)$/.exec(prefix)?.[1] ?? '';
  const replace = { start: offset - word.length, end: offset };
  const taken = new Set((here?.dependencies ?? []).filter((d) => d.range.end < replace.start || d.range.start > offset).map((d) => d.value));
  if (ctx.inValue) for (const w of prefix.slice(0, prefix.length - word.length).split(/[^\w-]+/)) if (w) taken.add(w);
  return tasks
    .filter((x) => x.name && x.name.value !== self && !taken.has(x.name.value))
    .map((x) => entry(x.name?.value ?? '', 'task', replace, x.template ? `→ ${x.template.value}` : undefined));
}

function completeArgumentNames(analysis: Analysis | undefined, offset: number, replace: Range, workspace: WorkspaceIndex): CompletionEntry[] {
  const d = analysis?.documents.find((x) => x.model && x.parsed.range.start <= offset && offset <= x.parsed.range.end + 1);
  if (!d?.model) return [];
  const y = new YamlAccess(d.parsed.doc, analysis?.file.toOriginal ?? ((o: number) => o));
  const at = scopeAtOffset(d.model, y, workspace, offset);
  const call = at?.call;
  if (!call) return [];
  const callee = call.template ? d.model.spec?.templates.find((t) => t.name?.value === call.template?.value) : undefined;
  const fromRef = call.templateRef
    ? workspace.find(call.templateRef.name?.value ?? '', call.templateRef.clusterScope)?.templates.find((t) => t.name === call.templateRef?.template?.value)
    : undefined;
  const inputs = callee
    ? callee.inputs.parameters.map((p) => ({ name: p.name?.value ?? '', def: p.default?.value }))
    : (fromRef?.inputParameters ?? []).map((p) => ({ name: p.name, def: p.default }));
  const passed = new Set(call.arguments.parameters.map((p) => p.name?.value));
  return inputs
    .filter((p) => p.name && !passed.has(p.name))
    .map((p) => entry(p.name, 'parameter', replace, p.def !== undefined ? `default: ${p.def}` : 'required'));
}

function completeVariable(text: string, analysis: Analysis | undefined, offset: number, openAt: number, workspace: WorkspaceIndex): CompletionEntry[] {
  const typed = text.slice(openAt + 2, offset);
  const m = /^=?\s*/.exec(typed);
  const lead = m ? m[0].length : 0;
  const expression = typed.startsWith('=');
  const word = expression ? (/([\w.]*)$/.exec(typed)?.[1] ?? '') : typed.slice(lead);
  const start = offset - word.length;
  // Inside an existing tag (`{{workflow.na|me}}`) the rest of the name may be replaced (the editor's replace mode);
  // anywhere else only what was typed is: the text after the cursor is the user's.
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w.-]/.test(text[wordEnd])) wordEnd++;
  const inTag = /^\s*\}\}/.test(text.slice(wordEnd, wordEnd + 200));
  const end = inTag ? wordEnd : offset;
  const d = analysis?.documents.find((x) => x.model && x.parsed.range.start <= offset && offset <= x.parsed.range.end + 1);
  if (!d?.model) return [];
  const y = new YamlAccess(d.parsed.doc, analysis?.file.toOriginal ?? ((o: number) => o));
  const at = scopeAtOffset(d.model, y, workspace, offset);
  if (!at) return [];
  const close = inTag || /^\s*\}\}/.test(text.slice(offset, offset + 200)) ? '' : '}}';
  return variableCandidates(at.scope).map((c) => ({
    label: c.name,
    kind: 'variable' as const,
    detail: c.needsDependency ? `${c.detail} (adds a dependency)` : c.detail,
    insertText: expression ? c.name : `${c.name}${close}`,
    replace: { start, end },
    ...(end !== offset ? { insert: { start, end: offset } } : {}),
    sortText: `${c.needsDependency ? '1' : '0'}${c.name}`,
  }));
}
