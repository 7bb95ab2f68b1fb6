/** The steps (pods) of a log session: created from pods, labelled uniquely, shown as StepView. Pure. */
import type { Pod } from '../cluster';
import type { StepStatus, StepView } from './log-types';
import { containerNames, defaultContainer, longStepLabel, podNodeId, podNodeName, shortStepLabel } from './pod-info';

export const PALETTE_SIZE = 8;

/** A step's mutable state in the session (the stream handle is the session's business). */
export interface StepState {
  readonly index: number;
  readonly podName: string;
  nodeId: string;
  nodeName: string;
  label: string;
  containers: string[];
  /** For pods without `main` (containerSet): what "main" means for this step. */
  fallback: string | undefined;
  podPhase: string;
  status: StepStatus;
  lines: number;
  queued: boolean;
  ended: boolean;
  waitNoticed: boolean;
  /** "Waiting for step X to be scheduled" was written. */
  scheduleNoticed: boolean;
}

export class StepTable<S extends StepState> {
  readonly list: S[] = [];
  private readonly byPod = new Map<string, S>();

  constructor(
    private readonly workflowName: string,
    private readonly create: (base: StepState) => S,
  ) {}

  get(podName: string): S | undefined {
    return this.byPod.get(podName);
  }

  /** The step of a pod (created on first sight) and whether it is new; its pod facts are refreshed. */
  upsert(p: Pod): { step: S; created: boolean } {
    const name = p.metadata?.name ?? '';
    let step = this.byPod.get(name);
    const created = step === undefined;
    if (!step) {
      const nodeName = podNodeName(p);
      step = this.create({
        index: this.list.length,
        podName: name,
        nodeId: podNodeId(p),
        nodeName,
        label: shortStepLabel(nodeName),
        containers: [],
        fallback: undefined,
        podPhase: '',
        status: { kind: 'pending' },
        lines: 0,
        queued: false,
        ended: false,
        waitNoticed: false,
        scheduleNoticed: false,
      });
      this.list.push(step);
      this.byPod.set(name, step);
      this.relabel();
    }
    step.podPhase = p.status?.phase ?? '';
    step.containers = containerNames(p);
    step.fallback = defaultContainer(p);
    return { step, created };
  }

  /** Short labels, or the node path for steps whose short labels collide. */
  private relabel(): void {
    const count = new Map<string, number>();
    for (const s of this.list) count.set(shortStepLabel(s.nodeName), (count.get(shortStepLabel(s.nodeName)) ?? 0) + 1);
    for (const s of this.list) {
      const short = shortStepLabel(s.nodeName);
      s.label = (count.get(short) ?? 0) > 1 ? longStepLabel(s.nodeName, this.workflowName) : short;
    }
  }

  views(): StepView[] {
    return this.list.map((s) => ({
      index: s.index,
      podName: s.podName,
      nodeId: s.nodeId,
      label: s.label,
      nodeName: s.nodeName,
      containers: s.containers,
      podPhase: s.podPhase,
      color: s.index % PALETTE_SIZE,
      status: s.status,
      lines: s.lines,
    }));
  }
}
