/**
 * The client's cluster features against a Backend (the emulator or a real cluster), with the same
 * assertions: submit and track to the end (node tree, v2 pod names, graph overlay), a failed step's
 * message, an output parameter written by a redirection, logs of a pod not scheduled yet (204) and
 * of one its kubelet admits late (404), stop/terminate, suspend/resume, resubmit/delete, 403 for a
 * user without RBAC, and the runs store resuming after an apiserver restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { generateCertificate } from '../cluster/emulator/certs.js';
import { freePort } from '../real-cluster/free-port';
import { after, before, describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/analyze';
import { buildGraph } from '../../server/src/core/graph/build-graph';
import { joinPhases } from '../../server/src/core/graph/phases';
import type { PhaseInfo } from '../../server/src/core/graph/types';
import {
  applyDocument,
  argoDocuments,
  createWorkflow,
  deleteWorkflow,
  kubeJson,
  KubeTransport,
  resourcePath,
  resubmitWorkflow,
  runAction,
  workflowFromDocument,
  workflowFromTemplate,
  WORKFLOWS,
  type ClusterError,
  type Workflow,
} from '../../client/src/cluster';
import { workflowNodes } from '../../client/src/cluster/workflow-nodes';
import { LogSession } from '../../client/src/logs/log-session';
import { connectionLogSource } from '../../client/src/logs/log-source';
import { buildNodeTree, flattenTree } from '../../client/src/runs/node-tree';
import { OverlayLinks } from '../../client/src/runs/overlay-links';
import { RunsStore } from '../../client/src/runs/runs-store';
import type { Backend } from './backend';

const FINISHED = ['Succeeded', 'Failed', 'Error'];

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; [k: string]: unknown } }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
}

const DIAMOND = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: dag-diamond-
spec:
  entrypoint: diamond
  templates:
  - name: diamond
    dag:
      tasks:
      - name: A
        template: echo
        arguments: {parameters: [{name: message, value: A}]}
      - name: B
        depends: A
        template: echo
        arguments: {parameters: [{name: message, value: B}]}
      - name: C
        depends: A
        template: echo
        arguments: {parameters: [{name: message, value: C}]}
      - name: D
        depends: B && C
        template: echo
        arguments: {parameters: [{name: message, value: D}]}
  - name: echo
    inputs:
      parameters:
      - name: message
    container:
      image: alpine:3.7
      command: [echo, "{{inputs.parameters.message}}"]
`;

const SHORT = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: restart-}
spec:
  entrypoint: short
  templates:
  - name: short
    container: {image: alpine, command: [echo, hi]}
`;

/** Waits on the runs store (the client's own view), bounded. */
async function until<T>(store: RunsStore, check: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  try {
    return await store.waitFor(check, timeoutMs);
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}

/** Polls what the store does not announce (the overlay sink, a log session), bounded. */
async function poll<T>(check: () => T | undefined | false, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function defineClientSuite(start: () => Promise<Backend>, skip: string | false): void {
  describe('client against a cluster backend', { skip, timeout: 600_000 }, () => {
    let b: Backend;
    let conn: KubeTransport;
    let store: RunsStore;
    let n = 0;

    before(async () => {
      b = await start();
      conn = KubeTransport.open({ files: [b.kubeconfigPath], origin: 'setting' }, b.context, b.namespace);
      store = new RunsStore(conn, b.namespace, { listWatch: { backoff: { initialMs: 50, maxMs: 1000 } } });
      store.start();
      await store.workflowsLoop.whenSynced(30_000);
    });
    after(async () => {
      store?.dispose();
      await b?.stop();
    });

    const submit = async (yaml: string, name?: string): Promise<string> => {
      const [doc] = argoDocuments(yaml);
      const prepared = workflowFromDocument(doc, { namespace: b.namespace });
      if (name) {
        prepared.workflow.metadata = { ...prepared.workflow.metadata, name: `${name}-${n++}` };
        delete prepared.workflow.metadata.generateName;
      }
      const created = await createWorkflow(conn, prepared);
      return created.metadata?.name ?? '';
    };
    const finished = (name: string, timeoutMs = 90_000): Promise<Workflow> =>
      until(
        store,
        () => {
          const wf = store.get(name);
          return wf && FINISHED.includes(wf.status?.phase ?? '') ? wf : undefined;
        },
        `${name} to finish`,
        timeoutMs,
      );
    /** The store holds the server's latest version of the workflow (caught up). */
    const caughtUp = async (name: string): Promise<Workflow> => {
      const server = await b.workflow(name);
      return until(
        store,
        () => {
          const mine = store.get(name);
          return mine && mine.metadata?.resourceVersion === server?.metadata?.resourceVersion ? mine : undefined;
        },
        `the store to catch up with ${name}`,
      );
    };
    const nodeByDisplay = (wf: Workflow, display: string) => Object.values(workflowNodes(wf).nodes).find((x) => x.displayName === display);

    it('submits a Workflow and tracks it to Succeeded: node tree, v2 pod names, graph overlay', async () => {
      const name = await submit(DIAMOND);
      assert.match(name, /^dag-diamond-[a-z0-9]{5}$/);
      const links = new Map<string, Readonly<Record<string, PhaseInfo>> | undefined>();
      const overlay = new OverlayLinks(store, (uri, phases) => (links.set(uri, phases), true), 10);
      overlay.link('file:///w/diamond.yaml', name);
      try {
        await finished(name);
        const wf = await caughtUp(name);
        assert.equal(wf.status?.phase, 'Succeeded');
        assert.equal(wf.status?.progress, '4/4');
        const pods = await b.pods(name);
        await until(store, () => store.podsOf(name).length === pods.length, 'the pods in the store');
        const tree = flattenTree(buildNodeTree(wf, workflowNodes(wf).nodes, (x, p) => store.podForNode(name, x.id, p)));
        assert.deepEqual(
          tree.filter((x) => x.type === 'Pod').map((x) => `${x.label} ${x.phase}`),
          ['A Succeeded', 'B Succeeded', 'C Succeeded', 'D Succeeded'],
        );
        const podNames = new Set(pods.map((p) => p.metadata?.name));
        for (const x of tree.filter((t) => t.type === 'Pod')) {
          assert.match(x.podName ?? '', new RegExp(`^${name}-echo-\\d+$`), 'v2 pod name');
          assert.ok(podNames.has(x.podName), `pod of ${x.label}`);
          assert.equal(x.pod?.phase, 'Succeeded');
        }
        await poll(() => links.get('file:///w/diamond.yaml')?.D?.phase === 'Succeeded', 'the overlay');
        const graph = buildGraph(analyzeText(DIAMOND));
        if (!graph.ok) assert.fail(graph.error);
        const coloured = joinPhases(graph.graph, links.get('file:///w/diamond.yaml') ?? {}).nodes.map((x) => `${x.id}=${x.phase}`);
        assert.deepEqual(coloured.sort(), ['A=Succeeded', 'B=Succeeded', 'C=Succeeded', 'D=Succeeded']);
      } finally {
        overlay.dispose();
      }
    });

    it("a failed step: node message 'main: Error (exit code 3)', dependents Omitted, the run Failed", async () => {
      b.script('maybe-fail', (node) => (node.endsWith('.B') ? { lines: ['boom'], exitCode: 3 } : { lines: ['ok'] }));
      const name = await submit(DIAMOND.replace(/template: echo/g, 'template: maybe-fail').replace('- name: echo\n', '- name: maybe-fail\n'), 'failing');
      const wf = await finished(name);
      assert.equal(wf.status?.phase, 'Failed');
      assert.deepEqual([nodeByDisplay(wf, 'B')?.phase, nodeByDisplay(wf, 'B')?.message], ['Failed', 'main: Error (exit code 3)']);
      assert.equal(nodeByDisplay(wf, 'D')?.phase, 'Omitted');
      assert.equal(nodeByDisplay(wf, 'B')?.outputs?.exitCode, '3');
    });

    it('an output parameter written by `echo -n hello world > /tmp/hello_world.txt` is "hello world"', async () => {
      const name = await submit(
        `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: output-parameter-}
spec:
  entrypoint: generate
  templates:
  - name: generate
    container:
      image: busybox
      command: [sh, -c]
      args: ["echo -n hello world > /tmp/hello_world.txt"]
    outputs:
      parameters:
      - name: hello-param
        valueFrom: {path: /tmp/hello_world.txt}
`,
      );
      const wf = await finished(name);
      assert.equal(wf.status?.phase, 'Succeeded');
      const root = workflowNodes(wf).nodes[name];
      assert.deepEqual(
        root?.outputs?.parameters?.map((p) => [p.name, p.value]),
        [['hello-param', 'hello world']],
      );
    });

    for (const [what, behaviour] of [
      ['not bound to a node for 3 s (the log request answers 204)', { scheduleMs: 3000 }],
      ['bound, but unknown to its kubelet for 3 s (the log request answers 404)', { admitMs: 3000 }],
    ] as const) {
      it(`logs of a step whose pod is ${what}: "Waiting for step X to be scheduled", then every line`, async () => {
        const template = behaviour.scheduleMs ? 'late-bound' : 'late-admitted';
        b.script(template, { ...behaviour, lines: ['one', 'two', 'three'], intervalMs: 200 });
        const name = await submit(
          `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: late-}
spec:
  entrypoint: main
  templates:
  - name: main
    steps: [[{name: slow-step, template: ${template}}]]
  - name: ${template}
    container: {image: alpine, command: [sh, -c, "echo one; echo two; echo three"]}
`,
        );
        const session = new LogSession({
          source: connectionLogSource(conn),
          pods: store.pods,
          target: { namespace: b.namespace, workflowName: name },
          flushMs: 20,
        });
        try {
          session.start();
          await finished(name);
          await poll(() => session.info.done, 'the log session to settle');
          const text = session.store
            .toArray()
            .map((l) => `${l.notice ?? 'line'}:${l.text}`)
            .filter((l) => !l.startsWith('info:Waiting for container main to start'));
          assert.deepEqual(text, ['info:Waiting for step slow-step to be scheduled…', 'line:one', 'line:two', 'line:three']);
        } finally {
          session.dispose();
        }
      });
    }

    for (const strategy of ['Stop', 'Terminate'] as const) {
      it(`${strategy.toLowerCase()}: the run ends Failed "Stopped with strategy '${strategy}'", the running step's pod is signalled (143)`, async () => {
        b.script('forever', { lines: ['working'], durationMs: 600_000 });
        const name = await submit(
          `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: shutdown-}
spec:
  entrypoint: main
  templates:
  - name: main
    steps: [[{name: first, template: forever}], [{name: second, template: forever}]]
  - name: forever
    container: {image: alpine, command: [sleep, "600"]}
`,
        );
        await until(store, () => store.podsOf(name).some((p) => p.status?.phase === 'Running') || undefined, 'the first step to run');
        const wf0 = store.get(name);
        assert.ok(wf0);
        await runAction(conn, b.namespace, wf0, strategy === 'Stop' ? 'stop' : 'terminate');
        const wf = await finished(name);
        assert.deepEqual([wf.status?.phase, wf.status?.message], ['Failed', `Stopped with strategy '${strategy}'`]);
        // The step fails at once with the shutdown message (two spaces, as the controller writes it); its containers are signalled.
        assert.deepEqual([nodeByDisplay(wf, 'first')?.phase, nodeByDisplay(wf, 'first')?.message], ['Failed', `workflow shutdown with strategy:  ${strategy}`]);
        await until(
          store,
          () => store.podsOf(name).find((p) => p.status?.containerStatuses?.find((c) => c.name === 'main')?.state?.terminated?.exitCode === 143),
          'the running pod to be signalled (exit code 143)',
        );
        assert.equal(
          (await b.pods(name)).some((p) => p.metadata?.annotations?.['workflows.argoproj.io/node-name']?.endsWith('.second')),
          false,
          'no pod for the next step',
        );
      });
    }

    it('submits from a WorkflowTemplate, a ClusterWorkflowTemplate (workflowTemplateRef, with a parameter) and a CronWorkflow (now)', async () => {
      const spec = `spec:
  entrypoint: main
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: main
    inputs: {parameters: [{name: who}]}
    container: {image: alpine, command: [echo, "hello {{inputs.parameters.who}}"]}
`;
      for (const [kind, name] of [
        ['WorkflowTemplate', `greet-${n}`],
        ['ClusterWorkflowTemplate', `cluster-greet-${n}`],
      ] as const) {
        const [doc] = argoDocuments(`apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata: {name: ${name}}\n${spec}`);
        assert.equal(await applyDocument(conn, doc, b.namespace), 'created');
        const created = await createWorkflow(conn, {
          namespace: b.namespace,
          workflow: workflowFromTemplate(kind, name, { namespace: b.namespace, parameters: { who: 'there' } }),
        });
        const wf = await finished(created.metadata?.name ?? '');
        assert.equal(wf.status?.phase, 'Succeeded', kind);
        assert.equal(wf.status?.storedWorkflowTemplateSpec?.entrypoint, 'main', kind);
        const root = workflowNodes(wf).nodes[wf.metadata?.name ?? ''];
        assert.deepEqual(
          root?.inputs?.parameters?.map((p) => `${p.name}=${p.value}`),
          ['who=there'],
          kind,
        );
      }
      const [cron] = argoDocuments(`apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: nightly-${n++}}
spec:
  schedules: ["0 3 * * *"]
  workflowSpec:
    entrypoint: main
    templates:
    - name: main
      container: {image: alpine, command: [echo, tick]}
`);
      const wf = await finished((await createWorkflow(conn, workflowFromDocument(cron, { namespace: b.namespace }))).metadata?.name ?? '');
      assert.equal(wf.status?.phase, 'Succeeded');
      assert.match(wf.metadata?.name ?? '', /^nightly-\d+-[a-z0-9]{5}$/);
    });

    it('node tree of steps with a retried step, a loop and an exit handler', async () => {
      b.script('flaky', (node) => ({ lines: [node], exitCode: node.endsWith('(0)') ? 1 : 0 }));
      const name = await submit(`apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: tree-}
spec:
  entrypoint: main
  onExit: bye
  templates:
  - name: main
    steps:
    - - {name: flaky, template: flaky}
    - - name: each
        template: item
        arguments: {parameters: [{name: it, value: "{{item}}"}]}
        withItems: [a, b]
  - name: flaky
    retryStrategy: {limit: 2}
    container: {image: alpine, command: [sh, -c, "exit 0"]}
  - name: item
    inputs: {parameters: [{name: it}]}
    container: {image: alpine, command: [echo, "{{inputs.parameters.it}}"]}
  - name: bye
    container: {image: alpine, command: [echo, bye]}
`);
      await finished(name);
      const wf = await caughtUp(name);
      assert.equal(wf.status?.phase, 'Succeeded');
      const tree = flattenTree(buildNodeTree(wf, workflowNodes(wf).nodes, (x, p) => store.podForNode(name, x.id, p)));
      assert.deepEqual(
        tree.map((x) => `${x.path} ${x.type} ${x.phase}${x.status.message ? `: ${x.status.message}` : ''}`),
        [
          '[0] StepGroup Succeeded',
          '[0].flaky Retry Succeeded',
          '[0].flaky(0) Pod Failed: main: Error (exit code 1)',
          '[0].flaky(1) Pod Succeeded',
          '[1] StepGroup Succeeded',
          '[1].each(0:a) Pod Succeeded',
          '[1].each(1:b) Pod Succeeded',
          'onExit Pod Succeeded',
        ],
      );
      const pods = new Set((await b.pods(name)).map((p) => p.metadata?.name));
      for (const x of tree.filter((t) => t.type === 'Pod')) assert.ok(pods.has(x.podName), `pod ${x.podName} of ${x.path}`);
    });

    it('suspend, resume, resubmit, delete', async () => {
      b.script('short', { lines: ['hi'], durationMs: 300 });
      const name = await submit(
        `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: pause-}
spec:
  entrypoint: main
  templates:
  - name: main
    steps: [[{name: wait-here, template: gate}], [{name: after, template: short}]]
  - name: gate
    suspend: {}
  - name: short
    container: {image: alpine, command: [echo, hi]}
`,
      );
      await until(store, () => nodeByDisplay(store.get(name) ?? {}, 'wait-here')?.phase === 'Running' || undefined, 'the suspend node');
      await runAction(conn, b.namespace, store.get(name) ?? {}, 'resume');
      const wf = await finished(name);
      assert.equal(wf.status?.phase, 'Succeeded');
      assert.equal(nodeByDisplay(wf, 'after')?.phase, 'Succeeded');

      const again = await resubmitWorkflow(conn, b.namespace, wf);
      const copy = again.metadata?.name ?? '';
      assert.match(copy, /^pause-[a-z0-9]{5}-?[a-z0-9]*$/);
      assert.equal(again.metadata?.labels?.['workflows.argoproj.io/resubmitted-from-workflow'], name);
      await until(store, () => nodeByDisplay(store.get(copy) ?? {}, 'wait-here')?.phase === 'Running' || undefined, 'the copy to suspend');

      await deleteWorkflow(conn, b.namespace, copy);
      await until(store, () => store.get(copy) === undefined || undefined, 'the store to drop the deleted run');
      await until(store, () => store.podsOf(copy).length === 0 || undefined, 'its pods to go');
      assert.equal(await b.workflow(copy), undefined);
    });

    it("403 for a user without RBAC, in the cluster's words", async () => {
      const nobody = KubeTransport.open({ files: [b.kubeconfigPath], origin: 'setting' }, b.forbiddenContext, b.namespace);
      const err = await kubeJson(nobody, 'GET', resourcePath(WORKFLOWS, b.namespace)).then(
        () => assert.fail('listing workflows should be forbidden'),
        (e: unknown) => e as ClusterError,
      );
      assert.equal(err.kind, 'forbidden');
      assert.equal(err.status, 403);
      assert.match(
        err.apiMessage ?? '',
        /^workflows\.argoproj\.io is forbidden: User "argo-studio-nobody" cannot list resource "workflows" in API group "argoproj\.io" in the namespace "argo"$/,
      );
    });

    it('401 for an unknown token, a TLS error for an untrusted CA, unreachable for a closed port, 404 for a missing run', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'argo-studio-kubeconfig-'));
      try {
        const k = parse(readFileSync(b.kubeconfigPath, 'utf8')) as Kubeconfig;
        const ctx = k.contexts.find((c) => c.name === b.context)?.context;
        const cluster = k.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
        assert.ok(ctx && cluster);
        const other = generateCertificate(dir).certPem;
        k.users.push({ name: 'stale', user: { token: 'not-a-valid-token' } });
        k.clusters.push({ name: 'untrusted', cluster: { server: cluster.server, 'certificate-authority-data': Buffer.from(other).toString('base64') } });
        k.clusters.push({ name: 'closed', cluster: { ...cluster, server: `https://127.0.0.1:${await freePort()}` } });
        k.contexts.push({ name: 'stale', context: { ...ctx, user: 'stale' } });
        k.contexts.push({ name: 'untrusted', context: { ...ctx, cluster: 'untrusted' } });
        k.contexts.push({ name: 'closed', context: { ...ctx, cluster: 'closed' } });
        const path = join(dir, 'kubeconfig.yaml');
        writeFileSync(path, stringify(k), { mode: 0o600 });
        const kind = (context: string, p: string): Promise<string> =>
          kubeJson(KubeTransport.open({ files: [path], origin: 'setting' }, context, b.namespace), 'GET', p).then(
            () => 'ok',
            (e: unknown) => (e as ClusterError).kind,
          );
        const list = resourcePath(WORKFLOWS, b.namespace);
        assert.deepEqual(
          [
            await kind('stale', list),
            await kind('untrusted', list),
            await kind('closed', list),
            await kind(b.context, resourcePath(WORKFLOWS, b.namespace, 'no-such-run')),
          ],
          ['unauthorized', 'tls', 'unreachable', 'not-found'],
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('the runs store resumes after an apiserver restart and catches up with what changed meanwhile', async () => {
      b.script('short', { lines: ['hi'], durationMs: 300 });
      const before = await submit(SHORT);
      await finished(before);
      await b.restartApiserver(1000);
      const later = await submit(SHORT);
      const wf = await finished(later);
      assert.equal(wf.status?.phase, 'Succeeded');
      await caughtUp(later);
      assert.equal(store.get(before)?.status?.phase, 'Succeeded');
    });
  });
}
