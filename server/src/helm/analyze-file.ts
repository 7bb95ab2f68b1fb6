import { analyzeText, type Analysis, type AnalyzeOptions } from '../core/analyze';
import { analyzeHelmTemplate, asPartialDocument, hasHelmActions, HELM_LANGUAGE_ID } from '../core/helm';
import type { ParsedFile } from '../core/parse';
import { chartOf } from './chart-of';
import { findHelm } from './helm-binary';
import { renderCached } from './render-cache';
import { DEFAULT_RENDER_TIMEOUT_MS, type HelmSettings } from './helm-settings';
import { isKustomizePatch } from './kustomize-patches';

/** What a file is for the checks: a Helm chart template, a Kustomize patch, or plain YAML. */
export type FileRole = 'helm' | 'kustomize-patch' | 'plain';

/** What the file's place and language id say (it reads the disk: callers may keep it per file). */
export function roleOfPlace(path: string | undefined, languageId?: string): FileRole {
  if (languageId === HELM_LANGUAGE_ID || (path && chartOf(path))) return 'helm';
  if (path && isKustomizePatch(path)) return 'kustomize-patch';
  return 'plain';
}

/** Helm when the file is in a chart's templates/, holds Helm's template actions, or the editor says so; a patch when a kustomization lists it. */
export function roleOf(path: string | undefined, text: string, languageId?: string, place: FileRole = roleOfPlace(path, languageId)): FileRole {
  if (place === 'helm' || hasHelmActions(text)) return 'helm';
  return place;
}

/**
 * Analyses a file's text as what it is: a Helm template rendered by Helm when Helm is there (else
 * masked), a Kustomize patch as a partial document, anything else as it is. `parsed` is the parse of
 * the text (of the masked text for a Helm template).
 */
export function analyzeFileText(
  path: string | undefined,
  text: string,
  options: AnalyzeOptions,
  helm: HelmSettings = {},
  role = roleOf(path, text),
  parsed?: ParsedFile,
): Analysis {
  if (role === 'kustomize-patch') return asPartialDocument(analyzeText(text, options, parsed));
  if (role !== 'helm') return analyzeText(text, options, parsed);
  const binary = findHelm(helm.path);
  const chart = path ? chartOf(path) : undefined;
  const render =
    binary && chart
      ? renderCached({ helm: binary, chart, text, valuesFiles: helm.valuesFiles ?? [], timeoutMs: helm.timeoutMs ?? DEFAULT_RENDER_TIMEOUT_MS })
      : undefined;
  const why = !chart
    ? "it is not in a chart's templates/ folder (a Chart.yaml above it)"
    : helm.path?.trim() === 'off'
      ? 'rendering with Helm is off (argoStudio.helm.path is "off")'
      : 'Helm was not found (install it, or set argoStudio.helm.path)';
  return analyzeHelmTemplate(text, options, render, parsed, why);
}
