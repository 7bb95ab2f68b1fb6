import { isScalar } from 'yaml';
import type { CallModel, TemplateModel } from '../model/types';
import { allTemplates, callsOf, templateLabel } from '../model/walk';
import type { Fix, Range } from '../types';
import { endOfLine } from '../util/edits';
import { resolveCall } from '../workspace/resolve-call';
import type { TemplateSummary } from '../workspace/template-summary';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'missing-input-argument',
    severity: 'error',
    family: 'arguments',
    description:
      'A call does not pass an input parameter (or artifact) that the called template requires and has no default (Argo: inputs.parameters.x was not supplied).',
    example: "- name: a\n  template: print   # print needs 'message'",
  },
  {
    code: 'unknown-argument',
    severity: 'warning',
    family: 'arguments',
    description: 'A call passes a parameter or artifact that the called template does not declare as input.',
    example: 'arguments:\n  parameters: [{name: mesage, value: hi}]',
  },
];

export const inputRules: RuleFamily = {
  name: 'arguments',
  rules: RULES,
  check(ctx: RuleContext): void {
    const { model } = ctx;
    const spec = model.spec;
    if (!spec) return;
    for (const t of allTemplates(spec)) {
      for (const call of callsOf(t)) {
        const target = resolveCall(call, spec, ctx.workspace);
        if (target && target.kind !== 'inline') checkCall(ctx, t, call, target.summary);
      }
    }
    // The entrypoint of a Workflow/CronWorkflow gets its inputs from spec.arguments.
    if ((model.kind === 'Workflow' || model.kind === 'CronWorkflow') && spec.entrypoint && !spec.workflowTemplateRef) {
      const entry = spec.templates.find((x) => x.name?.value === spec.entrypoint?.value);
      if (entry) checkEntrypoint(ctx, entry);
    }
  },
};

function checkCall(ctx: RuleContext, t: TemplateModel, call: CallModel, target: TemplateSummary): void {
  const passed = new Set(call.arguments.parameters.map((p) => p.name?.value).filter((n): n is string => n !== undefined));
  const passedArtifacts = new Set(call.arguments.artifacts.map((a) => a.name?.value).filter((n): n is string => n !== undefined));
  const what = `${t.dag ? 'Task' : 'Step'} "${call.name?.value ?? '?'}"`;
  // On the call's `arguments` (where the fix goes), or on the call when it passes none.
  const at = ctx.y.keyRange(call.node, 'arguments') ?? call.template?.range ?? call.templateRef?.range ?? call.name?.range ?? call.range;
  const missing = target.inputParameters.filter((p) => !p.optional && !passed.has(p.name));
  if (missing.length > 0) {
    const names = missing.map((p) => p.name);
    ctx.report(
      'missing-input-argument',
      at,
      `${what} calls template "${target.name}" without ${names.map((n) => `"${n}"`).join(', ')}: inputs.parameters.${names[0]} was not supplied. Pass ${names.length > 1 ? 'them' : 'it'} in arguments.parameters.`,
      {
        fixes: addArgumentsFix(ctx, call, names),
      },
    );
  }
  for (const a of target.inputArtifacts) {
    if (!a.optional && !passedArtifacts.has(a.name)) {
      ctx.report(
        'missing-input-argument',
        at,
        `${what} calls template "${target.name}" without artifact "${a.name}": inputs.artifacts.${a.name} was not supplied.`,
      );
    }
  }
  const declared = new Set(target.inputParameters.map((p) => p.name));
  for (const p of call.arguments.parameters) {
    if (p.name && !declared.has(p.name.value) && !p.name.value.includes('{{')) {
      ctx.report(
        'unknown-argument',
        p.name.range,
        `Template "${target.name}" has no input parameter "${p.name.value}"${declared.size > 0 ? ` (it takes ${[...declared].join(', ')})` : ''}; Argo ignores this argument.`,
      );
    }
  }
  const declaredArtifacts = new Set(target.inputArtifacts.map((a) => a.name));
  for (const a of call.arguments.artifacts) {
    if (a.name && !declaredArtifacts.has(a.name.value)) {
      ctx.report('unknown-argument', a.name.range, `Template "${target.name}" has no input artifact "${a.name.value}"; Argo ignores this argument.`);
    }
  }
}

function checkEntrypoint(ctx: RuleContext, entry: TemplateModel): void {
  const spec = ctx.model.spec;
  if (!spec) return;
  const passed = new Set(spec.arguments.parameters.map((p) => p.name?.value));
  for (const p of entry.inputs.parameters) {
    const name = p.name?.value;
    if (!name || passed.has(name)) continue;
    const optional = p.value !== undefined || p.default !== undefined || p.valueFromKeys.includes('configMapKeyRef') || p.valueFromKeys.includes('default');
    if (!optional) {
      ctx.report(
        'missing-input-argument',
        spec.entrypoint?.range ?? p.name?.range ?? p.range,
        `The entrypoint "${templateLabel(entry)}" needs input parameter "${name}", which spec.arguments.parameters does not supply (Argo: inputs.parameters.${name} was not supplied).`,
      );
    }
  }
}

/** Adds `- name: X\n  value: ""` items to the call's block-style arguments (or creates the block). */
function addArgumentsFix(ctx: RuleContext, call: CallModel, names: string[]): Fix[] | undefined {
  const { y, text } = ctx;
  const argsMap = y.getMap(call.node, 'arguments');
  const paramsSeq = y.getSeq(argsMap, 'parameters');
  const lineIndent = (offset: number): string => {
    const ls = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ ]*/.exec(text.slice(ls))?.[0] ?? '';
  };
  if (paramsSeq && !paramsSeq.flow && paramsSeq.items.length > 0) {
    const last = y.range(paramsSeq.items[paramsSeq.items.length - 1]);
    const firstItem = y.range(paramsSeq.items[0]);
    const dashIndent = lineIndent(firstItem.start);
    const insertAt = endOfLine(text, Math.max(last.end - 1, last.start));
    const newText = names.map((n) => `\n${dashIndent}- name: ${n}\n${dashIndent}  value: ""`).join('');
    return [
      { title: `Add the missing argument${names.length > 1 ? 's' : ''} ${names.join(', ')}`, edits: [{ range: { start: insertAt, end: insertAt }, newText }] },
    ];
  }
  if (argsMap || !call.node.items.length || call.node.flow) return undefined;
  const firstKey = y.range(call.node.items[0].key);
  const keyIndent = ' '.repeat(firstKey.start - (text.lastIndexOf('\n', firstKey.start - 1) + 1));
  const title = `Add the missing argument${names.length > 1 ? 's' : ''} ${names.join(', ')}`;
  const body = names.map((n) => `\n${keyIndent}    - name: ${n}\n${keyIndent}      value: ""`).join('');
  const emptyKey = y.keyRange(call.node, 'arguments');
  if (emptyKey) {
    // `arguments:` with no value: fill it in place (a second key would be a duplicate).
    const v = y.get(call.node, 'arguments');
    if (v && !(isScalar(v) && (v.value === null || v.value === ''))) return undefined;
    return [
      { title, edits: [{ range: { start: emptyKey.start, end: endOfLine(text, emptyKey.end) }, newText: `arguments:\n${keyIndent}  parameters:${body}` }] },
    ];
  }
  const lastPair = call.node.items[call.node.items.length - 1];
  const lastEnd = y.range(lastPair.value ?? lastPair.key).end;
  const insertAt = endOfLine(text, Math.max(lastEnd - 1, firstKey.start));
  const range: Range = { start: insertAt, end: insertAt };
  return [{ title, edits: [{ range, newText: `\n${keyIndent}arguments:\n${keyIndent}  parameters:${body}` }] }];
}
