import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { CallModel, TemplateModel } from '../model/types';
import { templateLabel } from '../model/walk';
import { suggest } from '../util/suggest';
import type { TemplateSummary } from '../workspace/template-summary';
import type { WorkflowGlobals } from './globals';

/** Everything a `{{...}}` can see at one place of a document. */
export interface VarScope {
  readonly globals: WorkflowGlobals;
  /** The template whose body (or whose task/step) the string is in. */
  readonly template: TemplateModel;
  /** When the string is in a task or step: that call. */
  readonly call: CallModel | undefined;
  /** Tasks of the enclosing DAG, or steps of the enclosing steps template, by name. */
  readonly siblings: ReadonlyMap<string, SiblingCall> | undefined;
  /** In a DAG: whether task `a` is an ancestor of the current task. */
  readonly isAncestor: ((name: string) => boolean) | undefined;
  /** In a steps template: where the current step sits; undefined in the template's outputs (all steps done). */
  readonly stepPosition: { readonly group: number; readonly index: number } | undefined;
}

export interface SiblingCall {
  readonly call: CallModel;
  readonly group: number;
  readonly index: number;
  /** What it calls, when known (undefined: an unresolved templateRef; anything goes). */
  readonly target: TemplateSummary | undefined;
  readonly resolved: boolean;
}

export type Resolution =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'unresolved-variable' | 'missing-dependency' | 'variable-not-available';
      readonly reason: string;
      readonly suggestion?: string;
      readonly dependency?: string;
    };

const OK: Resolution = { ok: true };
const RESULT_TYPES = new Set(['container', 'script', 'data', 'http', 'plugin', 'containerSet']);
const POD_TYPES = new Set(['container', 'containerSet', 'script', 'resource', 'data']);
const LEAF_TYPES = new Set(['container', 'containerSet', 'script', 'resource', 'data', 'http', 'plugin']);
/** The prefixes Argo's validator checks; anything else is never reported by `argo lint`. */
export const CHECKED_PREFIXES = ['item.', 'steps.', 'inputs.', 'outputs.', 'pod.', 'workflow.', 'tasks.'];

function fail(
  code: 'unresolved-variable' | 'missing-dependency' | 'variable-not-available',
  reason: string,
  suggestion?: string,
  dependency?: string,
): Resolution {
  return { ok: false, code, reason, suggestion, dependency };
}

/** Resolves one variable name (the trimmed text of a tag, or a path from an expression). */
export function resolveVariable(name: string, scope: VarScope): Resolution {
  const parts = name.split('.');
  switch (parts[0]) {
    case 'inputs':
      return resolveInputs(name, parts, scope);
    case 'outputs':
    case 'node':
      return OK;
    case 'pod':
      if (name === 'pod.name') {
        const type = scope.template.type;
        return scope.call || (type && POD_TYPES.has(type))
          ? OK
          : fail('unresolved-variable', `pod.name is only set in templates that run a pod (not in ${type ?? 'this'} templates)`);
      }
      return fail('unresolved-variable', 'the only pod variable is pod.name', 'pod.name');
    case 'workflow':
      return resolveWorkflow(name, parts, scope.globals);
    case 'item':
      return resolveItem(name, parts, scope);
    case 'tasks':
    case 'steps':
      return resolveSibling(name, parts, scope);
    case 'retries':
    case 'lastRetry':
      return scope.template.hasRetryStrategy ? OK : fail('variable-not-available', `{{${parts[0]}}} is only set in templates with a retryStrategy`);
    default:
      return OK;
  }
}

function resolveInputs(_name: string, parts: string[], scope: VarScope): Resolution {
  const t = scope.template;
  const params = t.inputs.parameters.map((p) => p.name?.value).filter((n): n is string => n !== undefined);
  const arts = t.inputs.artifacts.map((a) => a.name?.value).filter((n): n is string => n !== undefined);
  const label = `template "${templateLabel(t)}"`;
  if (parts[1] === 'parameters') {
    if (parts.length === 2) return params.length > 0 ? OK : fail('unresolved-variable', `${label} declares no input parameters`);
    if (parts.length === 3 && parts[2] === 'json') return OK;
    const p = parts.slice(2).join('.');
    if (params.includes(p)) return OK;
    return fail(
      'unresolved-variable',
      `${label} has no input parameter "${p}"${params.length ? '' : ' (declare it under inputs.parameters)'}`,
      sug(`inputs.parameters.`, p, params),
    );
  }
  if (parts[1] === 'artifacts') {
    const a = parts[2];
    if (a === undefined) return fail('unresolved-variable', 'name an input artifact');
    if (!arts.includes(a)) return fail('unresolved-variable', `${label} has no input artifact "${a}"`, sug('inputs.artifacts.', a, arts));
    if (parts.length === 3) return OK;
    if (parts.length === 4 && parts[3] === 'path')
      return t.type && LEAF_TYPES.has(t.type) ? OK : fail('unresolved-variable', `inputs.artifacts.${a}.path is only set in container/script templates`);
    return fail('unresolved-variable', `input artifacts have only a path attribute`, `inputs.artifacts.${a}.path`);
  }
  return fail('unresolved-variable', 'inputs has parameters and artifacts', sug('inputs.', parts[1] ?? '', ['parameters', 'artifacts']));
}

function resolveWorkflow(_name: string, parts: string[], g: WorkflowGlobals): Resolution {
  const rest = parts.slice(1);
  const head = rest[0];
  const simple = ['name', 'namespace', 'uid', 'mainEntrypoint', 'serviceAccountName', 'status', 'creationTimestamp', 'duration', 'scheduledTime'];
  if (head === undefined) return fail('unresolved-variable', 'name a workflow variable');
  if (head === 'creationTimestamp' || head === 'duration' || head === 'scheduledTime') return OK;
  if (rest.length === 1 && simple.includes(head)) return OK;
  if (head === 'priority') return g.hasPriority ? OK : fail('unresolved-variable', 'workflow.priority is only set when spec.priority is');
  if (head === 'failures') return g.hasExitHandler ? OK : fail('unresolved-variable', 'workflow.failures is only available in an exit handler (spec.onExit)');
  if (head === 'parameters') {
    if (rest.length === 1 || (rest.length === 2 && rest[1] === 'json'))
      return g.hasParameters ? OK : fail('unresolved-variable', 'spec.arguments.parameters is empty');
    const p = rest.slice(1).join('.');
    if (!g.parameters || g.parameters.has(p)) return OK;
    return fail('unresolved-variable', `spec.arguments.parameters has no parameter "${p}"`, sug('workflow.parameters.', p, [...g.parameters]));
  }
  if (head === 'labels' || head === 'annotations') {
    if (rest.length === 1 || (rest.length === 2 && rest[1] === 'json')) return OK;
    const k = rest.slice(1).join('.');
    const keys = head === 'labels' ? g.labels : g.annotations;
    if (keys.has(k) || g.openLabels) return OK;
    return fail(
      'variable-not-available',
      `the workflow has no ${head === 'labels' ? 'label' : 'annotation'} "${k}" in metadata or spec.workflowMetadata (unless the controller's workflowDefaults add it)`,
      sug(`workflow.${head}.`, k, [...keys]),
    );
  }
  if (head === 'outputs') {
    const kind = rest[1];
    const n = rest.slice(2).join('.');
    if (g.globalOutputs.open) return OK;
    if (kind === 'parameters' && g.globalOutputs.parameters.has(n)) return OK;
    if (kind === 'artifacts' && g.globalOutputs.artifacts.has(n)) return OK;
    const names = kind === 'artifacts' ? [...g.globalOutputs.artifacts] : [...g.globalOutputs.parameters];
    return fail('unresolved-variable', `no output declares globalName "${n}"`, sug(`workflow.outputs.${kind ?? 'parameters'}.`, n, names));
  }
  return fail(
    'unresolved-variable',
    `"workflow.${head}" is not a workflow variable`,
    sug('workflow.', head, [...simple, 'parameters', 'labels', 'annotations', 'outputs', 'priority', 'failures']),
  );
}

function resolveItem(name: string, parts: string[], scope: VarScope): Resolution {
  const loop = scope.call?.loop;
  if (!loop) {
    return name === 'item'
      ? fail('variable-not-available', '{{item}} is only set in a task or step with withItems, withParam or withSequence')
      : fail('unresolved-variable', `${name} is only set in a task or step with withItems or withParam`);
  }
  if (parts.length === 1) return OK;
  if (loop.kinds.includes('withParam')) return OK;
  if (loop.kinds.includes('withSequence')) return fail('unresolved-variable', 'withSequence items are numbers: use {{item}}', 'item');
  const keys = itemKeys(loop.node);
  if (keys === undefined) return OK;
  const key = parts[1];
  if (keys.has(key)) return OK;
  return fail(
    'unresolved-variable',
    keys.size === 0 ? 'the withItems items are plain values: use {{item}}' : `the withItems items have no key "${key}"`,
    keys.size === 0 ? 'item' : sug('item.', key, [...keys]),
  );
}

/** Keys of map items of a literal withItems list (undefined when unknown or when items are lists). */
function itemKeys(node: unknown): Set<string> | undefined {
  if (!isSeq(node)) return undefined;
  const keys = new Set<string>();
  for (const it of node.items) {
    if (isSeq(it) || isAlias(it)) return undefined;
    if (isMap(it)) for (const p of it.items) if (isScalar(p.key)) keys.add(String(p.key.value));
  }
  return keys;
}

function resolveSibling(name: string, parts: string[], scope: VarScope): Resolution {
  const kind = parts[0];
  const inDag = scope.template.dag !== undefined;
  if (parts[1] === 'name' && parts.length === 2) return OK;
  if (!scope.siblings || (kind === 'tasks') !== inDag) {
    return fail(
      'unresolved-variable',
      kind === 'tasks' ? '{{tasks.*}} is only available in a DAG template' : '{{steps.*}} is only available in a steps template',
    );
  }
  const sibName = parts[1];
  const sib = sibName === undefined ? undefined : scope.siblings.get(sibName);
  if (!sib) {
    return fail(
      'unresolved-variable',
      `there is no ${kind === 'tasks' ? 'task' : 'step'} "${sibName ?? ''}" in template "${templateLabel(scope.template)}"`,
      sug(`${kind}.`, sibName ?? '', [...scope.siblings.keys()], parts.slice(2)),
    );
  }
  const attr = parts.slice(2);
  const attrCheck = checkAttribute(kind, sibName ?? '', sib, attr);
  if (!attrCheck.ok) return attrCheck;
  // Order: a task sees its ancestors; a step sees steps of earlier groups.
  if (kind === 'tasks' && scope.call && scope.isAncestor && !scope.isAncestor(sibName ?? '')) {
    const own = scope.call.name?.value === sibName;
    const statusOnly = attr[0] === 'status';
    const outputs = attr[0] === 'outputs' || attr[0] === 'exitCode' || statusOnly;
    if (outputs && !(own && scope.call.hookNames.length > 0)) {
      return fail(
        'missing-dependency',
        own
          ? `task "${sibName}" cannot use its own outputs`
          : `task "${scope.call.name?.value ?? '?'}" uses ${name} but does not depend on "${sibName}", so it may run first`,
        undefined,
        own ? undefined : sibName,
      );
    }
  }
  if (kind === 'steps' && scope.stepPosition) {
    const here = scope.stepPosition;
    if (sib.group > here.group || (sib.group === here.group && sib.index >= here.index)) {
      if (sib.call === scope.call && scope.call?.hookNames.length) return OK;
      return fail(
        'unresolved-variable',
        `step "${sibName}" runs ${sib.group === here.group && sib.index === here.index ? 'here' : 'later'}: a step can only use steps of earlier groups`,
      );
    }
    if (sib.group === here.group)
      return fail(
        'variable-not-available',
        `step "${sibName}" runs in parallel with this one (same group), so its results are not there yet; move this step to a later group`,
      );
  }
  return OK;
}

function checkAttribute(kind: string, sibName: string, sib: SiblingCall, attr: string[]): Resolution {
  const base = ['id', 'startedAt', 'finishedAt', 'hostNodeName', 'status', 'exitCode', 'outputs', 'ip'];
  const head = attr[0];
  const prefix = `${kind}.${sibName}.`;
  if (head === undefined) return fail('unresolved-variable', `name an attribute of ${kind}.${sibName}, e.g. ${prefix}outputs.result`);
  if (['id', 'startedAt', 'finishedAt', 'hostNodeName', 'status'].includes(head))
    return attr.length === 1 ? OK : fail('unresolved-variable', `${prefix}${head} has no attributes`);
  const t = sib.target;
  const looped = sib.call.loop !== undefined;
  if (head === 'ip') return !t || t.daemon ? OK : fail('unresolved-variable', `${prefix}ip is only set for daemon templates (daemon: true)`);
  if (head === 'exitCode')
    return !t || (t.type && RESULT_TYPES.has(t.type)) ? OK : fail('unresolved-variable', `${prefix}exitCode is only set for container and script templates`);
  if (head !== 'outputs')
    return fail('unresolved-variable', `"${head}" is not an attribute of a ${kind === 'tasks' ? 'task' : 'step'}`, sug(prefix, head, base));
  if (!t) return OK; // unresolved templateRef: its outputs are unknown
  const what = attr[1];
  if (what === 'result' || what === 'exitCode') {
    if (attr.length !== 2) return fail('unresolved-variable', `${prefix}outputs.${what} has no attributes`);
    return (t.type && RESULT_TYPES.has(t.type)) || looped
      ? OK
      : fail(
          'unresolved-variable',
          `${prefix}outputs.${what} is only set for container, script, data, http and plugin templates; "${t.name}" is a ${t.type ?? 'template of unknown type'}`,
        );
  }
  if (what === 'parameters') {
    if (attr.length === 2)
      return looped
        ? OK
        : fail(
            'unresolved-variable',
            `${prefix}outputs.parameters (all of them as JSON) is only set for a task or step with a loop; name one: ${prefix}outputs.parameters.NAME`,
          );
    const p = attr.slice(2).join('.');
    if (t.outputParameters.includes(p)) return OK;
    return fail(
      'unresolved-variable',
      `template "${t.name}" declares no output parameter "${p}"`,
      sug(`${prefix}outputs.parameters.`, p, [...t.outputParameters]),
    );
  }
  if (what === 'artifacts') {
    const a = attr.slice(2).join('.');
    if (t.outputArtifacts.includes(attr[2] ?? '')) return OK;
    return fail(
      'unresolved-variable',
      `template "${t.name}" declares no output artifact "${a}"`,
      sug(`${prefix}outputs.artifacts.`, attr[2] ?? '', [...t.outputArtifacts]),
    );
  }
  return fail(
    'unresolved-variable',
    `outputs of a ${kind === 'tasks' ? 'task' : 'step'} are result, exitCode, parameters and artifacts`,
    sug(`${prefix}outputs.`, what ?? '', ['result', 'exitCode', 'parameters', 'artifacts']),
  );
}

function sug(prefix: string, got: string, candidates: readonly string[], tail: readonly string[] = []): string | undefined {
  const s = suggest(got, candidates);
  return s === undefined ? undefined : [prefix + s, ...tail].join('.');
}
