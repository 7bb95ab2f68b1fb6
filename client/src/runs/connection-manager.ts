/**
 * Owns the cluster connection and the runs store: opens them from the settings (kubeconfig path,
 * chosen context and namespace), replaces them on a switch, and remembers why there is none. It is
 * the `ClusterContext` extension.ts builds once and hands to the runs and logs features (no module
 * state). No `vscode` import.
 */
import { ClusterError, Emitter, kubeconfigSource, KubeTransport, loadKubeconfig, type ClusterContext, type ContextInfo, type PodIndex } from '../cluster';
import { RunsStore, type RunsStoreOptions } from './runs-store';

export interface ConnectionSettings {
  /** `argoStudio.cluster.kubeconfig`: a path or a path list. */
  readonly kubeconfig?: string;
  /** The chosen context (else the kubeconfig's current context). */
  readonly context?: string;
  /** The chosen namespace (else the context's). */
  readonly namespace?: string;
}

export interface ConnectionManagerOptions {
  readonly settings: () => ConnectionSettings;
  readonly store?: RunsStoreOptions;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /**
   * Whether the workspace is trusted (default: yes). Connecting may run the kubeconfig's credential
   * programs (exec plugins), so an untrusted workspace never connects.
   */
  readonly trusted?: () => boolean;
}

/** Why there is no connection in Restricted Mode, and what to do. */
export const UNTRUSTED = new ClusterError(
  'untrusted',
  'Cluster features are off: this workspace is not trusted (Restricted Mode).',
  'Trust the workspace to connect: a kubeconfig can run programs (credential plugins). Validation and the graph work without it.',
);

export class ConnectionManager implements ClusterContext {
  private readonly changed = new Emitter<void>();
  /** Fires after the connection or store was replaced, or the setup error changed. */
  readonly onDidChange = this.changed.event;
  private transport: KubeTransport | undefined;
  private runs: RunsStore | undefined;
  private setupError: ClusterError | undefined;

  constructor(private readonly opts: ConnectionManagerOptions) {}

  get connection(): KubeTransport | undefined {
    return this.transport;
  }

  get store(): RunsStore | undefined {
    return this.runs;
  }

  /** The pods of the connection's namespace (the runs store's pod index: one watch for every feature). */
  get pods(): PodIndex | undefined {
    return this.runs?.pods;
  }

  /** Why there is no connection (no kubeconfig, no context, ...). */
  get error(): ClusterError | undefined {
    return this.setupError;
  }

  /** (Re)opens the connection and store from the settings. Never throws. */
  connect(): void {
    this.close();
    if (this.opts.trusted?.() === false) {
      this.setupError = UNTRUSTED;
      this.changed.fire();
      return;
    }
    const s = this.opts.settings();
    try {
      const source = kubeconfigSource(s.kubeconfig, this.opts.env ?? process.env, this.opts.home);
      this.transport = KubeTransport.open(source, s.context, s.namespace);
      this.runs = new RunsStore(this.transport, this.transport.namespace, this.opts.store);
      this.runs.start();
      this.setupError = undefined;
    } catch (e) {
      this.transport = undefined;
      this.setupError =
        e instanceof ClusterError
          ? e
          : new ClusterError('bad-kubeconfig', `The kubeconfig could not be loaded: ${e instanceof Error ? e.message : String(e)}.`);
    }
    this.changed.fire();
  }

  /** Reconnects the watches at once (after the user fixed something). */
  reconnect(): void {
    if (!this.transport) return this.connect();
    this.runs?.reconnect();
  }

  /** Contexts of the kubeconfig (empty when it cannot be read). */
  contexts(): readonly ContextInfo[] {
    if (this.opts.trusted?.() === false) return [];
    try {
      const s = this.opts.settings();
      return loadKubeconfig(kubeconfigSource(s.kubeconfig, this.opts.env ?? process.env, this.opts.home)).contexts;
    } catch {
      return [];
    }
  }

  private close(): void {
    this.runs?.dispose();
    this.runs = undefined;
    this.transport = undefined;
  }

  dispose(): void {
    this.close();
    this.changed.dispose();
  }
}
