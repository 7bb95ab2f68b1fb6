import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DIST_CLI, REPO } from '../helpers/paths';
import { HELM_BIN, helmSkip } from '../helpers/tools';

const FIXTURES = join(REPO, 'test', 'fixtures');
const CHARTS = join(FIXTURES, 'helm');

/** A problem planted in our charts; `masked`: the masked mode (no Helm) finds it too (it does not depend on values). */
interface Planted {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly masked: boolean;
  /** Found with the chart's values.yaml but not with values-prod.yaml (the value is the problem). */
  readonly byValue?: boolean;
}

const WT = 'argo-chart/templates/workflow-template.yaml';
const CRON = 'argo-chart/templates/cron-workflow.yaml';
const SAY = 'bare-variable-chart/templates/say.yaml';
const TYPO = 'typo-chart/templates/pipeline.yaml';

const PLANTED: readonly Planted[] = [
  { file: CRON, line: 8, code: 'cron-timezone-invalid', masked: false, byValue: true },
  { file: CRON, line: 15, code: 'invalid-name', masked: false, byValue: true },
  { file: CRON, line: 23, code: 'unknown-template', masked: true },
  { file: WT, line: 10, code: 'schema-type', masked: false, byValue: true },
  { file: WT, line: 29, code: 'unknown-dependency', masked: true },
  { file: WT, line: 50, code: 'schema-enum', masked: false, byValue: true },
  { file: WT, line: 51, code: 'unresolved-variable', masked: true },
  { file: SAY, line: 14, code: 'helm-render-error', masked: false },
  { file: SAY, line: 14, code: 'helm-unescaped-argo-variable', masked: true },
  { file: TYPO, line: 20, code: 'unknown-dependency', masked: true },
];

interface JsonProblem {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

function lint(...args: string[]): { problems: JsonProblem[]; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [DIST_CLI, 'lint', '--format', 'json', ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  assert.ok(r.stdout.startsWith('['), `no JSON from argo-studio lint: ${r.stdout}${r.stderr}`);
  return { problems: JSON.parse(r.stdout) as JsonProblem[], stderr: r.stderr, status: r.status };
}

const key = (p: { file: string; line: number; code: string }): string => `${p.file}:${p.line} ${p.code}`;
const found = (problems: readonly JsonProblem[]): string[] => problems.map((p) => key({ ...p, file: p.file.slice(CHARTS.length + 1) })).sort();
const expected = (keep: (p: Planted) => boolean): string[] => PLANTED.filter(keep).map(key).sort();

test('Helm charts without Helm (masked mode): exactly the planted problems that do not depend on values, on their template lines', () => {
  const r = lint('--helm', 'off', CHARTS);
  assert.deepEqual(
    found(r.problems),
    expected((p) => p.masked),
  );
  assert.equal(r.stderr, '', 'nothing on stderr (no YAML library warnings)');
  assert.equal(r.status, 1);
});

test('Helm charts rendered by the real Helm: exactly the planted problems, each on the template line that produced it', { skip: helmSkip() }, () => {
  const r = lint('--helm', HELM_BIN, CHARTS);
  assert.deepEqual(
    found(r.problems),
    expected(() => true),
  );
  const render = r.problems.find((p) => p.code === 'helm-render-error');
  assert.match(render?.message ?? '', /function "inputs" not defined/);
  const enumProblem = r.problems.find((p) => p.code === 'schema-enum');
  assert.match(enumProblem?.message ?? '', /Sometimes/);
  assert.equal(r.stderr, '');
});

test('--helm-values: the values file replaces the planted values, and their problems go', { skip: helmSkip() }, () => {
  const r = lint('--helm', HELM_BIN, '--helm-values', join(CHARTS, 'argo-chart', 'values-prod.yaml'), join(CHARTS, 'argo-chart'));
  assert.deepEqual(
    found(r.problems),
    expected((p) => p.file.startsWith('argo-chart/') && !p.byValue),
  );
});

test('Kustomize patches are partial documents: nothing reported missing, real problems still reported', () => {
  const dir = join(FIXTURES, 'kustomize');
  const r = lint(dir);
  assert.deepEqual(r.problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line} ${p.code}`).sort(), [
    'overlay/nightly-image.yaml:11 schema-enum',
    'overlay/nightly-schedule.yaml:8 cron-schedule-invalid',
  ]);
});
