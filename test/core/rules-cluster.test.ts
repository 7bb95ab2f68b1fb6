import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterInventory } from '../../server/src/core/workspace/cluster-inventory';
import { check, dagWorkflow } from '../helpers/analyze';

const inventory: ClusterInventory = {
  namespace: 'argo',
  workflowTemplates: ['shared'],
  clusterWorkflowTemplates: ['global'],
  serviceAccounts: ['default', 'runner'],
  secrets: ['s3-creds', 'registry'],
  configMaps: ['settings'],
  pvcs: ['data'],
  unavailable: [],
};

const text = dagWorkflow(
  `- {name: a, template: echo}
- {name: b, templateRef: {name: shraed, template: x}}
- {name: c, templateRef: {name: global, template: x, clusterScope: true}}
- {name: d, templateRef: {name: shared, template: x}}`,
  `    - name: uses
      serviceAccountName: runer
      volumes:
        - {name: v1, secret: {secretName: s3-cred}}
        - {name: v2, configMap: {name: settings}}
        - {name: v3, persistentVolumeClaim: {claimName: scratch}}
        - {name: v4, persistentVolumeClaim: {claimName: workdir}}
        - {name: v5, secret: {secretName: "{{workflow.parameters.s}}"}}
      container:
        image: alpine
        env:
          - {name: A, valueFrom: {secretKeyRef: {name: registry, key: k}}}
          - {name: B, valueFrom: {configMapKeyRef: {name: missing-cm, key: k}}}
          - {name: C, valueFrom: {configMapKeyRef: {name: optional-cm, key: k, optional: true}}}
`,
).replace('  templates:', '  volumeClaimTemplates: [{metadata: {name: workdir}, spec: {}}]\n  imagePullSecrets: [{name: registry}]\n  templates:');

test('cluster-aware checks: missing Secret, ConfigMap, PVC, ServiceAccount and WorkflowTemplate; nothing when not connected', () => {
  const seen = check(text, { inventory }).filter((s) => s.code === 'cluster-missing-resource');
  assert.deepEqual(
    seen.map((s) => s.at),
    ['shraed', 'runer', 's3-cred', 'scratch', 'missing-cm'],
  );
  assert.match(seen[0].message, /WorkflowTemplate "shraed" does not exist in namespace "argo".*Did you mean "shared"/);
  assert.ok(seen.every((s) => s.severity === 'warning'));
  // connected: the cluster resolves templateRefs, so no "not in the workspace" information
  assert.deepEqual(
    check(text, { inventory }).filter((s) => s.code === 'template-ref-not-found'),
    [],
  );
  // not connected: no cluster checks
  assert.deepEqual(
    check(text).filter((s) => s.code === 'cluster-missing-resource'),
    [],
  );
  // another namespace: unknown, so no warnings
  assert.deepEqual(
    check(text.replace('generateName: t-', 'generateName: t-\n  namespace: other'), { inventory }).filter((s) => s.code === 'cluster-missing-resource'),
    [],
  );
});

test('kinds the client could not list (forbidden) are not reported', () => {
  const seen = check(text, { inventory: { ...inventory, unavailable: ['secrets', 'configMaps'] } }).filter((s) => s.code === 'cluster-missing-resource');
  assert.deepEqual(
    seen.map((s) => s.at),
    ['shraed', 'runer', 'scratch'],
  );
});
