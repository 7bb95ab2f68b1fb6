// The VS Code layer (client/src/runs/register.ts) against a fake `vscode` API and the emulator: the
// commands package.json contributes are the ones registered; status bar; submit from the editor with
// the CodeLens arguments; the runs tree reaches Succeeded with its nodes; the finish notification; the
// inventory notification; open logs (with and without the logs panel); switch namespace; read-only YAML.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { after, before, describe, it } from 'node:test';
import type * as RegisterModule from '../../client/src/runs/register';
import { FakeDocument, install, memento, Position, Uri, world, type TreeItem } from './helpers/fake-vscode';
import { def, startTestCluster, waitUntil, type TestCluster } from './helpers/cluster';
import { readSharedArgo, sharedArgoSkip } from '../helpers/paths';

install();
const DIAMOND = readSharedArgo('examples/dag-diamond.yaml');
const DOC_URI = 'file:///work/project/dag-diamond.yaml';

interface Entry {
  kind: string;
  id: string;
  label?: string;
}

describe('runs UI in a fake VS Code', { skip: sharedArgoSkip() }, () => {
  let c: TestCluster;
  const context = { subscriptions: [] as { dispose(): void }[], workspaceState: memento(), extensionUri: Uri.file('/ext') };
  const notifications: { method: string; params: unknown }[] = [];
  const client = {
    isRunning: () => true,
    sendNotification: (method: string, params: unknown) => {
      notifications.push({ method, params });
      return Promise.resolve();
    },
    onDidChangeState: () => ({ dispose: () => undefined }),
  };
  const tree = (): { getChildren(e?: unknown): Entry[]; getTreeItem(e: unknown): TreeItem } => {
    const t = world.treeViews.get('argoStudio.runs');
    assert.ok(t, 'the runs view was created');
    return t.provider as unknown as { getChildren(e?: unknown): Entry[]; getTreeItem(e: unknown): TreeItem };
  };
  const labels = (entries: Entry[]): string[] => entries.map((e) => String(tree().getTreeItem(e).label));

  before(async () => {
    c = await startTestCluster();
    world.config.set('cluster.kubeconfig', c.emu.kubeconfigPath);
    const { createClusterContext, registerRuns } = Module.createRequire(__filename)('../../client/src/runs/register') as typeof RegisterModule;
    registerRuns(
      context as never,
      client as never,
      createClusterContext(context as never, () => true),
      { setPhases: () => false },
    );
  });
  after(async () => {
    for (const d of context.subscriptions) d.dispose();
    await c.emu.stop();
  });

  it('registers exactly the commands package.json contributes', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]>; views: Record<string, { id: string }[]> };
    };
    const mine = pkg.contributes.commands
      .map((x) => x.command)
      .filter((id) => /^argoStudio\.(submit|apply|cluster\.|runs\.)/.test(id))
      .sort();
    assert.deepEqual([...world.commands.keys()].sort(), mine);
    const contributed = new Set(pkg.contributes.commands.map((x) => x.command));
    for (const [where, items] of Object.entries(pkg.contributes.menus))
      for (const m of items) assert.ok(contributed.has(m.command), `${where} names ${m.command}`);
    assert.ok(pkg.contributes.views.argoStudio.some((v) => v.id === 'argoStudio.runs'));
  });

  it('shows context and namespace in the status bar and an empty runs view', { timeout: 10_000 }, async () => {
    assert.equal(world.statusBar.text, '$(server-environment) argo-studio-emulator / argo');
    const roots = await waitUntil(() => {
      const r = tree().getChildren();
      return r.some((e) => e.id === 'info:empty') ? r : undefined;
    }, 'the first list');
    assert.deepEqual(labels(roots), ['No workflows in namespace argo. Submit one with "Argo: Submit".']);
    await waitUntil(() => notifications.length > 0, 'the inventory notification');
    assert.deepEqual(notifications[0], {
      method: 'argoStudio/clusterInventory',
      params: {
        context: 'argo-studio-emulator',
        namespace: 'argo',
        workflowTemplates: [],
        clusterWorkflowTemplates: [],
        serviceAccounts: [],
        secrets: [],
        configMaps: [],
        pvcs: [],
        unavailable: ['serviceAccounts', 'secrets', 'configMaps', 'pvcs'],
      },
    });
  });

  it('submits from the CodeLens, tracks the run to Succeeded in the tree, and notifies', { timeout: 20_000 }, async () => {
    const doc = new FakeDocument(Uri.parse(DOC_URI), DIAMOND);
    world.documents.set(DOC_URI, doc);
    world.activeTextEditor = { document: doc, selection: { active: new Position(0, 0) } };
    const lenses = world.codeLensProviders[0].provideCodeLenses(doc);
    assert.deepEqual(
      lenses.map((l) => `${l.command?.title} ${l.range.start.line}`),
      ['$(play) Submit 8'],
    );
    await world.commands.get('argoStudio.submit')?.(...(lenses[0].command?.arguments ?? []));
    const submitted = world.shown.find((s) => s.text.startsWith('Submitted '));
    const name = /^Submitted (dag-diamond-[a-z0-9]{5})\.$/.exec(submitted?.text ?? '')?.[1];
    assert.ok(name, `submitted message: ${JSON.stringify(world.shown)}`);
    const stored = c.emu.store.list(def('workflows'), 'argo')[0];
    assert.match(stored.metadata.labels?.['argo-studio.io/workspace'] ?? '', /^[a-f0-9]{16}$/, 'marked as submitted from this workspace');

    c.emu.controller.runToCompletion(name);
    const run = await waitUntil(
      () => {
        const r = tree()
          .getChildren()
          .find((e) => e.id === `run:argo/${name}`);
        return r && tree().getTreeItem(r).iconPath?.id === 'pass-filled' ? r : undefined;
      },
      'the run to show Succeeded',
      5000,
    );
    const item = tree().getTreeItem(run);
    assert.match(item.description ?? '', /^Succeeded · \d+s · 4\/4$/);
    assert.equal(item.contextValue, 'argoRun.finished');
    const nodes = tree().getChildren(run);
    assert.deepEqual(
      nodes.map((n) => `${tree().getTreeItem(n).label} ${tree().getTreeItem(n).iconPath?.id} ${tree().getTreeItem(n).contextValue}`),
      ['A pass-filled argoNode.pod', 'B pass-filled argoNode.pod', 'C pass-filled argoNode.pod', 'D pass-filled argoNode.pod'],
    );
    assert.equal(nodes[0].id.startsWith(`node:argo/${name}/${name}-`), true);
    await waitUntil(() => world.shown.find((s) => s.text.startsWith(`Workflow ${name} succeeded in `)), 'the finish notification');

    // Open logs: the logs panel's command (declared once, in logs/open-args.ts) with its arguments.
    const calls: unknown[] = [];
    world.commands.set('argoStudio.openLogs', (a) => calls.push(a));
    await world.commands.get('argoStudio.runs.openLogs')?.(nodes[1]);
    const pod = c.emu.store.list(def('pods'), 'argo').find((p) => p.metadata.annotations?.['workflows.argoproj.io/node-name'] === `${name}.B`);
    assert.deepEqual(calls, [
      { namespace: 'argo', workflowName: name, nodeId: pod?.metadata.annotations?.['workflows.argoproj.io/node-id'], podName: pod?.metadata.name },
    ]);

    // Open graph: the graph of the document it was submitted from.
    await world.commands.get('argoStudio.runs.openGraph')?.(run);
    assert.deepEqual(world.executed.filter((e) => e.id === 'argoStudio.openGraph').pop()?.args, [DOC_URI]);

    // Read-only YAML and copy name.
    await world.commands.get('argoStudio.runs.openYaml')?.(run);
    const yamlText = world.contentProviders.get('argo-run')?.provideTextDocumentContent(Uri.parse(`argo-run:/argo/${name}.yaml`));
    assert.match(yamlText ?? '', new RegExp(`name: ${name}\\n[\\s\\S]*phase: Succeeded`));
    await world.commands.get('argoStudio.runs.copyName')?.(run);
    assert.equal(world.clipboard, name);
  });

  it('switches namespace from the command with an argument', { timeout: 10_000 }, async () => {
    await world.commands.get('argoStudio.cluster.switchNamespace')?.('other');
    assert.equal(world.statusBar.text, '$(server-environment) argo-studio-emulator / other');
    await waitUntil(
      () =>
        tree()
          .getChildren()
          .some((e) => e.id === 'info:empty'),
      'the other namespace, empty',
    );
    await waitUntil(
      () => notifications.some((n) => (n.params as { namespace?: string } | null)?.namespace === 'other'),
      'the inventory of the other namespace',
    );
  });
});
