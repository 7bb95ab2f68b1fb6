import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHelmTemplate, hasHelmActions, maskedText } from '../../../server/src/core/helm';
import { indexTexts } from '../../../server/src/core/workspace';

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

const WT = (body: string): string => `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: {{ .Release.Name }}-wf
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  entrypoint: main
  templates:
${body}`;

test('masking keeps every offset: the masked text has the same length and line breaks', () => {
  const text = WT('  - name: main\n    container:\n      image: {{ .Values.image }}\n');
  const masked = maskedText(text);
  assert.equal(masked.length, text.length);
  assert.deepEqual(
    [...masked].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
    [...text].map((c, i) => (c === '\n' ? i : -1)).filter((i) => i >= 0),
  );
  assert.doesNotMatch(masked, /\{\{|\.Values|\.Release/);
  assert.match(masked, /name: ____Release_Name___-wf/);
});

test('escapes of Argo variables become what Argo receives, where the variable stands', () => {
  for (const [escaped, argo] of [
    ['{{ "{{" }}workflow.name{{ "}}" }}', '{{workflow.name}}'],
    ['{{`{{workflow.name}}`}}', '{{workflow.name}}'],
    ['{{ print "{{" "workflow.name" "}}" }}', '{{workflow.name}}'],
    ['{{ printf "{{%s}}" "workflow.name" }}', '{{workflow.name}}'],
  ]) {
    const masked = maskedText(`value: "${escaped}"`);
    assert.equal(masked.replace(/\s+/g, ''), `value:"${argo}"`, escaped);
  }
  // The name between two escapes stays at its own offset.
  const text = 'value: "{{ "{{" }}workflow.name{{ "}}" }}"';
  assert.equal(maskedText(text).indexOf('workflow.name'), text.indexOf('workflow.name'));
});

test('a template with actions is never a YAML syntax error, and its structure is checked', () => {
  const text = WT(`  - name: main
    dag:
      tasks:
      - name: a
        template: main2
      {{- if .Values.b }}
      - name: b
        depends: "aa"
        template: main2
      {{- else }}
      - name: b
        depends: a
        template: main2
      {{- end }}
  - name: main2
    container:
      image: {{ .Values.image.repository }}:{{ .Values.image.tag }}
      {{- with .Values.resources }}
      resources:
        {{- toYaml . | nindent 8 }}
      {{- end }}
`);
  const a = analyzeHelmTemplate(text);
  assert.equal(a.helm.mode, 'masked');
  // Both branches are kept (so "aa" is found) and the two tasks "b" are no duplicate.
  assert.deepEqual(
    a.findings.map((f) => [f.code, lineOf(text, f.range.start)]),
    [['unknown-dependency', 17]],
  );
});

test('values that a rule would reject are placeholders, not findings', () => {
  const text = WT(`  - name: main
    parallelism: {{ .Values.parallelism }}
    retryStrategy:
      limit: {{ .Values.retries | quote }}
    dag:
      tasks:
      - name: {{ .Values.first }}
        template: main2
      - name: b
        depends: {{ .Values.first }}
        template: main2
  - name: main2
    container:
      {{- include "chart.container" . | nindent 6 }}
`);
  assert.deepEqual(analyzeHelmTemplate(text).findings, []);
});

test('a bare Argo variable is an error with a quick fix that escapes it', () => {
  const text = WT(`  - name: main
    inputs:
      parameters:
      - name: msg
    container:
      image: alpine
      args: ["{{inputs.parameters.msg}}", "{{ inputs.parameters.msg }}"]
`);
  const a = analyzeHelmTemplate(text);
  const bare = a.findings.filter((f) => f.code === 'helm-unescaped-argo-variable');
  assert.equal(bare.length, 2);
  const fix = bare[0].fixes?.[0]?.edits[0];
  assert.equal(fix?.newText, '{{`{{inputs.parameters.msg}}`}}');
  assert.equal(text.slice(fix?.range.start, fix?.range.end), '{{inputs.parameters.msg}}');
  assert.match(bare[0].message, /function "inputs" not defined/);
  // Applied, the fix leaves no finding.
  const fixed = text.slice(0, fix!.range.start) + fix!.newText + text.slice(fix!.range.end);
  assert.equal(analyzeHelmTemplate(fixed).findings.filter((f) => f.code === 'helm-unescaped-argo-variable').length, 1);
});

test('Helm actions are told from Argo variables', () => {
  assert.equal(hasHelmActions('args: ["{{inputs.parameters.x}}", "{{=asInt(1)}}", "{{workflow.name}}"]'), false);
  assert.equal(hasHelmActions('name: {{ .Release.Name }}'), true);
  assert.equal(hasHelmActions('{{- if .Values.x }}\na: b\n{{- end }}'), true);
  assert.equal(hasHelmActions('labels: {{ include "x" . }}'), true);
  assert.equal(hasHelmActions('# a Secret with password: "{{ .token }}"\nkind: Workflow'), false);
});

test('a named template defined in the file is no part of the YAML', () => {
  const text = `{{- define "x" }}\nnot: [yaml\n{{- end }}\n${WT('  - name: main\n    container:\n      image: alpine\n')}`;
  assert.deepEqual(analyzeHelmTemplate(text).findings, []);
});

test('a WorkflowTemplate in a chart template is in the workspace index under its literal name', () => {
  // The whole document under an `if` at column 0, as charts switch resources on and off.
  const body = WT('  - name: say\n    container:\n      image: {{ .Values.image }}\n').replace('{{ .Release.Name }}-wf', 'shared-steps');
  const text = `{{- if .Values.enabled }}\n${body}{{- end }}\n`;
  const index = indexTexts([{ uri: 'file:///chart/templates/shared.yaml', text }]);
  assert.deepEqual(
    index.find('shared-steps', false)?.templates.map((t) => t.name),
    ['say'],
  );
});

test('names an include may write (templates, tasks) are not reported unknown; a typo elsewhere still is', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: ci-
spec:
  entrypoint: main
  templates:
  {{- include "chart.templates" . | nindent 2 }}
  - name: extra
    dag:
      tasks:
      {{- include "chart.tasks" . | nindent 6 }}
      - name: last
        depends: build
        template: main
`;
  assert.deepEqual(analyzeHelmTemplate(text).findings, []);
  const typo = text.replace('  templates:\n  {{- include "chart.templates" . | nindent 2 }}\n', '  templates:\n');
  assert.deepEqual(
    analyzeHelmTemplate(typo).findings.map((f) => f.code),
    ['unknown-template', 'unknown-template'],
  );
});

test('control lines inside a block scalar (a script) keep it one scalar; both branches are checked', () => {
  const text = WT(`  - name: main
    inputs:
      parameters:
      - name: team
    script:
      image: alpine
      command: [sh]
      source: |
        {{- if eq .Values.team "a" }}
        echo "a: {{ \`{{inputs.parameters.team}}\` }}"
        {{- else }}
        echo "other: {{ \`{{inputs.parameters.tean}}\` }}"
        {{- end }}
`);
  assert.deepEqual(
    analyzeHelmTemplate(text).findings.map((f) => [f.code, lineOf(text, f.range.start)]),
    [['unresolved-variable', 21]],
  );
});

test('a whole-line include at column 0 with `indent N` is a placeholder at column N (where Helm writes it)', () => {
  const text = WT(`  - name: main
{{ toYaml .Values.podSpec | indent 4 }}
    container:
      image: alpine
`);
  assert.match(maskedText(text), /\n {4}h+: h\n {4}container:/);
  assert.deepEqual(analyzeHelmTemplate(text).findings, []);
});
