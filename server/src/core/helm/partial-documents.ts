import type { Analysis } from '../analyze';
import { ABSENCE_CODES } from './absence-codes';

/** A Kustomize patch (listed under `patches` of a kustomization.yaml) is a partial document: nothing is reported missing there. */
export function asPartialDocument(analysis: Analysis): Analysis {
  const keep = (f: { readonly code: string }): boolean => !ABSENCE_CODES.has(f.code);
  return { ...analysis, findings: analysis.findings.filter(keep), documents: analysis.documents.map((d) => ({ ...d, findings: d.findings.filter(keep) })) };
}
