import { allRules } from '../core/rules';
import type { Severity } from '../core/types';

/** One reported problem with 1-based positions, as the JSON format prints it. */
export interface CliProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
}

export function formatText(problems: readonly CliProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity} ${p.code} ${p.message}\n`).join('');
}

export function formatJson(problems: readonly CliProblem[]): string {
  return `${JSON.stringify(problems, null, 2)}\n`;
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A workflow command's message: %, CR and LF are encoded (GitHub's own escaping). */
const githubData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,`. */
const githubProperty = (s: string): string => githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations (`::error file=...,line=...::message`), one line per problem. */
export function formatGithub(problems: readonly CliProblem[]): string {
  return problems
    .map((p) => {
      const props = [
        `file=${githubProperty(p.file.split('\\').join('/'))}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        ...(p.endLine === p.line ? [`endColumn=${p.endColumn}`] : []),
        `title=${githubProperty(`argo-studio ${p.code}`)}`,
      ];
      return `::${GITHUB_COMMAND[p.severity]} ${props.join(',')}::${githubData(p.message)}\n`;
    })
    .join('');
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0, for code-scanning uploads. */
export function formatSarif(problems: readonly CliProblem[], version: string): string {
  const rules = allRules();
  const used = [...new Set(problems.map((p) => p.code))].sort();
  const ruleIndex = new Map(used.map((c, i) => [c, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'argo-studio',
            version,
            informationUri: 'https://github.com/argo-studio/argo-studio',
            rules: used.map((code) => {
              const meta = rules.find((r) => r.code === code);
              return {
                id: code,
                name: code,
                shortDescription: { text: meta?.description ?? code },
                defaultConfiguration: { level: SARIF_LEVEL[meta?.severity ?? 'error'] },
              };
            }),
          },
        },
        results: problems.map((p) => ({
          ruleId: p.code,
          ruleIndex: ruleIndex.get(p.code),
          level: SARIF_LEVEL[p.severity],
          message: { text: p.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: p.file.split('\\').join('/') },
                region: { startLine: p.line, startColumn: p.column, endLine: p.endLine, endColumn: p.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
