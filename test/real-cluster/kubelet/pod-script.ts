/**
 * What a pod does on the fake kubelet: read from the pod the way Argo's executor would (the template
 * in the env ARGO_TEMPLATE, the node id, the workflow), run its command through the small shell model
 * (test/cluster/controller/shell.ts), and let the test override it per template name.
 */
import { interpretContainer, stdoutLines } from '../../cluster/controller/shell';

export interface KubeletScript {
  /** Lines `main` prints (default: what its command prints). */
  readonly lines?: readonly string[];
  /** Exit code of `main` (default: its command's). */
  readonly exitCode?: number;
  /** Milliseconds between lines (default 100). */
  readonly intervalMs?: number;
  /** How long `main` runs (default: its lines, its `sleep`s, at least 300 ms). */
  readonly durationMs?: number;
  /** The pod stays unbound (no node) this long: `/log` answers 204. */
  readonly scheduleMs?: number;
  /** After binding, the kubelet does not know the pod this long: `/log` answers 404. */
  readonly admitMs?: number;
  /** ContainerCreating this long (default 200 ms). */
  readonly pendingMs?: number;
  /** Stays Pending with this waiting reason (e.g. ErrImagePull). */
  readonly stuckReason?: string;
  /** Output parameters by name (default: from the files its command wrote, `valueFrom.path`). */
  readonly outputParameters?: Readonly<Record<string, string>>;
}

export interface ResolvedPodScript {
  readonly lines: readonly string[];
  readonly stdout: string;
  readonly exitCode: number;
  readonly intervalMs: number;
  readonly durationMs: number;
  readonly scheduleMs: number;
  readonly admitMs: number;
  readonly pendingMs: number;
  readonly stuckReason?: string;
  readonly outputParameters: readonly { name: string; value: string }[];
}

interface TemplateJson {
  name?: string;
  container?: { command?: string[]; args?: string[] };
  script?: { command?: string[]; args?: string[]; source?: string };
  outputs?: { parameters?: { name: string; valueFrom?: { path?: string; default?: string }; value?: string }[] };
}

export interface PodFacts {
  readonly templateName: string;
  readonly nodeId: string;
  /** The Argo node name (e.g. `wf.B`, `wf[0].step(1:x)`). */
  readonly nodeName: string;
  readonly workflowName: string;
  readonly workflowUid: string;
  readonly includeScriptOutput: boolean;
  readonly template: TemplateJson;
}

interface PodJson {
  metadata?: {
    name?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string }[];
  };
  spec?: {
    containers?: { name: string; env?: { name: string; value?: string }[] }[];
    initContainers?: { name: string; env?: { name: string; value?: string }[] }[];
  };
}

function env(pod: PodJson, name: string): string | undefined {
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const hit = c.env?.find((e) => e.name === name);
    if (hit?.value !== undefined) return hit.value;
  }
  return undefined;
}

function parseTemplate(json: string | undefined): TemplateJson {
  try {
    return JSON.parse(json ?? '{}') as TemplateJson;
  } catch {
    return {};
  }
}

export function podFacts(pod: PodJson): PodFacts {
  const template = parseTemplate(env(pod, 'ARGO_TEMPLATE'));
  const owner = pod.metadata?.ownerReferences?.find((o) => o.kind === 'Workflow');
  return {
    templateName: template.name ?? '',
    nodeName: pod.metadata?.annotations?.['workflows.argoproj.io/node-name'] ?? '',
    nodeId: env(pod, 'ARGO_NODE_ID') ?? pod.metadata?.annotations?.['workflows.argoproj.io/node-id'] ?? pod.metadata?.name ?? '',
    workflowName: owner?.name ?? pod.metadata?.labels?.['workflows.argoproj.io/workflow'] ?? '',
    workflowUid: owner?.uid ?? env(pod, 'ARGO_WORKFLOW_UID') ?? '',
    includeScriptOutput: env(pod, 'ARGO_INCLUDE_SCRIPT_OUTPUT') === 'true',
    template,
  };
}

export function resolvePodScript(facts: PodFacts, given: KubeletScript = {}): ResolvedPodScript {
  const t = facts.template;
  const c = t.script ?? t.container ?? {};
  const run = interpretContainer(c.command ?? [], c.args ?? [], t.script?.source);
  const lines = given.lines ?? stdoutLines(run.stdout);
  const intervalMs = given.intervalMs ?? 100;
  const declared = t.outputs?.parameters ?? [];
  const outputParameters = declared
    .filter((p) => p.valueFrom?.path !== undefined)
    .map((p) => ({ name: p.name, value: given.outputParameters?.[p.name] ?? run.files.get(p.valueFrom?.path ?? '') ?? p.valueFrom?.default ?? '' }));
  return {
    lines,
    stdout: given.lines ? given.lines.map((l) => `${l}\n`).join('') : run.stdout,
    exitCode: given.exitCode ?? run.exitCode,
    intervalMs,
    durationMs: given.durationMs ?? Math.max(300, lines.length * intervalMs, run.sleepMs),
    scheduleMs: given.scheduleMs ?? 0,
    admitMs: given.admitMs ?? 0,
    pendingMs: given.pendingMs ?? 200,
    ...(given.stuckReason !== undefined ? { stuckReason: given.stuckReason } : {}),
    outputParameters,
  };
}
