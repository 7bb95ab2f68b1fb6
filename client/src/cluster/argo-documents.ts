/**
 * The Argo documents of a YAML text, as objects to submit or apply (parsed like the language server
 * does, Go-YAML compatibility included), with where each one starts (for CodeLenses).
 */
import { isMap, isScalar } from 'yaml';
import { parseFile } from '../../../server/src/core/parse';
import { isObject, type Parameter } from './types';

export const ARGO_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'] as const;
export type ArgoKind = (typeof ARGO_KINDS)[number];

export interface ArgoDocument {
  /** Index of the YAML document in the file. */
  readonly index: number;
  readonly kind: ArgoKind;
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  /** The document as JSON (a fresh copy per call of `argoDocuments`). */
  readonly object: Record<string, unknown>;
  /** Offset of the `kind:` key (else of the document) in the text. */
  readonly offset: number;
  /** The document has YAML syntax errors (it is listed, but cannot be submitted). */
  readonly hasErrors: boolean;
}

function isArgoKind(k: unknown): k is ArgoKind {
  return typeof k === 'string' && (ARGO_KINDS as readonly string[]).includes(k);
}

export function argoDocuments(text: string): ArgoDocument[] {
  const file = parseFile(text);
  const out: ArgoDocument[] = [];
  for (const d of file.documents) {
    let obj: unknown;
    try {
      obj = d.doc.toJS({ maxAliasCount: 1000 });
    } catch {
      continue;
    }
    if (!isObject(obj) || typeof obj.apiVersion !== 'string' || !obj.apiVersion.startsWith('argoproj.io/') || !isArgoKind(obj.kind)) continue;
    const meta = isObject(obj.metadata) ? obj.metadata : {};
    let offset = d.range.start;
    if (isMap(d.doc.contents)) {
      const pair = d.doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
      const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
      if (range) offset = file.toOriginal(range[0]);
    }
    out.push({
      index: d.index,
      kind: obj.kind,
      ...(typeof meta.name === 'string' ? { name: meta.name } : {}),
      ...(typeof meta.generateName === 'string' ? { generateName: meta.generateName } : {}),
      ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}),
      object: obj,
      offset,
      hasErrors: d.hasErrors,
    });
  }
  return out;
}

export interface TemplateParameter {
  readonly name: string;
  /** The default (`value`, else `default`). */
  readonly value?: string;
  readonly enum?: readonly string[];
  readonly description?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** `spec.arguments.parameters` of a (Cluster)WorkflowTemplate, or of a Workflow/CronWorkflow's spec. */
export function documentParameters(doc: ArgoDocument): TemplateParameter[] {
  const spec = isObject(doc.object.spec) ? doc.object.spec : {};
  const wfSpec = doc.kind === 'CronWorkflow' ? (isObject(spec.workflowSpec) ? spec.workflowSpec : {}) : spec;
  const args = isObject(wfSpec.arguments) ? wfSpec.arguments : {};
  const params = Array.isArray(args.parameters) ? args.parameters : [];
  const out: TemplateParameter[] = [];
  for (const p of params) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const value = str(p.value) ?? str(p.default);
    const en = Array.isArray(p.enum) ? p.enum.map(str).filter((x): x is string => x !== undefined) : undefined;
    out.push({
      name: p.name,
      ...(value !== undefined ? { value } : {}),
      ...(en && en.length ? { enum: en } : {}),
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
    });
  }
  return out;
}

/** `argo submit -p` semantics: replaces the values of named parameters, adds unknown ones first. */
export function applyParameters(existing: readonly Parameter[] | undefined, values: Readonly<Record<string, string>>): Parameter[] {
  const list = (existing ?? []).map((p) => ({ ...p }));
  const added: Parameter[] = [];
  for (const [name, value] of Object.entries(values)) {
    const hit = list.find((p) => p.name === name);
    if (hit) {
      hit.value = value;
      delete hit.valueFrom;
    } else added.push({ name, value });
  }
  return [...added, ...list];
}
