import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/analyze';

const wf = (template: string, spec = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: t-
spec:
  entrypoint: main
${spec}  templates:
    - name: main
${template}`;

const seen = (text: string): string[][] => check(text).map((s) => [s.code, s.at]);

test('retry-invalid: a limit that is not a number, a backoff duration that is not a duration', () => {
  const text = wf(`      retryStrategy:
        limit: three
        backoff: {duration: "5 minutes", maxDuration: "1h30m", factor: 2}
      container: {image: alpine:3.20}
`);
  assert.deepEqual(seen(text), [
    ['retry-invalid', 'three'],
    ['retry-invalid', '"5 minutes"'],
  ]);
  assert.match(check(text)[1].message, /is not a duration: write e\.g\. "30s"/);
  for (const ok of ['limit: 3', 'limit: "3"', 'limit: "{{workflow.parameters.count}}"'])
    assert.deepEqual(
      seen(
        wf(
          `      retryStrategy: {${ok}, backoff: {duration: "10", maxDuration: 2m}}\n      container: {image: alpine:3.20}\n`,
          '  arguments: {parameters: [{name: count, value: "2"}]}\n',
        ),
      ),
      [],
      ok,
    );
});

test('reserved-container-name: a sidecar named main collides with the template container', () => {
  const text = wf(`      container: {image: alpine:3.20}
      sidecars: [{name: main, image: nginx}]
`);
  assert.deepEqual(seen(text), [['reserved-container-name', 'main']]);
});

test('unknown-volume: a volumeMount naming no volume; spec.volumes, template volumes and volumeClaimTemplates count', () => {
  const text = wf(
    `      volumes: [{name: own, emptyDir: {}}]
      container:
        image: alpine:3.20
        volumeMounts: [{name: work, mountPath: /w}, {name: own, mountPath: /o}, {name: claim, mountPath: /c}, {name: cache, mountPath: /x}]
`,
    `  volumes: [{name: work, emptyDir: {}}]
  volumeClaimTemplates: [{metadata: {name: claim}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
`,
  );
  assert.deepEqual(seen(text), [['unknown-volume', 'cache']]);
  assert.match(check(text)[0].message, /volumes: work, claim, own/);
});

test('unknown-volume is not checked in a WorkflowTemplate (the Workflow that runs it may bring the volume)', () => {
  const text = wf(`      container: {image: alpine:3.20, volumeMounts: [{name: cache, mountPath: /x}]}\n`)
    .replace('kind: Workflow', 'kind: WorkflowTemplate')
    .replace('generateName: t-', 'name: t');
  assert.deepEqual(seen(text), []);
});

test('script-source-required: a script template with no source', () => {
  assert.deepEqual(seen(wf(`      script: {image: python:3.12, command: [python]}\n`)), [['script-source-required', 'script']]);
  assert.deepEqual(seen(wf(`      script: {image: python:3.12, command: [python], source: "print(1)"}\n`)), []);
});
