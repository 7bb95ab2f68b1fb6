/**
 * Helm chart templates (and Kustomize patches): masking template actions so the YAML and the rules
 * see the structure, Argo's escaped variables as Argo receives them, findings of Helm's rendered
 * output placed back on template lines. Pure: rendering itself (running helm) is the caller's.
 */
export { analyzeHelmTemplate, helmInfoOf, maskedText, type HelmAnalysis, type HelmInfo, type HelmMode, type HelmRender } from './analyze-helm';
export { hasHelmActions } from './template-actions';
export { asPartialDocument } from './partial-documents';
export { HELM_RULES } from './helm-rules';

/** VS Code's language id for Helm templates (set by the Kubernetes extension). */
export const HELM_LANGUAGE_ID = 'helm';
