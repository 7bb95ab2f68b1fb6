import { isMap, isScalar, isSeq } from 'yaml';
import type { ArgoDocumentModel, TemplateModel, TemplateType } from '../model/types';
import type { Range } from '../types';

/** What a caller needs to know of a template: its inputs and outputs. Plain data (crosses threads). */
export interface InputParameterSummary {
  readonly name: string;
  /** True when the parameter has a value or default, or takes it from a ConfigMap: callers need not pass it. */
  readonly optional: boolean;
  readonly default: string | undefined;
  readonly enum: readonly string[] | undefined;
  readonly description: string | undefined;
}

export interface InputArtifactSummary {
  readonly name: string;
  /** Optional, or the input names its own location: callers need not pass it. */
  readonly optional: boolean;
}

export interface TemplateSummary {
  readonly name: string;
  readonly type: TemplateType | undefined;
  readonly inputParameters: readonly InputParameterSummary[];
  readonly inputArtifacts: readonly InputArtifactSummary[];
  readonly outputParameters: readonly string[];
  readonly outputArtifacts: readonly string[];
  readonly hasRetryStrategy: boolean;
  readonly daemon: boolean;
  /**
   * The `{{workflow.parameters.X}}` names the template reads, itself or through the templates of its
   * document it calls: called by templateRef, they resolve in the calling workflow.
   */
  readonly workflowParameters?: readonly string[];
  /** Source range of the template's name (or the template) in its file. */
  readonly range: Range;
}

export function summarizeTemplate(t: TemplateModel): TemplateSummary {
  return {
    name: t.name?.value ?? '',
    type: t.type,
    inputParameters: t.inputs.parameters
      .filter((p) => p.name)
      .map((p) => ({
        name: p.name?.value ?? '',
        optional: p.value !== undefined || p.default !== undefined || p.valueFromKeys.includes('configMapKeyRef') || p.valueFromKeys.includes('default'),
        default: p.default?.value ?? p.value?.value,
        enum: p.enum?.map((e) => e.value),
        description: p.description?.value,
      })),
    inputArtifacts: t.inputs.artifacts
      .filter((a) => a.name)
      .map((a) => ({ name: a.name?.value ?? '', optional: a.optional || a.hasLocation || a.from !== undefined })),
    outputParameters: t.outputs.parameters.map((p) => p.name?.value).filter((n): n is string => n !== undefined),
    outputArtifacts: t.outputs.artifacts.map((a) => a.name?.value).filter((n): n is string => n !== undefined),
    hasRetryStrategy: t.hasRetryStrategy,
    daemon: t.daemon,
    range: t.name?.range ?? t.range,
  };
}

/** A WorkflowTemplate or ClusterWorkflowTemplate as the workspace index keeps it. */
export interface IndexedWorkflowTemplate {
  readonly kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate';
  readonly name: string;
  readonly namespace: string | undefined;
  readonly uri: string;
  readonly nameRange: Range;
  readonly entrypoint: string | undefined;
  readonly templates: readonly TemplateSummary[];
  /** spec.arguments.parameters names, with their values. */
  readonly parameters: readonly { readonly name: string; readonly value: string | undefined; readonly enum: readonly string[] | undefined }[];
}

export function indexDocument(model: ArgoDocumentModel, uri: string): IndexedWorkflowTemplate | undefined {
  if (model.kind !== 'WorkflowTemplate' && model.kind !== 'ClusterWorkflowTemplate') return undefined;
  const name = model.name?.value;
  if (!name) return undefined;
  return {
    kind: model.kind,
    name,
    namespace: model.namespace?.value,
    uri,
    nameRange: model.name?.range ?? model.range,
    entrypoint: model.spec?.entrypoint?.value,
    templates: withWorkflowParameters((model.spec?.templates ?? []).filter((t) => t.name)),
    parameters: (model.spec?.arguments.parameters ?? [])
      .filter((p) => p.name)
      .map((p) => ({ name: p.name?.value ?? '', value: p.value?.value, enum: p.enum?.map((e) => e.value) })),
  };
}

/** Looks up WorkflowTemplates and ClusterWorkflowTemplates by name, across files. */
export interface WorkspaceIndex {
  find(name: string, clusterScope: boolean): IndexedWorkflowTemplate | undefined;
  all(): readonly IndexedWorkflowTemplate[];
}

export class MapWorkspaceIndex implements WorkspaceIndex {
  private readonly byKey = new Map<string, IndexedWorkflowTemplate>();

  constructor(entries: Iterable<IndexedWorkflowTemplate> = []) {
    for (const e of entries) this.add(e);
  }

  add(e: IndexedWorkflowTemplate): void {
    const key = `${e.kind}/${e.name}`;
    if (!this.byKey.has(key)) this.byKey.set(key, e);
  }

  find(name: string, clusterScope: boolean): IndexedWorkflowTemplate | undefined {
    return this.byKey.get(`${clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'}/${name}`);
  }

  all(): readonly IndexedWorkflowTemplate[] {
    return [...this.byKey.values()];
  }
}

const WORKFLOW_PARAMETER = /workflow\.parameters(?:\.([\w-]+)|\[['"]([\w-]+)['"]\])/g;

/** Summaries of the templates, each with the workflow parameters it reads directly or through local calls. */
function withWorkflowParameters(templates: readonly TemplateModel[]): TemplateSummary[] {
  const direct = new Map<string, { params: Set<string>; calls: Set<string> }>();
  for (const t of templates) {
    const params = new Set<string>();
    const calls = new Set<string>();
    const visit = (n: unknown, depth: number, key: string): void => {
      if (depth > 100 || !n) return;
      if (isScalar(n)) {
        if (typeof n.value !== 'string') return;
        if (key === 'template') calls.add(n.value);
        if (n.value.includes('{{')) for (const m of n.value.matchAll(WORKFLOW_PARAMETER)) params.add(m[1] ?? m[2]);
      } else if (isMap(n)) {
        for (const p of n.items) visit(p.value, depth + 1, isScalar(p.key) ? String(p.key.value) : '');
      } else if (isSeq(n)) for (const item of n.items) visit(item, depth + 1, '');
    };
    visit(t.node, 0, '');
    direct.set(t.name?.value ?? '', { params, calls });
  }
  const closure = (name: string): Set<string> => {
    const out = new Set<string>();
    const seen = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop() ?? '';
      if (seen.has(n)) continue;
      seen.add(n);
      const d = direct.get(n);
      if (!d) continue;
      d.params.forEach((p) => out.add(p));
      d.calls.forEach((c) => stack.push(c));
    }
    return out;
  };
  return templates.map((t) => {
    const params = [...closure(t.name?.value ?? '')].sort();
    return params.length ? { ...summarizeTemplate(t), workflowParameters: params } : summarizeTemplate(t);
  });
}
