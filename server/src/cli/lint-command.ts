import { resolve } from 'node:path';
import type { RuleSetting } from '../core/analyze';
import { analyzeFileText } from '../helm/analyze-file';
import type { HelmSettings } from '../helm/helm-settings';
import { LineIndex } from '../core/text';
import { indexTexts } from '../core/workspace';
import type { Severity } from '../core/types';
import { findYamlFiles } from './find-files';
import { formatGithub, formatJson, formatSarif, formatText, type CliProblem } from './formats';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, STDIN_NAME, STDIN_PATH, describeError, type CliIO } from './io';
import { VERSION } from './version';

export const LINT_USAGE = `Usage: argo-studio lint [--format text|json|sarif|github] [--rule CODE=SEVERITY|off ...] [--helm PATH|off] [--helm-values FILE ...] [-o FILE] [--allow-empty] PATH...
  Lints Argo Workflows YAML files (directories are searched recursively for *.yaml and *.yml; the
  PATH - reads standard input, reported as ${STDIN_NAME}). --format github prints GitHub Actions annotations.
  Helm chart templates (in a chart's templates/, or with Helm's template actions) are rendered with
  \`helm template\` (helm on PATH, or --helm PATH) and the chart's values.yaml plus each --helm-values
  FILE, and findings are placed on the template lines; with --helm off or no helm, template actions
  are masked instead. Kustomize patches (listed in a kustomization.yaml) are partial documents.
  --allow-empty: no Argo document in the paths is not an error (for hooks that pass every YAML file).
  Exit status: 1 when any error is reported, 2 on usage errors or an output that cannot be written,
  0 otherwise. A path that cannot be
  read or is no regular file (a FIFO, a device, a file over 64 MiB) is an error "read-error" of that
  path; a symlink leading out of the directory given is not followed (a "read-error" warning).
`;

interface LintArgs {
  readonly format: 'text' | 'json' | 'sarif' | 'github';
  readonly paths: string[];
  readonly rules: Record<string, RuleSetting>;
  readonly output: string | undefined;
  readonly helm: HelmSettings;
  readonly allowEmpty: boolean;
}

function parseArgs(args: readonly string[]): LintArgs | string {
  let format: LintArgs['format'] = 'text';
  const paths: string[] = [];
  const rules: Record<string, RuleSetting> = {};
  let output: string | undefined;
  let helmPath: string | undefined;
  const valuesFiles: string[] = [];
  let allowEmpty = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => (a.includes('=') && a.startsWith('--') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '--format' || a.startsWith('--format=') || a === '-f') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif' && v !== 'github') return `unknown format "${v ?? ''}": use text, json, sarif or github`;
      format = v;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = value() ?? '';
      const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(v);
      if (!m) return `bad --rule "${v}": use CODE=error|warning|info|hint|off`;
      rules[m[1]] = m[2] as RuleSetting;
    } else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      output = value();
      if (!output) return 'missing file after -o';
    } else if (a === '--helm' || a.startsWith('--helm=')) {
      helmPath = value();
      if (!helmPath) return 'missing path after --helm (or "off")';
    } else if (a === '--helm-values' || a.startsWith('--helm-values=')) {
      const v = value();
      if (!v) return 'missing file after --helm-values';
      valuesFiles.push(resolve(v));
    } else if (a === '--allow-empty') {
      allowEmpty = true;
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option "${a}"`;
    } else paths.push(a);
  }
  if (paths.length === 0) return 'no PATH given';
  return { format, paths, rules, output, helm: { path: helmPath, valuesFiles }, allowEmpty };
}

export async function runLintCommand(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`argo-studio lint: ${parsed}\n${LINT_USAGE}`);
    return EXIT_USAGE;
  }
  const stdin = parsed.paths.includes(STDIN_PATH);
  const { files, missing, skipped } = await findYamlFiles(parsed.paths.filter((p) => p !== STDIN_PATH));
  for (const m of missing) io.stderr(`argo-studio lint: ${m}: no such file or directory\n`);
  if (missing.length > 0) return EXIT_USAGE;
  const problems: CliProblem[] = skipped.map((s) => readError(s.path, s.severity, s.reason));
  let argoDocuments = 0;
  const texts = new Map<string, string>();
  if (stdin) {
    try {
      texts.set(STDIN_NAME, await io.readStdin());
    } catch (e) {
      problems.push(readError(STDIN_NAME, 'error', `cannot read standard input: ${describeError(e)}`));
    }
  }
  for (const file of files) {
    try {
      texts.set(file, io.readFile(file));
    } catch (e) {
      problems.push(readError(file, 'error', `cannot read file: ${e instanceof Error ? e.message : String(e)}`));
    }
  }
  // WorkflowTemplates of every file given resolve templateRefs in the others (like argo lint --offline).
  const workspace = indexTexts([...texts].map(([uri, text]) => ({ uri, text })));
  for (const [file, text] of texts) {
    const analysis = analyzeFileText(file, text, { rules: parsed.rules, reportNonArgoSyntax: true, workspace, uri: file }, parsed.helm);
    argoDocuments += analysis.documents.filter((d) => d.model).length;
    const index = new LineIndex(text);
    for (const f of analysis.findings) {
      const s = index.positionAt(f.range.start);
      const e = index.positionAt(f.range.end);
      problems.push({
        file,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      });
    }
  }
  const out =
    parsed.format === 'json'
      ? formatJson(problems)
      : parsed.format === 'sarif'
        ? formatSarif(problems, VERSION)
        : parsed.format === 'github'
          ? formatGithub(problems)
          : formatText(problems) + summary(problems, files.length + (stdin ? 1 : 0), argoDocuments);
  if (parsed.output && parsed.output !== STDIN_PATH) {
    try {
      io.writeFile(parsed.output, out);
    } catch (e) {
      io.stderr(`argo-studio lint: cannot write ${parsed.output}: ${describeError(e)}\n`);
      return EXIT_USAGE;
    }
  } else io.stdout(out);
  if (((files.length === 0 && !stdin) || argoDocuments === 0) && !parsed.allowEmpty) {
    io.stderr(
      'argo-studio lint: found nothing to lint in the specified paths (no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow documents)\n',
    );
    return EXIT_PROBLEMS;
  }
  return problems.some((p) => p.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
}

function readError(file: string, severity: Severity, message: string): CliProblem {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity, code: 'read-error', message };
}

function summary(problems: readonly CliProblem[], files: number, docs: number): string {
  const count = (s: Severity): number => problems.filter((p) => p.severity === s).length;
  return `${files} file(s), ${docs} Argo document(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} info\n`;
}
