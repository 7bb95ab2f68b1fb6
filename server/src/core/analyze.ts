import { buildModel, argoKindOf } from './model/build-model';
import type { ArgoDocumentModel } from './model/types';
import { YamlAccess } from './model/yaml-access';
import { parseFile, type ParsedDocument, type ParsedFile } from './parse/parse-file';
import { RULE_FAMILIES, defaultSeverity } from './rules/registry';
import type { RuleContext } from './rules/rule';
import { applySuppressions } from './suppress';
import type { Finding, Severity } from './types';
import type { ClusterInventory } from './workspace/cluster-inventory';
import { LayeredIndex } from './workspace/resolve-call';
import { MapWorkspaceIndex, indexDocument, type WorkspaceIndex } from './workspace/template-summary';

export type RuleSetting = Severity | 'off';

export interface AnalyzeOptions {
  /** Per-rule severity overrides, e.g. `{ "dag-cycle": "warning", "invalid-name": "off" }`. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Report YAML syntax errors of documents that are not recognisably Argo (the CLI does; the editor does not). */
  readonly reportNonArgoSyntax?: boolean;
  /** The text was an Argo document before (the editor knows): report syntax errors of documents whose kind cannot be read. */
  readonly assumeArgo?: boolean;
  /** WorkflowTemplates and ClusterWorkflowTemplates elsewhere in the workspace (templateRef resolution). */
  readonly workspace?: WorkspaceIndex;
  /** The URI of the text (for index entries of its own documents). */
  readonly uri?: string;
  /** What the connected cluster has (Secrets, ConfigMaps, ...): enables the cluster-aware checks. */
  readonly inventory?: ClusterInventory;
  /** Findings of one code kept per document (then one summary finding); default 1,000. Bounds memory on hostile input. */
  readonly maxFindingsPerCode?: number;
}

export interface AnalyzedDocument {
  readonly parsed: ParsedDocument;
  readonly model: ArgoDocumentModel | undefined;
  readonly findings: Finding[];
}

export interface Analysis {
  readonly file: ParsedFile;
  readonly documents: AnalyzedDocument[];
  readonly findings: Finding[];
  /** True when at least one Argo document was found. */
  readonly hasArgo: boolean;
}

/** Parses a YAML text and runs every check on its Argo documents. Never throws. */
export function analyzeText(text: string, options: AnalyzeOptions = {}, parsed?: ParsedFile): Analysis {
  let file: ParsedFile;
  try {
    file = parsed && parsed.text === text ? parsed : parseFile(text);
  } catch (e) {
    const message = `The YAML could not be parsed: ${e instanceof Error ? e.message : String(e)}`;
    const empty: ParsedFile = { text, documents: [], toOriginal: (o) => o };
    const findings: Finding[] =
      options.assumeArgo || options.reportNonArgoSyntax
        ? [{ code: 'yaml-syntax', severity: 'error', message, range: { start: 0, end: Math.min(1, text.length) } }]
        : [];
    return { file: empty, documents: [], findings, hasArgo: false };
  }
  const documents: AnalyzedDocument[] = [];
  let hasArgo = false;
  const kinds = file.documents.map((d) => argoKindOf(d, file.toOriginal));
  const fileHasArgo = kinds.some((k) => k !== undefined);
  const models = file.documents.map((parsed, i) => (kinds[i] !== undefined ? safe(() => buildModel(parsed, file.toOriginal), undefined) : undefined));
  const siblings = models.filter((m): m is ArgoDocumentModel => m !== undefined);
  const local = new MapWorkspaceIndex(siblings.map((m) => indexDocument(m, options.uri ?? '')).filter((e) => e !== undefined));
  const workspace: WorkspaceIndex = options.workspace ? new LayeredIndex([local, options.workspace]) : local;
  file.documents.forEach((parsed, i) => {
    const findings: Finding[] = [];
    const isArgo = kinds[i] !== undefined;
    if (isArgo) hasArgo = true;
    const reportSyntax =
      isArgo ||
      (parsed.hasErrors && (options.reportNonArgoSyntax === true || ((fileHasArgo || options.assumeArgo === true) && kindUnknown(parsed, file.toOriginal))));
    if (reportSyntax) findings.push(...parsed.problems);
    const model = models[i];
    // A document that does not parse is checked no further: what the rules would say follows from the
    // broken YAML (a false "entrypoint is required" above the real error), and the real error comes first.
    if (model && !(reportSyntax && parsed.problems.some((p) => p.code === 'yaml-syntax')))
      runRules(text, file, parsed, model, findings, workspace, siblings, options.inventory);
    documents.push({ parsed, model, findings: finalize(text, findings, options) });
  });
  return { file, documents, findings: documents.flatMap((d) => d.findings), hasArgo };
}

/** A document whose apiVersion or kind cannot be read (e.g. broken YAML at the top) may be an Argo document being typed. */
function kindUnknown(parsed: ParsedDocument, toOriginal: (o: number) => number): boolean {
  const y = new YamlAccess(parsed.doc, toOriginal);
  const root = y.map(parsed.doc.contents);
  return !root || y.getStr(root, 'kind') === undefined || y.getStr(root, 'apiVersion') === undefined;
}

function runRules(
  text: string,
  file: ParsedFile,
  parsed: ParsedDocument,
  model: ArgoDocumentModel,
  findings: Finding[],
  workspace: WorkspaceIndex,
  siblings: readonly ArgoDocumentModel[],
  inventory: ClusterInventory | undefined,
): void {
  const ctx: RuleContext = {
    text,
    model,
    y: new YamlAccess(parsed.doc, file.toOriginal),
    workspace,
    siblings,
    inventory,
    report(code, range, message, extras): void {
      findings.push({ code, severity: defaultSeverity(code), message, range, fixes: extras?.fixes, related: extras?.related });
    },
  };
  for (const family of RULE_FAMILIES) safe(() => family.check(ctx), undefined);
}

function finalize(text: string, findings: Finding[], options: AnalyzeOptions): Finding[] {
  const configured = findings
    .map((f): Finding | undefined => {
      const setting = options.rules?.[f.code];
      if (setting === 'off') return undefined;
      return setting ? { ...f, severity: setting } : f;
    })
    .filter((f): f is Finding => f !== undefined);
  const kept = applySuppressions(text, configured);
  kept.sort(byPosition);
  return capPerCode(dedupe(kept), options.maxFindingsPerCode ?? MAX_FINDINGS_PER_CODE);
}

const MAX_FINDINGS_PER_CODE = 1000;

function byPosition(a: Finding, b: Finding): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code);
}

/** The first `cap` findings of each code; the rest become one summary finding (at the first one left out). */
function capPerCode(findings: Finding[], cap: number): Finding[] {
  const counts = new Map<string, number>();
  const firstDropped = new Map<string, Finding>();
  const out = findings.filter((f) => {
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n <= cap) return true;
    if (!firstDropped.has(f.code)) firstDropped.set(f.code, f);
    return false;
  });
  for (const [code, f] of firstDropped) {
    const n = counts.get(code) ?? 0;
    out.push({
      code,
      severity: f.severity,
      message: `${n - cap} more ${code} findings in this document are not shown (${n} in all; the first ${cap} are).`,
      range: f.range,
    });
  }
  if (firstDropped.size > 0) out.sort(byPosition);
  return out;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start}:${f.range.end}:${f.code}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    // A bug in one check must not take the others (or the server) down.
    if (process.env.ARGO_STUDIO_DEBUG) console.error(e);
    return fallback;
  }
}
