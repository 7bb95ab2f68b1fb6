import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/core/analyze';
import { indexTexts } from '../../server/src/core/workspace/index-texts';
import { check, codes, dagWorkflow, stepsWorkflow } from '../helpers/analyze';
import { applyEdits } from '../helpers/edits';

/** Findings of one code, as [code, text at range]. */
function only(code: string, text: string): [string, string][] {
  return check(text)
    .filter((s) => s.code === code)
    .map((s) => [s.code, s.at]);
}

const printTemplate = `    - name: print
      inputs:
        parameters:
          - name: message
          - name: level
            default: info
      container:
        image: alpine
`;

test('metadata: name-too-long (63, and 52 for CronWorkflow), invalid-resource-name, name-or-generate-name-required', () => {
  const long = 'a'.repeat(64);
  const wf = dagWorkflow('- {name: a, template: echo}').replace('generateName: t-', `name: ${long}`);
  assert.deepEqual(only('name-too-long', wf), [['name-too-long', long]]);
  assert.deepEqual(only('name-too-long', wf.replace(long, 'a'.repeat(63))), []);
  assert.deepEqual(only('invalid-resource-name', wf.replace(long, 'My_Flow')), [['invalid-resource-name', 'My_Flow']]);
  assert.deepEqual(only('name-or-generate-name-required', wf.replace(`name: ${long}`, 'labels: {a: b}')), [['name-or-generate-name-required', 'metadata']]);
  const cron = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: ${'c'.repeat(53)}}
spec:
  schedules: ["0 * * * *"]
  workflowSpec:
    entrypoint: main
    templates: [{name: main, container: {image: alpine}}]
`;
  assert.deepEqual(codes(cron), ['name-too-long']);
  assert.deepEqual(codes(cron.replace('c'.repeat(53), 'c'.repeat(52))), []);
});

test('arguments: names, duplicates, values, valueFrom, enums, artifacts', () => {
  const text = dagWorkflow(
    `- name: a
  template: print
  arguments:
    parameters:
      - {name: message, value: hi}
      - {name: message, value: again}
      - {name: "bad name", value: x}
      - {name: level}
      - {name: from-path, valueFrom: {path: /tmp/x}}
    artifacts:
      - {name: data}
      - {name: both, from: "{{tasks.x.outputs.artifacts.y}}", fromExpression: "x"}`,
    printTemplate,
  ).replace('arguments:\n    parameters:\n      - name: image-url', '');
  const seen = check(text).map((s) => [s.code, s.at]);
  assert.deepEqual(
    seen.filter(([c]) => c !== 'unknown-argument' && c !== 'unresolved-variable'),
    [
      ['duplicate-parameter-name', 'message'],
      ['invalid-parameter-name', '"bad name"'],
      ['argument-value-required', 'level'],
      ['argument-value-from-invalid', 'path'],
      ['artifact-argument-source-required', 'data'],
      ['artifact-from-and-from-expression', 'fromExpression'],
    ],
  );
  const enums = dagWorkflow('- {name: a, template: echo}').replace(
    '  templates:',
    '  arguments:\n    parameters:\n      - {name: color, value: pink, enum: [red, blue]}\n      - {name: size, enum: []}\n  templates:',
  );
  assert.deepEqual(
    check(enums).map((s) => [s.code, s.at]),
    [
      ['enum-value-not-allowed', 'pink'],
      ['enum-empty', 'enum'],
    ],
  );
  assert.deepEqual(codes(enums.replace('pink', 'red').replace('      - {name: size, enum: []}\n', '')), []);
});

test('missing-input-argument at a call site, with a quick fix that adds it', () => {
  const text = dagWorkflow(
    `- name: a
  template: print`,
    printTemplate,
  );
  const seen = check(text).filter((s) => s.code === 'missing-input-argument');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].at, 'print');
  assert.match(seen[0].message, /inputs\.parameters\.message was not supplied/);
  const fix = seen[0].finding.fixes?.[0];
  assert.ok(fix);
  const fixed = applyEdits(text, fix.edits);
  assert.deepEqual(codes(fixed), []);
  // passing it (or having a default) is fine; an extra argument is a warning
  const ok = dagWorkflow(
    `- name: a
  template: print
  arguments:
    parameters:
      - {name: message, value: hi}
      - {name: mesage, value: typo}`,
    printTemplate,
  );
  assert.deepEqual(
    check(ok).map((s) => [s.code, s.at]),
    [['unknown-argument', 'mesage']],
  );
});

test('missing-input-argument for the entrypoint from spec.arguments (Workflow only)', () => {
  const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: x-}
spec:
  entrypoint: print
  templates:
${printTemplate}`;
  assert.deepEqual(codes(text), ['missing-input-argument']);
  assert.deepEqual(codes(text.replace('kind: Workflow', 'kind: WorkflowTemplate').replace('generateName: x-', 'name: wt')), []);
  assert.deepEqual(codes(text.replace('  templates:', '  arguments: {parameters: [{name: message, value: hi}]}\n  templates:')), []);
});

test('templateRef resolves across files: unknown template (with suggestion), missing inputs; not found is info', () => {
  const wt = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: {name: shared}
spec:
  templates:
${printTemplate}`;
  const workspace = indexTexts([{ uri: 'file:///wt.yaml', text: wt }]);
  const caller = dagWorkflow(`- name: a
  templateRef: {name: shared, template: prnt}
- name: b
  templateRef: {name: shared, template: print}
- name: c
  templateRef: {name: elsewhere, template: x}`);
  const seen = analyzeText(caller, { workspace }).findings.map((f) => [f.code, f.severity, caller.slice(f.range.start, f.range.end)]);
  assert.deepEqual(seen, [
    ['template-ref-unknown-template', 'error', 'prnt'],
    ['missing-input-argument', 'error', '{name: shared, template: print}'],
    ['template-ref-not-found', 'info', 'elsewhere'],
  ]);
  // strict mode makes a missing WorkflowTemplate an error
  const strict = analyzeText(caller, { workspace, rules: { 'template-ref-not-found': 'error' } }).findings.filter((f) => f.code === 'template-ref-not-found');
  assert.equal(strict[0].severity, 'error');
  // other documents of the same file resolve too
  assert.deepEqual(
    codes(`${wt}---\n${caller.replace('template: prnt', 'template: print')}`).filter((c) => c === 'template-ref-unknown-template'),
    [],
  );
});

test('template bodies: image, reserved names, init containers, leaf/non-leaf fields, durations, retry policy', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: no-image
      container: {command: [echo]}
    - name: side
      container: {image: alpine}
      sidecars: [{name: wait, image: alpine}]
      initContainers: [{image: alpine}]
      parallelism: 2
      timeout: 30
      activeDeadlineSeconds: 0
      retryStrategy: {retryPolicy: OnFail}
    - name: outer
      timeout: 10m
      steps: [[{name: s, template: echo}]]
`,
  );
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [
      ['image-required', 'container'],
      ['reserved-container-name', 'wait'],
      ['init-container-name-required', '{image: alpine}'],
      ['leaf-only-parallelism', 'parallelism'],
      ['invalid-duration', '30'],
      ['invalid-active-deadline', '0'],
      ['schema-enum', 'OnFail'],
      ['non-leaf-field', 'timeout'],
    ],
  );
  const defaults = text.replace('  templates:', '  templateDefaults: {container: {image: busybox}}\n  templates:');
  assert.deepEqual(only('image-required', defaults), []);
});

test('resource templates: manifest required, valid YAML (expressions allowed), manifestFrom artifact', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: r1
      resource: {action: create}
    - name: r2
      resource:
        action: apply
        manifest: |
          a: [b
    - name: r3
      inputs: {parameters: [{name: nm}]}
      resource:
        action: apply
        manifest: |
          name: {{=sprig.lower(inputs.parameters.nm)}}
    - name: r4
      resource:
        action: apply
        manifestFrom: {artifact: {name: nope}}
    - name: r5
      resource: {action: delete, flags: [pod, x]}
`,
  );
  assert.deepEqual(
    check(text).map((s) => s.code),
    ['resource-manifest-required', 'resource-manifest-invalid', 'resource-manifest-invalid'],
  );
});

test('metrics: names, labels, help, values', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: m
      container: {image: alpine}
      metrics:
        prometheus:
          - name: bad-name
            help: h
            gauge: {value: "1", realtime: false}
          - name: no_help
            counter: {value: "1"}
          - name: no_value
            help: h
            labels: [{key: "bad-key", value: v}]
            histogram: {buckets: [1]}
`,
  );
  assert.deepEqual(
    check(text).map((s) => s.code),
    ['invalid-metric', 'invalid-metric', 'invalid-metric', 'invalid-metric'],
  );
});

test('artifacts and output parameters', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: c
      inputs: {artifacts: [{name: in, from: "{{x}}"}]}
      outputs:
        artifacts: [{name: out}]
        parameters:
          - {name: p1}
          - {name: p2, value: x, valueFrom: {path: /x}}
          - {name: p3, valueFrom: {jsonPath: "{.x}"}}
          - {name: p4, valueFrom: {path: /x, parameter: q}}
      container: {image: alpine}
    - name: s
      outputs:
        artifacts: [{name: o, path: /tmp/x}]
        parameters: [{name: q, valueFrom: {path: /x}}]
      steps: [[{name: st, template: echo}]]
`,
  );
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [
      ['artifact-path-required', 'in'],
      ['artifact-path-not-allowed', 'from'],
      ['artifact-path-required', 'out'],
      ['output-value-source', 'p1'],
      ['output-value-source', 'p2'],
      ['output-value-source', 'valueFrom'],
      ['output-value-source', 'valueFrom'],
      ['artifact-path-not-allowed', 'path'],
      ['output-value-source', 'valueFrom'],
    ],
  );
});

test('loops and hooks', () => {
  const text = stepsWorkflow(`- - name: a
    template: echo
    withItems: [1]
    withParam: "[1]"
  - name: b
    template: echo
    withSequence: {count: "3", end: "5"}
  - name: c
    template: echo
    hooks:
      running: {template: echo}
      exit: {template: echo}`).replace('  templates:', '  hooks:\n    started: {template: echo}\n  templates:');
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [
      ['hook-expression-required', 'started'],
      ['multiple-loops', 'withParam'],
      ['with-sequence-count-and-end', 'end'],
      ['hook-expression-required', 'running'],
    ],
  );
  // DAG task hooks are not checked by Argo
  assert.deepEqual(codes(dagWorkflow('- {name: a, template: echo, hooks: {running: {template: echo}}}')), []);
});

test('CronWorkflow: schedules, timezone, concurrencyPolicy, startingDeadlineSeconds, arguments need values', () => {
  const cron = (spec: string): string => `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: c}
spec:
${spec}
  workflowSpec:
    entrypoint: main
    templates: [{name: main, container: {image: alpine}}]
`;
  assert.deepEqual(
    codes(
      cron(
        '  schedules: ["*/5 * * * *", "@daily", "@every 1h30m", "CRON_TZ=Europe/Berlin 0 9 * * MON-FRI"]\n  timezone: America/New_York\n  concurrencyPolicy: Forbid',
      ),
    ),
    [],
  );
  assert.deepEqual(
    check(
      cron(
        '  schedules: ["0 0 * *", "61 * * * *", "@sometimes", "CRON_TZ=Mars/Base 0 * * * *"]\n  timezone: Nowhere/Land\n  concurrencyPolicy: Never\n  startingDeadlineSeconds: -1',
      ),
    ).map((s) => s.code),
    [
      'cron-schedule-invalid',
      'cron-schedule-invalid',
      'cron-schedule-invalid',
      'cron-timezone-invalid',
      'cron-timezone-invalid',
      'schema-enum',
      'cron-starting-deadline-negative',
    ],
  );
  assert.deepEqual(codes(cron('  timezone: UTC')), ['cron-schedule-required']);
  const withArgs = cron('  schedules: ["@daily"]').replace('    entrypoint: main', '    entrypoint: main\n    arguments: {parameters: [{name: p}]}');
  assert.deepEqual(codes(withArgs), ['argument-value-required']);
});

test('YAML 1.1 scalars: warned where Argo expects text, with a quick fix that quotes; not where it expects bool/int', () => {
  const text = dagWorkflow(
    `- name: a
  template: echo
  withItems: [x, y, z]
  arguments:
    parameters:
      - {name: answer, value: no}
      - {name: mode, value: 0755}`,
    `    - name: d
      daemon: yes
      container: {image: alpine, volumeMounts: [{name: v, mountPath: /v}]}
      volumes: [{name: v, secret: {secretName: s, defaultMode: 0755}}]
`,
  );
  const seen = check(text).filter((s) => s.code.startsWith('yaml11'));
  assert.deepEqual(
    seen.map((s) => [s.code, s.at]),
    [
      ['yaml11-boolean', 'y'],
      ['yaml11-boolean', 'no'],
      ['yaml11-number', '0755'],
    ],
  );
  assert.match(seen[1].message, /arrives as "false"/);
  assert.match(seen[2].message, /493/);
  const fix = seen[0].finding.fixes?.[0];
  assert.equal(fix?.edits[0].newText, '"y"');
  assert.deepEqual(
    check(text).filter((s) => s.code === 'schema-type'),
    [],
    'daemon: yes is a boolean for Argo',
  );
  const param = dagWorkflow('- {name: a, template: echo}').replace(
    '  templates:',
    '  arguments:\n    parameters:\n      - {name: n, value: "1"}\n  templates:',
  );
  // A name must be text: Go reads `n` as false and Argo cannot decode the workflow (argo lint rejects it).
  const named = check(param).filter((x) => x.code.startsWith('yaml11'));
  assert.deepEqual(
    named.map((x) => [x.code, x.severity, x.at]),
    [['yaml11-not-text', 'error', 'n']],
  );
  assert.match(named[0].message, /cannot decode/);
});

test('globalName syntax and mount collisions', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: g
      volumes: [{name: a, emptyDir: {}}, {name: b, emptyDir: {}}, {name: c, emptyDir: {}}]
      inputs: {artifacts: [{name: in, path: /data}]}
      outputs: {parameters: [{name: p, globalName: bad.name, valueFrom: {path: /x}}, {name: q, globalName: "{{inputs.parameters.n}}", valueFrom: {path: /y}}]}
      container:
        image: alpine
        volumeMounts: [{name: a, mountPath: /data}, {name: b, mountPath: /cache}, {name: c, mountPath: /cache}]
`,
  );
  assert.deepEqual(
    check(text)
      .filter((s) => s.code !== 'unresolved-variable')
      .map((s) => [s.code, s.at]),
    [
      ['mount-collision', '/data'],
      ['invalid-global-name', 'bad.name'],
      ['mount-collision', '/cache'],
    ],
  );
});

test('containerSet: unknown dependency, cycle, main container for outputs', () => {
  const text = dagWorkflow(
    '- {name: a, template: echo}',
    `    - name: cs
      outputs: {parameters: [{name: o, valueFrom: {path: /o}}]}
      containerSet:
        containers:
          - {name: a, image: alpine, dependencies: [b]}
          - {name: b, image: alpine, dependencies: [a, zz]}
`,
  );
  assert.deepEqual(
    check(text).map((s) => [s.code, s.at]),
    [
      ['container-set-invalid', 'containers'],
      ['container-set-invalid', 'a'],
      ['container-set-invalid', 'zz'],
    ],
  );
  const ok = text
    .replace('dependencies: [a, zz]', 'dependencies: []')
    .replace('{name: a, image', '{name: main, image')
    .replace('dependencies: [b]}', 'dependencies: [b]}');
  assert.deepEqual(codes(ok), []);
});
