// One reconcile pass over one workflow: operator.go executeTemplate with retries, pods and suspend.
// Steps and DAG templates are in steps.ts and dag.ts.

import type { ObjectStore } from '../emulator/store.js';
import { resources, type ResourceDef } from '../emulator/resources.js';
import type { KubeObject } from '../emulator/types.js';
import type { Clock } from './clock.js';
import { executeDag } from './dag.js';
import type { Kubelet } from './kubelet.js';
import { podName } from './node-ids.js';
import { NodeTree, rfc3339 } from './nodes.js';
import { buildPod, unscheduled } from './pod-spec.js';
import { resolveScript, type PodScriptSource } from './scripts.js';
import { executeSteps } from './steps.js';
import { substitute, type Scope } from './substitute.js';
import { isFulfilled, type Arguments, type NodeStatus, type Parameter, type Template, type TemplateRef, type WorkflowStep } from './wf-types.js';

export interface OperatorDeps {
  store: ObjectStore;
  clock: Clock;
  kubelet: Kubelet;
  scriptFor(templateName: string): PodScriptSource | undefined;
  /** Ask for another reconcile of this workflow after delayMs. */
  requeue(delayMs: number): void;
}

export interface TemplateContext {
  templates: Template[];
  scope: string;
}

export interface ExecOptions {
  boundaryID?: string;
  onExit?: boolean;
  nodeFlag?: { hooked?: boolean; retried?: boolean };
  skipRetry?: boolean;
  retries?: number;
}

const def = (plural: string): ResourceDef => resources.find((r) => r.plural === plural) as ResourceDef;

function parseDuration(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const m = /^(\d+)(s|m|h)?$/.exec(s.trim());
  if (!m) return undefined;
  return Number(m[1]) * ({ s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000);
}

export class Operation {
  readonly tree: NodeTree;
  readonly name: string;
  /** spec.shutdown: 'Stop' (the exit handler still runs) or 'Terminate'. */
  shutdown: 'Stop' | 'Terminate' | undefined;
  readonly namespace: string;

  constructor(
    readonly deps: OperatorDeps,
    readonly wf: KubeObject,
    nodes: Record<string, NodeStatus>,
    readonly globals: Scope,
  ) {
    this.name = wf.metadata.name ?? '';
    this.namespace = wf.metadata.namespace ?? '';
    this.tree = new NodeTree(this.name, nodes, () => deps.clock.now());
  }

  /** Finds the template a step/task/entrypoint refers to, locally or in a (Cluster)WorkflowTemplate. */
  resolve(ctx: TemplateContext, holder: { template?: string; templateRef?: TemplateRef }): { tmpl: Template; ctx: TemplateContext } | string {
    if (holder.templateRef) {
      const ref = holder.templateRef;
      const d = def(ref.clusterScope ? 'clusterworkflowtemplates' : 'workflowtemplates');
      const owner = this.deps.store.get(d, ref.clusterScope ? undefined : this.namespace, ref.name);
      if (!owner) return `${d.plural}.argoproj.io "${ref.name}" not found`;
      const templates = ((owner.spec as { templates?: Template[] } | undefined)?.templates ?? []) as Template[];
      const tmpl = templates.find((t) => t.name === ref.template);
      if (!tmpl) return `template ${ref.template} not found in ${ref.clusterScope ? 'cluster ' : ''}workflow template ${ref.name}`;
      return { tmpl, ctx: { templates, scope: `${ref.clusterScope ? 'cluster' : 'namespaced'}/${ref.name}` } };
    }
    const tmpl = ctx.templates.find((t) => t.name === holder.template);
    if (!tmpl) return `template name '${holder.template ?? ''}' undefined`;
    return { tmpl, ctx };
  }

  executeTemplate(
    nodeName: string,
    holder: WorkflowStep | { template?: string; templateRef?: TemplateRef; name?: string },
    ctx: TemplateContext,
    args: Arguments | undefined,
    opts: ExecOptions,
  ): NodeStatus {
    const existing = this.tree.byName(nodeName);
    if (existing && isFulfilled(existing.phase)) return existing;
    const templateName = holder.templateRef ? undefined : holder.template;
    const resolved = this.resolve(ctx, holder);
    const base = { templateName, templateRef: holder.templateRef, templateScope: ctx.scope, boundaryID: opts.boundaryID, nodeFlag: opts.nodeFlag };
    if (typeof resolved === 'string') return existing ?? this.tree.init(nodeName, 'Skipped', { ...base, phase: 'Error', message: resolved });
    const params: Parameter[] = [];
    for (const p of resolved.tmpl.inputs?.parameters ?? []) {
      const value = args?.parameters?.find((a) => a.name === p.name)?.value ?? p.value ?? p.default;
      if (value === undefined)
        return existing ?? this.tree.init(nodeName, 'Skipped', { ...base, phase: 'Error', message: `inputs.parameters.${p.name} was not supplied` });
      params.push({ name: p.name, value: String(value) });
    }
    const scope: Scope = { ...this.globals, 'node.name': nodeName };
    for (const p of params) scope[`inputs.parameters.${p.name}`] = p.value ?? '';
    if (opts.retries !== undefined) scope.retries = String(opts.retries);
    const tmpl = substitute(resolved.tmpl, scope);
    const withInputs = (n: NodeStatus): NodeStatus => {
      if (params.length > 0 && !n.inputs) n.inputs = { parameters: params };
      return n;
    };
    if (tmpl.retryStrategy && !opts.skipRetry) return this.executeRetry(nodeName, holder, ctx, args, opts, tmpl, withInputs);
    if (tmpl.steps) return withInputs(executeSteps(this, nodeName, tmpl, resolved.ctx, { ...base }, opts));
    if (tmpl.dag) return withInputs(executeDag(this, nodeName, tmpl, resolved.ctx, { ...base }, opts));
    if (tmpl.suspend) return withInputs(this.executeSuspend(nodeName, tmpl, base));
    return withInputs(this.executePod(nodeName, tmpl, base, opts));
  }

  private executeRetry(
    nodeName: string,
    holder: WorkflowStep | { template?: string; templateRef?: TemplateRef },
    ctx: TemplateContext,
    args: Arguments | undefined,
    opts: ExecOptions,
    tmpl: Template,
    withInputs: (n: NodeStatus) => NodeStatus,
  ): NodeStatus {
    const templateName = holder.templateRef ? undefined : holder.template;
    const retry = withInputs(
      this.tree.byName(nodeName) ??
        this.tree.init(nodeName, 'Retry', {
          templateName,
          templateRef: holder.templateRef,
          templateScope: ctx.scope,
          boundaryID: opts.boundaryID,
          phase: 'Running',
          nodeFlag: opts.nodeFlag,
        }),
    );
    const children = retry.children ?? [];
    const last = children.length > 0 ? this.tree.byId(children[children.length - 1]) : undefined;
    if (last && isFulfilled(last.phase)) {
      if (last.phase === 'Succeeded' || last.phase === 'Skipped') {
        if (last.outputs) retry.outputs = last.outputs;
        return this.tree.markPhase(nodeName, 'Succeeded') ?? retry;
      }
      const limitRaw = tmpl.retryStrategy?.limit;
      const limit = limitRaw === undefined ? Infinity : Number(limitRaw);
      const policy = tmpl.retryStrategy?.retryPolicy ?? 'OnFailure';
      const retryable =
        policy === 'Always' ||
        (policy === 'OnFailure' && last.phase === 'Failed') ||
        ((policy === 'OnError' || policy === 'OnTransientError') && last.phase === 'Error');
      if (!retryable) return this.tree.markPhase(nodeName, last.phase, last.message) ?? retry;
      if (children.length >= limit + 1) return this.tree.markPhase(nodeName, last.phase, 'No more retries left') ?? retry;
    }
    const attempt = !last || isFulfilled(last.phase) ? children.length : children.length - 1;
    const childName = `${nodeName}(${attempt})`;
    const child = this.executeTemplate(childName, holder, ctx, args, {
      ...opts,
      skipRetry: true,
      retries: attempt,
      nodeFlag: { ...(opts.nodeFlag ?? {}), retried: true },
    });
    this.tree.addChild(nodeName, childName);
    retry.phase = 'Running';
    // An attempt that just finished is judged in the same pass (a new attempt's pod is always Pending first).
    if (isFulfilled(child.phase)) return this.executeRetry(nodeName, holder, ctx, args, opts, tmpl, withInputs);
    return retry;
  }

  private executeSuspend(nodeName: string, tmpl: Template, base: Omit<Parameters<NodeTree['init']>[2], 'phase'>): NodeStatus {
    const node = this.tree.byName(nodeName) ?? this.tree.init(nodeName, 'Suspend', { ...base, phase: 'Running' });
    if (this.shutdown !== undefined) return this.tree.markPhase(nodeName, 'Failed', `Stopped with strategy '${this.shutdown}'`) ?? node;
    const ms = parseDuration(tmpl.suspend?.duration);
    if (ms !== undefined) {
      const due = Date.parse(node.startedAt) + ms;
      if (this.deps.clock.now() >= due) return this.tree.markPhase(nodeName, 'Succeeded') ?? node;
      this.deps.requeue(due - this.deps.clock.now());
    }
    return node;
  }

  private executePod(nodeName: string, tmpl: Template, base: Omit<Parameters<NodeTree['init']>[2], 'phase'>, opts: ExecOptions): NodeStatus {
    const pods = def('pods');
    const tmplNameForPod = base.templateRef?.template ?? base.templateName ?? tmpl.name;
    const name = podName(this.name, nodeName, tmplNameForPod);
    let node = this.tree.byName(nodeName);
    const stopHere = this.shutdown !== undefined && (this.shutdown === 'Terminate' || !(opts.onExit ?? false));
    if (!node && stopHere) {
      // workflowpod.go createWorkflowPod: no pod once the workflow shuts down.
      return this.tree.init(nodeName, 'Pod', { ...base, phase: 'Failed', message: `workflow shutdown with strategy: ${this.shutdown}` });
    }
    if (!node) {
      node = this.tree.init(nodeName, 'Pod', { ...base, phase: 'Pending' });
      node.finishedAt = null;
      if (!this.deps.store.get(pods, this.namespace, name)) {
        const now = this.deps.clock.now();
        const script = resolveScript(tmpl, this.deps.scriptFor(tmpl.name), {
          workflowName: this.name,
          nodeName,
          templateName: tmpl.name,
          retries: opts.retries ?? 0,
        });
        const full = buildPod({ wf: this.wf, podName: name, nodeName, nodeId: node.id, tmpl, onExit: opts.onExit ?? false, now });
        const pod = this.deps.store.create(pods, this.namespace, script.scheduleMs > 0 ? unscheduled(full) : full);
        this.deps.kubelet.run(pod, script, script.scheduleMs > 0 ? full : undefined);
      }
      return node;
    }
    const pod = this.deps.store.get(pods, this.namespace, name);
    if (!pod) return this.tree.markPhase(nodeName, 'Error', 'pod deleted') ?? node;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (stopHere && (phase === 'Pending' || phase === 'Running')) {
      // exec_control.go applyExecutionControl: terminate the containers, fail the node meanwhile.
      this.deps.kubelet.terminate(pod);
      return this.tree.markPhase(nodeName, 'Failed', `workflow shutdown with strategy:  ${this.shutdown}`) ?? node;
    }
    if (phase === 'Running' && node.phase === 'Pending') node.phase = 'Running';
    if (phase === 'Pending') {
      const waiting = (pod.status as { initContainerStatuses?: { state?: { waiting?: { reason?: string; message?: string } } }[] }).initContainerStatuses?.[0]
        ?.state?.waiting;
      if (waiting?.reason && !['ContainerCreating', 'PodInitializing'].includes(waiting.reason))
        node.message = `${waiting.reason}: ${waiting.message ?? ''}`.trim();
    }
    if (phase === 'Succeeded' || phase === 'Failed') {
      const out = this.deps.kubelet.outputsOf(pod.metadata.uid ?? '');
      const exitCode = out?.exitCode ?? (phase === 'Succeeded' ? 0 : 1);
      node.outputs = { exitCode: String(exitCode) };
      if (tmpl.script && out?.result !== undefined) node.outputs.result = out.result;
      const declared = tmpl.outputs?.parameters ?? [];
      if (declared.length > 0)
        node.outputs.parameters = declared.map((p) => ({ name: p.name, value: out?.parameters?.[p.name] ?? p.value ?? p.default ?? '' }));
      node.hostNodeName = String((pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
      const secs = Math.max(1, Math.round((this.deps.clock.now() - Date.parse(node.startedAt)) / 1000));
      node.resourcesDuration = { cpu: secs, memory: secs };
      if (phase === 'Succeeded') this.tree.markPhase(nodeName, 'Succeeded');
      else this.tree.markPhase(nodeName, 'Failed', `main: Error (exit code ${exitCode})`);
      this.deps.store.mutate(pods, this.namespace, name, (p) => {
        p.metadata.labels = { ...(p.metadata.labels ?? {}), 'workflows.argoproj.io/completed': 'true' };
      });
    }
    return node;
  }

  /** `steps.X.*` / `tasks.X.*` variables from a finished node. */
  scopeFromNode(prefix: string, node: NodeStatus, into: Scope): void {
    into[`${prefix}.id`] = node.id;
    into[`${prefix}.status`] = node.phase;
    if (node.startedAt) into[`${prefix}.startedAt`] = node.startedAt;
    if (typeof node.finishedAt === 'string') into[`${prefix}.finishedAt`] = node.finishedAt;
    if (node.outputs?.exitCode !== undefined) into[`${prefix}.exitCode`] = node.outputs.exitCode;
    if (node.outputs?.result !== undefined) into[`${prefix}.outputs.result`] = node.outputs.result;
    for (const p of node.outputs?.parameters ?? []) into[`${prefix}.outputs.parameters.${p.name}`] = p.value ?? '';
  }

  now(): string {
    return rfc3339(this.deps.clock.now());
  }
}
