// The cluster context the features share (ConnectionManager): its connection and pods follow
// context and namespace switches; the store follows the namespace; no kubeconfig is an error, not a throw.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterConnection } from '../../client/src/cluster';
import { readBody } from '../../client/src/cluster/errors';
import { ConnectionManager, type ConnectionSettings } from '../../client/src/runs/connection-manager';
import { startTestCluster, waitUntil, type TestCluster } from './helpers/cluster';

describe('connection manager', () => {
  let c: TestCluster;
  let settings: ConnectionSettings;
  let manager: ConnectionManager;
  before(async () => {
    c = await startTestCluster();
    c.emu.controller.pause();
    c.emu.apply('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: in-argo}\nspec: {entrypoint: main}\n');
    c.emu.apply('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: in-other}\nspec: {entrypoint: main}\n', 'other');
    settings = { kubeconfig: c.emu.kubeconfigPath };
    manager = new ConnectionManager({ settings: () => settings, env: {}, store: { listWatch: { backoff: { initialMs: 20, maxMs: 200 } } } });
  });
  after(async () => {
    manager.dispose();
    await c.emu.stop();
  });

  it('publishes the connection and follows namespace and context switches', { timeout: 15_000 }, async () => {
    const seen: (ClusterConnection | undefined)[] = [];
    const sub = manager.onDidChange(() => seen.push(manager.connection));
    try {
      manager.connect();
      const conn = manager.connection;
      assert.deepEqual([conn?.contextName, conn?.namespace, conn?.server], ['argo-studio-emulator', 'argo', c.emu.url]);
      assert.equal(manager.pods, manager.store?.pods, "the logs take the runs store's pods");
      await waitUntil(() => manager.store?.get('in-argo'), 'the run of namespace argo');
      // The logs panel's use: a raw request through the shared connection.
      const res = await conn!.request('GET', '/api/v1/namespaces/argo/pods?limit=1');
      assert.equal(res.statusCode, 200);
      assert.equal(JSON.parse(await readBody(res)).kind, 'PodList');

      settings = { ...settings, namespace: 'other' };
      manager.connect();
      assert.equal(manager.connection?.namespace, 'other');
      await waitUntil(() => manager.store?.get('in-other'), 'the run of namespace other');
      assert.equal(manager.store?.get('in-argo'), undefined);

      settings = { kubeconfig: c.emu.kubeconfigPath, context: c.emu.otherContextName };
      manager.connect();
      assert.deepEqual([manager.connection?.contextName, manager.connection?.namespace], ['argo-studio-emulator-other', 'other']);
      assert.deepEqual(
        manager.contexts().map((x) => x.name),
        ['argo-studio-emulator', 'argo-studio-emulator-other'],
      );
      assert.deepEqual(
        seen.map((x) => x?.namespace),
        ['argo', 'other', 'other'],
      );
    } finally {
      sub.dispose();
    }
  });

  it('without a kubeconfig: no connection and the documented error', () => {
    settings = { kubeconfig: '/nonexistent/kubeconfig' };
    manager.connect();
    assert.equal(manager.connection, undefined);
    assert.equal(manager.store, undefined);
    assert.equal(manager.error?.kind, 'no-kubeconfig');
    assert.equal(manager.error?.message, 'No kubeconfig found: nothing at the argoStudio.cluster.kubeconfig setting (/nonexistent/kubeconfig).');
  });

  it('in an untrusted workspace: never connects (the kubeconfig could run programs) until trusted', () => {
    let trusted = false;
    const restricted = new ConnectionManager({ settings: () => ({ kubeconfig: c.emu.kubeconfigPath }), env: {}, trusted: () => trusted });
    try {
      restricted.connect();
      assert.equal(restricted.connection, undefined);
      assert.equal(restricted.store, undefined);
      assert.equal(restricted.error?.kind, 'untrusted');
      assert.match(restricted.error?.detail ?? '', /Restricted Mode.*Trust the workspace to connect/);
      assert.deepEqual(restricted.contexts(), []);
      restricted.reconnect();
      assert.equal(restricted.connection, undefined);
      trusted = true;
      restricted.connect();
      assert.equal(restricted.error, undefined);
      const connection = (m: ConnectionManager): ClusterConnection | undefined => m.connection; // (not narrowed by the asserts above)
      assert.equal(connection(restricted)?.contextName, 'argo-studio-emulator');
    } finally {
      restricted.dispose();
    }
  });
});
