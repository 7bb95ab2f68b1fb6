/**
 * The identity of a named thing across documents and files: built and read only here. Two
 * occurrences name the same thing when they share a key. Encoded as a string (a Set/Map key);
 * names never contain ':' (Kubernetes and Argo names cannot).
 */
export type TemplateKind = 'WorkflowTemplate' | 'ClusterWorkflowTemplate';

export type SymbolKey =
  /** A WorkflowTemplate / ClusterWorkflowTemplate, by kind and name (visible across files). */
  | { readonly kind: 'workflow-template'; readonly templateKind: TemplateKind; readonly name: string }
  /** A template of a WorkflowTemplate, as templateRef names it (visible across files). */
  | { readonly kind: 'ref-template'; readonly templateKind: TemplateKind; readonly workflowTemplate: string; readonly template: string }
  /** An input parameter of a template of a WorkflowTemplate, as templateRef call sites pass it (visible across files). */
  | { readonly kind: 'ref-input'; readonly templateKind: TemplateKind; readonly workflowTemplate: string; readonly template: string; readonly name: string }
  /** Something local to one document or template: `scope` says which (a document index, a template id). */
  | { readonly kind: 'template' | 'task' | 'step' | 'input' | 'workflow-parameter'; readonly scope: string; readonly name: string };

export function encodeSymbolKey(k: SymbolKey): string {
  switch (k.kind) {
    case 'workflow-template':
      return `workflow-template:${k.templateKind}:${k.name}`;
    case 'ref-template':
      return `ref-template:${k.templateKind}:${k.workflowTemplate}:${k.template}`;
    case 'ref-input':
      return `ref-input:${k.templateKind}:${k.workflowTemplate}:${k.template}:${k.name}`;
    default:
      return `${k.kind}:${k.scope}:${k.name}`;
  }
}

/** The key's parts; undefined for a string that is not a key. */
export function decodeSymbolKey(s: string): SymbolKey | undefined {
  const parts = s.split(':');
  const templateKind = parts[1] === 'WorkflowTemplate' || parts[1] === 'ClusterWorkflowTemplate' ? parts[1] : undefined;
  switch (parts[0]) {
    case 'workflow-template':
      return templateKind && parts.length === 3 ? { kind: 'workflow-template', templateKind, name: parts[2] } : undefined;
    case 'ref-template':
      return templateKind && parts.length === 4 ? { kind: 'ref-template', templateKind, workflowTemplate: parts[2], template: parts[3] } : undefined;
    case 'ref-input':
      return templateKind && parts.length === 5
        ? { kind: 'ref-input', templateKind, workflowTemplate: parts[2], template: parts[3], name: parts[4] }
        : undefined;
    case 'template':
    case 'task':
    case 'step':
    case 'input':
    case 'workflow-parameter':
      return parts.length >= 3 ? { kind: parts[0], scope: parts.slice(1, -1).join(':'), name: parts[parts.length - 1] } : undefined;
    default:
      return undefined;
  }
}

/** True for keys of things other files can use. */
export function isCrossFileKey(s: string): boolean {
  return s.startsWith('workflow-template:') || s.startsWith('ref-template:') || s.startsWith('ref-input:');
}
