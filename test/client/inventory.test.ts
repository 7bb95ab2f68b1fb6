// Cluster-aware checks, client side: the inventory of a namespace (names only, metadata-only lists),
// kinds that cannot be listed reported as unavailable, and InventorySync sending it to the language
// server only when it changed (null when the checks are off or the cluster is unreachable).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gatherInventory, type ClusterInventory } from '../../client/src/cluster/inventory';
import { KubeTransport } from '../../client/src/cluster/transport';
import { InventorySync } from '../../client/src/runs/inventory-sync';
import { resources, type ResourceDef } from '../cluster/emulator/resources.js';
import { startTestCluster, waitUntil, type TestCluster } from './helpers/cluster';

const WT = (name: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: ${name}}\nspec: {entrypoint: main, templates: [{name: main, container: {image: busybox}}]}\n`;

/** Core kinds the emulator does not serve by default; added for this test process only. */
function core(plural: string, kind: string): ResourceDef {
  return {
    group: '',
    version: 'v1',
    plural,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    namespaced: true,
    shortNames: [],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    categories: [],
    printerColumns: [],
  };
}

describe('cluster inventory', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    c.emu.controller.pause();
    c.emu.apply(WT('build'));
    c.emu.apply(WT('deploy'));
    c.emu.apply(WT('elsewhere'), 'other');
    c.emu.apply('apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata: {name: shared}\nspec: {templates: []}\n');
  });
  after(async () => {
    await c.emu.stop();
  });

  it('lists template names; kinds the cluster does not serve are unavailable', { timeout: 10_000 }, async () => {
    const inv = await gatherInventory(c.conn, 'argo');
    assert.deepEqual(inv, {
      context: 'argo-studio-emulator',
      namespace: 'argo',
      workflowTemplates: ['build', 'deploy'],
      clusterWorkflowTemplates: ['shared'],
      serviceAccounts: [],
      secrets: [],
      configMaps: [],
      pvcs: [],
      unavailable: ['serviceAccounts', 'secrets', 'configMaps', 'pvcs'],
    });
  });

  it('lists ServiceAccounts, Secrets, ConfigMaps, PVCs by name, metadata only; a forbidden kind is unavailable', { timeout: 10_000 }, async () => {
    resources.push(
      core('serviceaccounts', 'ServiceAccount'),
      core('secrets', 'Secret'),
      core('configmaps', 'ConfigMap'),
      core('persistentvolumeclaims', 'PersistentVolumeClaim'),
    );
    c.emu.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'argo-workflow' } });
    c.emu.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password' }, data: { password: 'c2VjcmV0' } });
    c.emu.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    c.emu.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'workdir' } });
    const inv = await gatherInventory(c.conn, 'argo');
    assert.deepEqual(
      [inv.serviceAccounts, inv.secrets, inv.configMaps, inv.pvcs, inv.unavailable],
      [['argo-workflow'], ['db-password'], ['settings'], ['workdir'], []],
    );
    const secretList = c.emu.requests.filter((r) => r.path.endsWith('/secrets')).pop();
    assert.match(secretList?.accept ?? '', /as=PartialObjectMetadataList/, 'asks for metadata only');
    c.emu.auth.deny({ verb: 'list', resource: 'secrets' });
    try {
      const limited = await gatherInventory(c.conn, 'argo');
      assert.deepEqual(limited.unavailable, ['secrets']);
      assert.deepEqual(limited.configMaps, ['settings']);
    } finally {
      c.emu.auth.clearDenies();
    }
  });

  it('InventorySync sends on change only; null when off or unreachable', { timeout: 15_000 }, async () => {
    const sent: (ClusterInventory | null)[] = [];
    let enabled = true;
    let conn: KubeTransport | undefined = c.conn;
    const sync = new InventorySync({ connection: () => conn, enabled: () => enabled, send: (i) => sent.push(i), intervalMs: 60_000 });
    try {
      sync.start();
      await waitUntil(() => sent.length === 1, 'the first inventory');
      assert.deepEqual(sent[0]?.workflowTemplates, ['build', 'deploy']);
      await sync.refresh();
      assert.equal(sent.length, 1, 'unchanged: not sent again');
      c.emu.apply(WT('new-one'));
      await sync.refresh();
      assert.deepEqual(sent[1]?.workflowTemplates, ['build', 'deploy', 'new-one']);
      enabled = false;
      await sync.refresh();
      assert.equal(sent[2], null, 'checks off');
      enabled = true;
      conn = c.conn.withNamespace('other');
      await sync.refresh();
      assert.deepEqual([sent[3]?.namespace, sent[3]?.workflowTemplates], ['other', ['elsewhere']]);
      conn = KubeTransport.open({ files: [c.emu.kubeconfigPath], origin: 'setting' }, undefined, undefined, 500);
      c.emu.faults.blackhole({});
      await sync.refresh();
      assert.equal(sent[sent.length - 1], null, 'unreachable: no inventory rather than false warnings');
      c.emu.faults.unblackhole();
    } finally {
      sync.stop();
    }
  });
});
