import type { AnalyzeOptions, RuleSetting } from '../core/analyze';

const SETTINGS: readonly string[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Reads the `argoStudio` settings section (from the client or initializationOptions) into analysis options. */
export function toAnalyzeOptions(section: unknown): AnalyzeOptions {
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
  return { rules };
}
