/**
 * The pods of Argo workflows in one namespace, grouped by workflow (label
 * `workflows.argoproj.io/workflow`), kept live by ONE list+watch loop. The runs store owns the one of
 * its namespace; the logs panel subscribes to it (so each pod is watched once), and opens its own
 * only for a workflow in another namespace. No `vscode` import.
 */
import { PODS, resourcePath } from './api-paths';
import type { ClusterConnection } from './connection';
import type { ClusterError } from './errors';
import { Emitter, type Disposable } from './events';
import { ListWatch, type ListWatchOptions, type WatchEvent } from './list-watch';
import { ANNOTATION_NODE_ID, LABEL_WORKFLOW, type Pod } from './types';

/** What a subscriber to the pods of one workflow hears. */
export interface WorkflowPodsListener {
  /** A pod was added or changed (also once per known pod when subscribing). */
  readonly onPod: (pod: Pod) => void;
  readonly onDeleted: (podName: string) => void;
  /** After each (re)list, and once on subscribing when already listed: the workflow's pods are known. */
  readonly onListed?: (count: number) => void;
  /** The watch fails (it keeps retrying with backoff); `failures` counts failures in a row. */
  readonly onProblem?: (error: ClusterError, failures: number) => void;
}

export interface PodIndexOptions {
  /** Narrower than every workflow pod, e.g. `workflows.argoproj.io/workflow=NAME` (default: the label exists). */
  readonly labelSelector?: string;
  readonly listWatch?: Partial<Omit<ListWatchOptions, 'path' | 'labelSelector'>>;
}

export class PodIndex {
  readonly loop: ListWatch<Pod>;
  /** Workflow name -> pod name -> pod. */
  private readonly byWorkflow = new Map<string, Map<string, Pod>>();
  private readonly events = new Emitter<{ readonly workflow: string; readonly event: WatchEvent<Pod> }>();
  /** Every pod event with its workflow, after the index applied it. */
  readonly onDidChangePod = this.events.event;

  constructor(
    connection: ClusterConnection,
    readonly namespace: string,
    opts: PodIndexOptions = {},
  ) {
    this.loop = new ListWatch<Pod>(connection, {
      ...(opts.listWatch ?? {}),
      path: resourcePath(PODS, namespace),
      labelSelector: opts.labelSelector ?? LABEL_WORKFLOW,
    });
    this.loop.onEvent((e) => this.apply(e));
  }

  start(): void {
    this.loop.start();
  }

  dispose(): void {
    this.loop.dispose();
    this.events.dispose();
  }

  podsOf(workflowName: string): Pod[] {
    return [...(this.byWorkflow.get(workflowName)?.values() ?? [])];
  }

  /** The pod of a node: by the `workflows.argoproj.io/node-id` annotation, else by name. */
  podForNode(workflowName: string, nodeId: string, podName?: string): Pod | undefined {
    const pods = this.byWorkflow.get(workflowName);
    if (!pods) return undefined;
    for (const p of pods.values()) if (p.metadata?.annotations?.[ANNOTATION_NODE_ID] === nodeId) return p;
    return podName ? pods.get(podName) : undefined;
  }

  /**
   * Follows the pods of one workflow: the known ones first (oldest first, on the next turn), then
   * every change. Disposing the subscription stops hearing; the loop runs on for its owner.
   */
  subscribe(workflowName: string, l: WorkflowPodsListener): Disposable {
    let live = true;
    const subs: Disposable[] = [
      this.onDidChangePod(({ workflow, event }) => {
        if (workflow !== workflowName) return;
        if (event.type === 'DELETED') l.onDeleted(event.object.metadata?.name ?? '');
        else l.onPod(event.object);
      }),
      this.loop.onSynced(() => l.onListed?.(this.podsOf(workflowName).length)),
      this.loop.onState((s) => {
        if (s.state === 'retrying') l.onProblem?.(s.error, s.failures);
      }),
    ];
    if (this.loop.isSynced) {
      setImmediate(() => {
        if (!live) return;
        const created = (p: Pod): string => p.metadata?.creationTimestamp ?? '';
        const pods = this.podsOf(workflowName).sort(
          (a, b) => created(a).localeCompare(created(b)) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''),
        );
        for (const p of pods) l.onPod(p);
        l.onListed?.(pods.length);
      });
    }
    return {
      dispose: () => {
        live = false;
        for (const s of subs) s.dispose();
      },
    };
  }

  private apply(e: WatchEvent<Pod>): void {
    const wf = e.object.metadata?.labels?.[LABEL_WORKFLOW];
    const pod = e.object.metadata?.name;
    if (!wf || !pod) return;
    let pods = this.byWorkflow.get(wf);
    if (e.type === 'DELETED') {
      pods?.delete(pod);
      if (pods?.size === 0) this.byWorkflow.delete(wf);
    } else {
      if (!pods) this.byWorkflow.set(wf, (pods = new Map()));
      pods.set(pod, e.object);
    }
    this.events.fire({ workflow: wf, event: e });
  }
}
