import type { AnalyzeOptions, RuleSetting } from '../core/analyze';
import type { HelmSettings } from '../helm/helm-settings';

const SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** The analysis options and the Helm settings the workers are given. */
export type ServerSettings = AnalyzeOptions & { readonly helm?: HelmSettings };

/** Reads the `argoStudio` settings section (from the client or initializationOptions) into analysis options. */
export function toAnalyzeOptions(section: unknown): ServerSettings {
  const rules: Record<string, RuleSetting> = {};
  if (section && typeof section === 'object' && 'rules' in section) {
    const raw = (section as { rules?: unknown }).rules;
    if (raw && typeof raw === 'object') {
      for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof value === 'string' && SETTINGS.includes(value)) rules[code] = value as RuleSetting;
      }
    }
  }
  // `strictTemplateRefs`: a templateRef that is not in the workspace is an error, not information.
  if (section && typeof section === 'object' && (section as { strictTemplateRefs?: unknown }).strictTemplateRefs === true && !rules['template-ref-not-found']) {
    rules['template-ref-not-found'] = 'error';
  }
  return { rules, helm: toHelmSettings(section) };
}

/** `argoStudio.helm.path` ("" = helm on PATH, "off" = never render) and `argoStudio.helm.valuesFiles`. */
function toHelmSettings(section: unknown): HelmSettings {
  const raw = section && typeof section === 'object' ? (section as { helm?: unknown }).helm : undefined;
  if (!raw || typeof raw !== 'object') return {};
  const { path, valuesFiles } = raw as { path?: unknown; valuesFiles?: unknown };
  return {
    path: typeof path === 'string' ? path : undefined,
    valuesFiles: Array.isArray(valuesFiles) ? valuesFiles.filter((v): v is string => typeof v === 'string') : undefined,
  };
}
