import type { IndexedWorkflowTemplate } from '../../core/workspace/template-summary';

/**
 * What of the workspace index the checks read: everything but source ranges. Ranges move with every
 * edit above a template (they serve go-to-definition only), so a change of ranges alone re-checks
 * nothing; the new ranges are still sent to the workers.
 */
export function indexSignature(entries: readonly IndexedWorkflowTemplate[]): string {
  return JSON.stringify(entries, (key: string, value: unknown) => (key === 'range' || key.endsWith('Range') ? undefined : value));
}
