import { analyzeText, type AnalyzeOptions, type Analysis, type AnalyzedDocument } from '../analyze';
import type { ParsedFile } from '../parse/parse-file';
import { applySuppressions } from '../suppress';
import type { Finding } from '../types';
import { mapRenderedFindings } from './map-rendered';
import { maskTemplate } from './mask-template';
import { keepMaskedFindings } from './masked-findings';
import { renderErrorFinding } from './render-error';
import { unescapedArgoFinding } from './unescaped-argo';

/** How a Helm chart template was checked: its actions masked (no Helm), or rendered by Helm. */
export type HelmMode = 'masked' | 'rendered';

export interface HelmInfo {
  readonly mode: HelmMode;
  /** One sentence for the hover of the file's first line. */
  readonly summary: string;
}

/** The analysis of a Helm template: the structure of its masked text (same offsets), findings of the chosen mode. */
export interface HelmAnalysis extends Analysis {
  readonly helm: HelmInfo;
}

/** What `helm template --show-only` gave for the file: its output, or Helm's error. */
export type HelmRender =
  | { readonly ok: true; readonly output: string; readonly command: string }
  | {
      readonly ok: false;
      readonly message: string;
      readonly command: string;
      /** The template's path in the chart (templates/x.yaml). */ readonly source: string;
    };

export function helmInfoOf(a: Analysis): HelmInfo | undefined {
  return 'helm' in a ? (a as HelmAnalysis).helm : undefined;
}

/** The masked text of a template (same length), for parsing it before `analyzeHelmTemplate`. */
export function maskedText(text: string): string {
  return maskTemplate(text).text;
}

/**
 * Checks a Helm chart template. Without `render` (no Helm): the masked mode. With a successful
 * render: every rule on what Helm wrote, each finding on the template line that produced it. With a
 * failed render: Helm's message, and the masked mode's findings.
 */
export function analyzeHelmTemplate(
  text: string,
  options: AnalyzeOptions = {},
  render?: HelmRender,
  parsed?: ParsedFile,
  /** Why Helm did not render it (for the hover), when `render` is absent. */
  notRendered = 'Helm was not found',
): HelmAnalysis {
  const masked = maskTemplate(text);
  const base = analyzeText(masked.text, options, parsed && parsed.text === masked.text ? parsed : undefined);
  const own = masked.bareArgo.map((a) => unescapedArgoFinding(text, a));
  if (render?.ok) {
    const rendered = analyzeText(render.output, { ...options, reportNonArgoSyntax: false });
    const maskedFindings = base.documents.flatMap((d) => keepMaskedFindings(d, masked, text));
    const starts = base.file.documents.map((d) => d.range.start);
    const mapped = mapRenderedFindings(text, render.output, rendered.findings, starts, maskedFindings);
    const summary = `Helm chart template, checked as Helm renders it (${render.command}); findings are placed on the template lines that produced them.`;
    return assemble(text, base, [...configured(own, options), ...mapped], { mode: 'rendered', summary }, rendered.hasArgo);
  }
  const kept = base.documents.flatMap((d) => keepMaskedFindings(d, masked, text));
  const failed = render && !render.ok ? [renderErrorFinding(text, render.message, render.source)] : [];
  const summary =
    render && !render.ok
      ? `Helm chart template, checked with its template actions masked: Helm failed to render it (${render.command}).`
      : `Helm chart template, checked with its template actions masked (values are placeholders, both branches of each if are kept): ${notRendered}.`;
  return assemble(text, base, [...configured([...failed, ...own], options), ...kept], { mode: 'masked', summary }, false);
}

function assemble(text: string, base: Analysis, findings: Finding[], helm: HelmInfo, renderedArgo: boolean): HelmAnalysis {
  const all = applySuppressions(text, findings).sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  const documents: AnalyzedDocument[] = base.documents.map((d, i) => {
    const next = base.documents[i + 1]?.parsed.range.start ?? Infinity;
    const start = i === 0 ? 0 : d.parsed.range.start;
    return { ...d, findings: all.filter((f) => f.range.start >= start && f.range.start < next) };
  });
  return { file: base.file, documents, findings: all, hasArgo: base.hasArgo || renderedArgo, helm };
}

/** Severity settings for the Helm codes (the rules' findings have them already). */
function configured(findings: Finding[], options: AnalyzeOptions): Finding[] {
  return findings.flatMap((f) => {
    const setting = options.rules?.[f.code];
    if (setting === 'off') return [];
    return [setting ? { ...f, severity: setting } : f];
  });
}
