import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHelmTemplate, type HelmRender } from '../../../server/src/core/helm';

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: {{ .Release.Name }}-wf
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    {{- range .Values.jobs }}
    - - name: {{ .name }}
        template: run
    {{- end }}
    - - name: last
        template: rnu
  - name: run
    container:
      image: alpine
      {{- include "chart.pull-policy" . | nindent 6 }}
`;

/** What \`helm template --show-only templates/wf.yaml\` writes for TEMPLATE with jobs [ok, bad_name] and pullPolicy Sometimes. */
const RENDERED = `---
# Source: chart/templates/wf.yaml
apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: release-name-wf
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: ok
        template: run
    - - name: bad_name
        template: run
    - - name: last
        template: rnu
  - name: run
    container:
      image: alpine
      imagePullPolicy: Sometimes
`;

const render: HelmRender = { ok: true, output: RENDERED, command: 'helm template chart --show-only templates/wf.yaml' };

test('rendered findings land on the template lines that wrote them (a range body, a literal line, an include)', () => {
  const a = analyzeHelmTemplate(TEMPLATE, {}, render);
  assert.equal(a.helm.mode, 'rendered');
  assert.deepEqual(
    a.findings.map((f) => [f.code, lineOf(TEMPLATE, f.range.start)]),
    [
      ['invalid-name', 11],
      ['unknown-template', 15],
      ['schema-enum', 19],
    ],
  );
  const onLiteral = a.findings.find((f) => f.code === 'unknown-template');
  assert.equal(TEMPLATE.slice(onLiteral?.range.start, onLiteral?.range.end), 'rnu');
  // The masked mode's quick fix is offered for the same finding at the same place.
  assert.ok(onLiteral?.fixes?.some((f) => /run/.test(f.title)));
  assert.match(a.findings.find((f) => f.code === 'schema-enum')?.message ?? '', /written by this line|in rendered output/);
});

test('a finding on rendered text that no single template line wrote goes on the first line and says so', () => {
  const template = TEMPLATE.replace('      image: alpine\n', '      image: alpine\n      {{- include "chart.more" . | nindent 6 }}\n');
  const a = analyzeHelmTemplate(template, {}, render);
  const f = a.findings.find((x) => x.code === 'schema-enum');
  assert.equal(lineOf(template, f?.range.start ?? -1), 1);
  assert.match(f?.message ?? '', /in rendered output, line 21: imagePullPolicy: Sometimes/);
});

test("a failed render is one finding with Helm's message on the line Helm names, and the masked findings", () => {
  const failed: HelmRender = {
    ok: false,
    command: 'helm template chart --show-only templates/wf.yaml',
    source: 'templates/wf.yaml',
    message: 'Error: template: chart/templates/wf.yaml:11:20: executing "chart/templates/wf.yaml" at <.name>: nil pointer evaluating interface {}.name\n',
  };
  const a = analyzeHelmTemplate(TEMPLATE, {}, failed);
  assert.equal(a.helm.mode, 'masked');
  assert.deepEqual(
    a.findings.map((f) => [f.code, lineOf(TEMPLATE, f.range.start)]),
    [
      ['helm-render-error', 11],
      ['unknown-template', 15],
    ],
  );
  assert.match(a.findings[0].message, /^Helm could not render this template: template: chart\/templates\/wf.yaml:11:20: executing .* nil pointer/);
});
