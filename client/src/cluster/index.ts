/**
 * The front door of the cluster layer: the one way features (runs, logs, submit) reach the cluster.
 * Connection and context, kubeconfig and transport, list+watch and the pod index, the object types
 * and Argo labels, one error model (`ClusterError`, worded once) and one backoff curve.
 * No `vscode` import.
 */
export * from './api-paths'; // ARGO_KINDS here: the resource types by kind
export { argoDocuments, applyParameters, documentParameters, type ArgoDocument, type ArgoKind, type TemplateParameter } from './argo-documents';
export * from './backoff';
export * from './connection';
export * from './errors';
export * from './events';
export * from './inventory';
export * from './kube-api';
export * from './kubeconfig';
export * from './list-watch';
export * from './pod-index';
export * from './pod-summary';
export * from './submit';
export * from './transport';
export * from './types';
export * from './workflow-actions';
export * from './workflow-nodes';
