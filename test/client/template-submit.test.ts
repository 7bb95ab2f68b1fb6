// Done when #4: a WorkflowTemplate with parameters is submitted (the submit flow, with a scripted
// prompter standing in for the quick picks) with chosen values that arrive in the created Workflow and
// in the run's node inputs. Also: the lint gate, apply (create/unchanged/update), ClusterWorkflowTemplate,
// CronWorkflow "submit now", and a Workflow created as it is.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArgoDocument, TemplateParameter } from '../../client/src/cluster/argo-documents';
import { documentParameters } from '../../client/src/cluster/argo-documents';
import type { Workflow } from '../../client/src/cluster/types';
import { pickDocument, runApplyFlow, runSubmitFlow, type SubmitPrompter } from '../../client/src/submit/submit-flow';
import { def, startTestCluster, type TestCluster } from './helpers/cluster';

const TEMPLATE = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata:
  name: greeter
spec:
  entrypoint: main
  arguments:
    parameters:
    - name: message
      value: hello
      description: What to print
    - name: color
      value: red
      enum: [red, blue]
    - name: count
  templates:
  - name: main
    inputs:
      parameters:
      - {name: message}
      - {name: color}
      - {name: count}
    container:
      image: busybox
      command: [echo, "{{inputs.parameters.message}} {{inputs.parameters.color}} {{inputs.parameters.count}}"]
`;

class ScriptedPrompter implements SubmitPrompter {
  asked: TemplateParameter[] = [];
  outOfDate: string[] = [];
  lint: string[][] = [];
  constructor(
    private readonly values: Record<string, string>,
    private readonly onOutOfDate: 'apply' | 'cluster' | undefined = 'apply',
    private readonly goOn = true,
  ) {}
  confirmDespiteErrors(errors: readonly string[]): Promise<boolean> {
    this.lint.push([...errors]);
    return Promise.resolve(this.goOn);
  }
  templateOutOfDate(state: 'missing' | 'different', doc: ArgoDocument): Promise<'apply' | 'cluster' | undefined> {
    this.outOfDate.push(`${state} ${doc.kind}/${doc.name}`);
    return Promise.resolve(this.onOutOfDate);
  }
  parameterValue(p: TemplateParameter): Promise<string | undefined> {
    this.asked.push(p);
    return Promise.resolve(this.values[p.name] ?? p.value ?? '');
  }
}

describe('submit flow', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
  });
  after(async () => {
    await c.emu.stop();
  });
  const submitted = (name: string): Workflow => c.emu.store.get(def('workflows'), 'argo', name) as unknown as Workflow;

  it('offers each parameter with its default and enum; the chosen values arrive in the Workflow and the run', { timeout: 20_000 }, async () => {
    assert.deepEqual(documentParameters(pickDocument(TEMPLATE)), [
      { name: 'message', value: 'hello', description: 'What to print' },
      { name: 'color', value: 'red', enum: ['red', 'blue'] },
      { name: 'count' },
    ]);
    const prompter = new ScriptedPrompter({ message: 'from the test', color: 'blue', count: '3' });
    const out = await runSubmitFlow(c.conn, 'argo', { text: TEMPLATE, lintErrors: [], labels: { 'argo-studio.io/workspace': 'w1' } }, prompter);
    assert.equal(out.kind, 'submitted');
    if (out.kind !== 'submitted') return;
    assert.deepEqual(prompter.outOfDate, ['missing WorkflowTemplate/greeter'], 'the template was not in the cluster');
    assert.equal(out.applied, 'created');
    assert.deepEqual(
      prompter.asked.map((p) => p.name),
      ['message', 'color', 'count'],
    );
    const name = out.workflow.metadata?.name ?? '';
    assert.match(name, /^greeter-[a-z0-9]{5}$/);
    const wf = submitted(name);
    assert.deepEqual(wf.spec?.workflowTemplateRef, { name: 'greeter' });
    assert.deepEqual(wf.spec?.arguments?.parameters, [
      { name: 'message', value: 'from the test' },
      { name: 'color', value: 'blue' },
      { name: 'count', value: '3' },
    ]);
    assert.equal(wf.metadata?.labels?.['workflows.argoproj.io/workflow-template'], 'greeter');
    assert.equal(wf.metadata?.labels?.['argo-studio.io/workspace'], 'w1');
    const done = c.emu.controller.runToCompletion(name) as unknown as Workflow;
    assert.equal(done.status?.phase, 'Succeeded');
    const pod = Object.values(done.status?.nodes ?? {}).find((n) => n.type === 'Pod');
    assert.deepEqual(
      pod?.inputs?.parameters?.map((p) => `${p.name}=${p.value}`),
      ['message=from the test', 'color=blue', 'count=3'],
    );
  });

  it('submits the cluster version of a changed template when asked, and applies changes otherwise', { timeout: 20_000 }, async () => {
    const changed = TEMPLATE.replace('value: hello', 'value: changed-default');
    const keep = new ScriptedPrompter({}, 'cluster');
    const out = await runSubmitFlow(c.conn, 'argo', { text: changed, lintErrors: [] }, keep);
    assert.deepEqual(keep.outOfDate, ['different WorkflowTemplate/greeter']);
    assert.equal(keep.asked[0].value, 'hello', 'defaults of the cluster version are offered');
    assert.equal(out.kind === 'submitted' && out.applied, undefined);
    const apply = await runApplyFlow(c.conn, 'argo', { text: changed, lintErrors: [] }, keep);
    assert.deepEqual(apply.kind === 'applied' && apply.result, 'updated');
    const again = await runApplyFlow(c.conn, 'argo', { text: changed, lintErrors: [] }, keep);
    assert.deepEqual(again.kind === 'applied' && again.result, 'unchanged');
    const stored = c.emu.store.get(def('workflowtemplates'), 'argo', 'greeter') as unknown as { spec: { arguments: { parameters: { value?: string }[] } } };
    assert.equal(stored.spec.arguments.parameters[0].value, 'changed-default');
  });

  it('lint errors block unless the user submits anyway', { timeout: 10_000 }, async () => {
    const no = new ScriptedPrompter({}, 'apply', false);
    const out = await runSubmitFlow(c.conn, 'argo', { text: TEMPLATE, lintErrors: ["unknown-template: template name 'x' undefined"] }, no);
    assert.equal(out.kind, 'cancelled');
    assert.deepEqual(no.lint, [["unknown-template: template name 'x' undefined"]]);
    assert.deepEqual(no.asked, [], 'nothing asked after cancelling');
    const before = c.emu.store.list(def('workflows'), 'argo').length;
    const yes = new ScriptedPrompter({}, 'apply', true);
    const out2 = await runSubmitFlow(c.conn, 'argo', { text: TEMPLATE, lintErrors: ['x'] }, yes);
    assert.equal(out2.kind, 'submitted');
    assert.equal(c.emu.store.list(def('workflows'), 'argo').length, before + 1);
  });

  it('errors that Argo rejects block with no question and no override; nothing is sent', { timeout: 10_000 }, async () => {
    const yes = new ScriptedPrompter({}, 'apply', true);
    const before = c.emu.store.list(def('workflows'), 'argo').length;
    await assert.rejects(
      runSubmitFlow(c.conn, 'argo', { text: TEMPLATE, lintErrors: ['stricter'], rejectedErrors: ['line 9: dag-cycle: Dependency cycle: a -> b -> a'] }, yes),
      (e: Error) => /Argo rejects this document, so it was not submitted: 1 error: line 9: dag-cycle/.test(e.message),
    );
    await assert.rejects(runApplyFlow(c.conn, 'argo', { text: TEMPLATE, lintErrors: [], rejectedErrors: ['x'] }, yes), /not applied/);
    assert.deepEqual(yes.lint, [], 'the user is not asked to override');
    assert.equal(c.emu.store.list(def('workflows'), 'argo').length, before);
  });

  it('ClusterWorkflowTemplate: workflowTemplateRef with clusterScope', { timeout: 10_000 }, async () => {
    const text = TEMPLATE.replace('kind: WorkflowTemplate', 'kind: ClusterWorkflowTemplate').replace('name: greeter', 'name: cluster-greeter');
    const out = await runSubmitFlow(c.conn, 'argo', { text, lintErrors: [] }, new ScriptedPrompter({ message: 'm' }));
    assert.ok(out.kind === 'submitted');
    const wf = submitted(out.workflow.metadata?.name ?? '');
    assert.deepEqual(wf.spec?.workflowTemplateRef, { name: 'cluster-greeter', clusterScope: true });
    assert.equal(wf.metadata?.labels?.['workflows.argoproj.io/cluster-workflow-template'], 'cluster-greeter');
    assert.ok(c.emu.store.get(def('clusterworkflowtemplates'), undefined, 'cluster-greeter'));
  });

  it('CronWorkflow: submit now from its workflowSpec; Workflow: created as it is, generateName kept', { timeout: 10_000 }, async () => {
    const cron = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: nightly}
spec:
  schedule: "0 1 * * *"
  workflowMetadata: {labels: {team: data}}
  workflowSpec:
    entrypoint: main
    templates: [{name: main, container: {image: busybox, command: [echo, night]}}]
---
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: plain-, labels: {mine: "yes"}}
spec:
  entrypoint: main
  templates: [{name: main, container: {image: busybox, command: [echo, plain]}}]
`;
    const prompter = new ScriptedPrompter({});
    const out = await runSubmitFlow(c.conn, 'argo', { text: cron, documentIndex: 0, lintErrors: [] }, prompter);
    assert.ok(out.kind === 'submitted');
    const wf = submitted(out.workflow.metadata?.name ?? '');
    assert.match(wf.metadata?.name ?? '', /^nightly-[a-z0-9]{5}$/);
    assert.equal(wf.metadata?.labels?.['workflows.argoproj.io/cron-workflow'], 'nightly');
    assert.equal(wf.metadata?.labels?.team, 'data');
    assert.match(wf.metadata?.annotations?.['workflows.argoproj.io/scheduled-time'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(wf.spec?.entrypoint, 'main');
    const offset = cron.indexOf('kind: Workflow\n');
    const out2 = await runSubmitFlow(c.conn, 'argo', { text: cron, offset, lintErrors: [] }, prompter);
    assert.ok(out2.kind === 'submitted');
    const plain = submitted(out2.workflow.metadata?.name ?? '');
    assert.match(plain.metadata?.name ?? '', /^plain-[a-z0-9]{5}$/);
    assert.equal(plain.metadata?.labels?.mine, 'yes');
    assert.deepEqual(prompter.asked, [], 'no parameter questions for Workflows and CronWorkflows');
  });
});
