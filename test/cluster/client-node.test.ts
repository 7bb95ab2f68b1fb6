// The extension's own client library (@kubernetes/client-node 1.x) works with the generated kubeconfig,
// over HTTPS (certificate-authority-data) and plain HTTP (insecure-skip-tls-verify).

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { CoreV1Api, CustomObjectsApi, KubeConfig, Watch } from '@kubernetes/client-node';
import { startEmulator, type Emulator } from './emulator/start.js';

for (const tls of [true, false]) {
  describe(`@kubernetes/client-node over ${tls ? 'https' : 'http'}`, () => {
    let emu: Emulator | undefined;
    let abort: AbortController | undefined;
    after(async () => {
      abort?.abort();
      await emu?.stop();
    });

    it('lists, creates, watches, and sees 410 as an ERROR event', { timeout: 20_000 }, async () => {
      emu = await startEmulator({ tls });
      emu.controller.pause();
      const kc = new KubeConfig();
      kc.loadFromFile(emu.kubeconfigPath);
      const ns = await kc.makeApiClient(CoreV1Api).listNamespace();
      assert.deepEqual(
        ns.items.map((n) => n.metadata?.name),
        ['argo', 'default', 'kube-system', 'other'],
      );
      const custom = kc.makeApiClient(CustomObjectsApi);
      const list = (await custom.listNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: 'argo', plural: 'workflows' })) as {
        metadata: { resourceVersion: string };
      };
      const events: string[] = [];
      let done: (err: unknown) => void = () => undefined;
      const finished = new Promise<unknown>((r) => (done = r));
      abort = await new Watch(kc).watch(
        '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows',
        { resourceVersion: list.metadata.resourceVersion },
        (type: string, obj: { metadata?: { name?: string }; code?: number }) => events.push(`${type} ${obj.metadata?.name ?? obj.code ?? ''}`),
        (err: unknown) => done(err),
      );
      await custom.createNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace: 'argo',
        plural: 'workflows',
        body: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'from-client-node' }, spec: {} },
      });
      for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(events, ['ADDED from-client-node']);
      emu.faults.endWatches();
      assert.equal(await finished, null, 'a clean end calls done(null)');
      abort = await new Watch(kc).watch(
        '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows',
        { resourceVersion: list.metadata.resourceVersion },
        () => undefined,
        () => undefined,
      );
      abort.abort();
      emu.faults.expireHistory();
      const expired: string[] = [];
      await new Promise<void>((resolve) => {
        void new Watch(kc)
          .watch(
            '/apis/argoproj.io/v1alpha1/namespaces/argo/workflows',
            { resourceVersion: list.metadata.resourceVersion },
            (type: string, obj: { code?: number }) => expired.push(`${type} ${obj.code ?? ''}`),
            () => resolve(),
          )
          .then((a) => (abort = a));
      });
      assert.deepEqual(expired, ['ERROR 410']);
    });
  });
}
