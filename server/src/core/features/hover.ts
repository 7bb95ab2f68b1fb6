import type { Analysis } from '../analyze';
import type { ArgoDocumentModel, TemplateModel } from '../model/types';
import { YamlAccess } from '../model/yaml-access';
import { schemaAt } from '../schema';
import type { ArgoKind, Range } from '../types';
import { lfView } from '../text';
import { scanTags } from '../variables/tags';
import { scopeAtOffset } from '../variables/scope';
import { summarizeTemplate, type TemplateSummary, type WorkspaceIndex } from '../workspace/template-summary';
import { collectOccurrences, occurrenceAt } from './occurrences';
import { decodeSymbolKey } from './symbol-key';
import { cursorContext } from './yaml-path';

export interface HoverInfo {
  /** Markdown. */
  readonly markdown: string;
  readonly range: Range;
}

/** Hover: a variable, a template/task/WorkflowTemplate reference, or the schema description of a key or value. */
export function hover(source: string, analysis: Analysis, offset: number, workspace: WorkspaceIndex): HoverInfo | undefined {
  const text = lfView(source);
  const d = analysis.documents.find((x) => x.model && x.parsed.range.start <= offset && offset <= x.parsed.range.end);
  const model = d?.model;
  if (!d || !model) return undefined;
  const y = new YamlAccess(d.parsed.doc, analysis.file.toOriginal);
  return hoverVariable(text, model, y, offset, workspace) ?? hoverReference(text, analysis, model, offset, workspace) ?? hoverSchema(text, model.kind, offset);
}

function hoverVariable(text: string, model: ArgoDocumentModel, y: YamlAccess, offset: number, workspace: WorkspaceIndex): HoverInfo | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const tag = scanTags(line).tags.find((t) => lineStart + t.start <= offset && offset <= lineStart + t.end);
  if (!tag || tag.expression) return undefined;
  const name = tag.inner.trim();
  const range = { start: lineStart + tag.innerStart, end: lineStart + tag.innerStart + name.length };
  const at = scopeAtOffset(model, y, workspace, offset);
  if (!at) return undefined;
  const parts = name.split('.');
  const t = at.template;
  let md: string | undefined;
  if (parts[0] === 'inputs' && parts[1] === 'parameters' && parts[2]) {
    const p = t.inputs.parameters.find((x) => x.name?.value === parts[2]);
    if (p)
      md = `**input parameter** \`${parts[2]}\` of template \`${t.name?.value ?? 'inline'}\`${p.default ? `\n\ndefault: \`${p.default.value}\`` : ''}${p.value ? `\n\nvalue: \`${p.value.value}\`` : ''}${p.enum ? `\n\none of: ${p.enum.map((e) => `\`${e.value}\``).join(', ')}` : ''}${p.description ? `\n\n${p.description.value}` : ''}`;
  } else if (parts[0] === 'workflow' && parts[1] === 'parameters' && parts[2]) {
    const p = model.spec?.arguments.parameters.find((x) => x.name?.value === parts[2]);
    if (p)
      md = `**workflow parameter** \`${parts[2]}\`${p.value ? `\n\nvalue: \`${p.value.value}\`` : ''}${p.enum ? `\n\none of: ${p.enum.map((e) => `\`${e.value}\``).join(', ')}` : ''}${p.description ? `\n\n${p.description.value}` : ''}`;
  } else if ((parts[0] === 'tasks' || parts[0] === 'steps') && parts[1]) {
    const sib = at.scope.siblings?.get(parts[1]);
    if (sib)
      md = `**${parts[0] === 'tasks' ? 'task' : 'step'}** \`${parts[1]}\`${sib.target ? `\n\n${describeTemplate(sib.target)}` : sib.call.templateRef ? `\n\ncalls \`${sib.call.templateRef.name?.value ?? '?'}/${sib.call.templateRef.template?.value ?? '?'}\` (not in the workspace)` : ''}`;
  } else if (parts[0] === 'item') {
    const loop = at.call?.loop;
    if (loop)
      md = `**loop item** of ${loop.kinds.join(', ')}${loop.itemCount !== undefined ? ` (${loop.itemCount} items)` : ''}${loop.param ? `\n\nfrom \`${loop.param.value}\`` : ''}`;
  } else if (parts[0] === 'workflow') md = `**workflow variable** \`${name}\``;
  else if (name === 'pod.name') md = '**pod.name**: the name of the pod that runs this template';
  return md ? { markdown: md, range } : undefined;
}

function hoverReference(text: string, analysis: Analysis, model: ArgoDocumentModel, offset: number, workspace: WorkspaceIndex): HoverInfo | undefined {
  const occ = occurrenceAt(collectOccurrences(text, analysis), offset);
  if (!occ) return undefined;
  if (occ.kind === 'template') {
    const t = model.spec?.templates.find((x) => x.name?.value === occ.name);
    if (t) return { markdown: `**template** \`${occ.name}\`\n\n${describeTemplate(summarizeTemplate(t))}`, range: occ.range };
  }
  if (occ.kind === 'workflow-template' || occ.kind === 'ref-template') {
    const key = decodeSymbolKey(occ.keys[0]);
    if (key?.kind !== 'workflow-template' && key?.kind !== 'ref-template') return undefined;
    const kind = key.templateKind;
    const wtName = key.kind === 'workflow-template' ? key.name : key.workflowTemplate;
    const tpl = key.kind === 'ref-template' ? key.template : '';
    const wt = workspace.find(wtName, kind === 'ClusterWorkflowTemplate');
    if (!wt) return { markdown: `**${kind}** \`${wtName}\`: not in the workspace; the cluster resolves it.`, range: occ.range };
    if (occ.kind === 'ref-template') {
      const t = wt.templates.find((x) => x.name === tpl);
      return {
        markdown: t ? `**template** \`${tpl}\` of ${kind} \`${wtName}\`\n\n${describeTemplate(t)}` : `${kind} \`${wtName}\` has no template \`${tpl}\``,
        range: occ.range,
      };
    }
    return {
      markdown: `**${kind}** \`${wtName}\`\n\ntemplates: ${wt.templates.map((t) => `\`${t.name}\``).join(', ')}${wt.parameters.length ? `\n\nparameters: ${wt.parameters.map((p) => `\`${p.name}\`${p.value !== undefined ? ` = \`${p.value}\`` : ''}`).join(', ')}` : ''}`,
      range: occ.range,
    };
  }
  if (occ.kind === 'task' || occ.kind === 'step') {
    const t = findTemplateContaining(model, offset);
    const call = t?.dag?.tasks.find((x) => x.name?.value === occ.name) ?? t?.steps?.flatMap((g) => g.steps).find((x) => x.name?.value === occ.name);
    if (call) {
      const callee = call.template ? model.spec?.templates.find((x) => x.name?.value === call.template?.value) : undefined;
      return {
        markdown: `**${occ.kind}** \`${occ.name}\`${call.template ? ` → template \`${call.template.value}\`` : ''}${callee ? `\n\n${describeTemplate(summarizeTemplate(callee))}` : ''}`,
        range: occ.range,
      };
    }
  }
  return undefined;
}

function findTemplateContaining(model: ArgoDocumentModel, offset: number): TemplateModel | undefined {
  return model.spec?.templates.find((t) => t.range.start <= offset && offset <= t.range.end);
}

export function describeTemplate(t: TemplateSummary): string {
  const inputs = t.inputParameters.map((p) => `\`${p.name}\`${p.optional ? (p.default !== undefined ? ` = \`${p.default}\`` : ' (optional)') : ' (required)'}`);
  const lines = [`${t.type ?? 'template'}`];
  if (inputs.length) lines.push(`inputs: ${inputs.join(', ')}`);
  if (t.inputArtifacts.length) lines.push(`input artifacts: ${t.inputArtifacts.map((a) => `\`${a.name}\``).join(', ')}`);
  if (t.outputParameters.length) lines.push(`outputs: ${t.outputParameters.map((p) => `\`${p}\``).join(', ')}`);
  if (t.outputArtifacts.length) lines.push(`output artifacts: ${t.outputArtifacts.map((a) => `\`${a}\``).join(', ')}`);
  return lines.join('\n\n');
}

/**
 * `key:` at the start of a line (after indentation and list markers). The key is read up to the first
 * ':' or '#' in one step (a lookahead and back-reference: no backtracking, linear on long white
 * space), then its trailing white space is dropped.
 */
const KEY_LINE = /^(\s*(?:-\s+)*)([^\s:#'"{}[\],](?=([^:#]*))\3):(?:\s|$)/;

function hoverSchema(text: string, kind: ArgoKind, offset: number): HoverInfo | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  const m = KEY_LINE.exec(line);
  if (!m) return undefined;
  m[2] = m[2].trimEnd();
  const keyStart = lineStart + m[1].length;
  const keyEnd = keyStart + m[2].length;
  const onKey = offset >= keyStart && offset <= keyEnd;
  const ctx = cursorContext(text, onKey ? keyStart : Math.max(offset, keyEnd + 1));
  const path = [...ctx.parentPath, m[2]];
  const info = schemaAt(kind, path);
  if (!info?.description && !info?.enum) return undefined;
  const enumLine = info.enum
    ? `\n\nallowed: ${info.enum
        .filter((v) => v !== '')
        .map((v) => `\`${String(v)}\``)
        .join(', ')}`
    : '';
  const type = info.type ? ` _(${Array.isArray(info.type) ? info.type.join(' | ') : String(info.type)})_` : '';
  return { markdown: `**${m[2]}**${type}\n\n${info.description ?? ''}${enumLine}`, range: { start: keyStart, end: keyEnd } };
}
