/**
 * Finding and loading kubeconfig files like kubectl: the `argoStudio.cluster.kubeconfig` setting,
 * else `KUBECONFIG` (several files, merged, the first file that sets something wins), else
 * `~/.kube/config`. Parsing and auth are `@kubernetes/client-node`'s.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { ClusterError } from './errors';

export interface KubeconfigSource {
  /** Candidate files in merge order (some may not exist). */
  readonly files: readonly string[];
  readonly origin: 'setting' | 'KUBECONFIG' | 'default';
}

export interface ContextInfo {
  readonly name: string;
  readonly cluster: string;
  readonly user: string;
  /** The context's namespace, `default` when it sets none. */
  readonly namespace: string;
  /** API server URL of the context's cluster ('' when the cluster is missing). */
  readonly server: string;
}

export interface LoadedKubeconfig {
  /** The merged configuration (current context as in the files). */
  readonly kc: KubeConfig;
  /** Files that were read. */
  readonly files: readonly string[];
  readonly currentContext: string;
  readonly contexts: readonly ContextInfo[];
}

function split(list: string): string[] {
  return list
    .split(delimiter)
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

function expandHome(file: string, home: string): string {
  return file === '~' ? home : file.startsWith('~/') ? join(home, file.slice(2)) : file;
}

/** Where the kubeconfig comes from: the setting (a path or a path list), KUBECONFIG, or ~/.kube/config. */
export function kubeconfigSource(setting: string | undefined, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): KubeconfigSource {
  if (setting && setting.trim()) return { files: split(setting).map((f) => resolve(expandHome(f, home))), origin: 'setting' };
  if (env.KUBECONFIG && env.KUBECONFIG.trim()) return { files: split(env.KUBECONFIG).map((f) => resolve(expandHome(f, home))), origin: 'KUBECONFIG' };
  return { files: [join(home, '.kube', 'config')], origin: 'default' };
}

function noKubeconfig(source: KubeconfigSource): ClusterError {
  const where =
    source.origin === 'setting'
      ? `the argoStudio.cluster.kubeconfig setting (${source.files.join(delimiter)})`
      : source.origin === 'KUBECONFIG'
        ? `KUBECONFIG (${source.files.join(delimiter)})`
        : source.files[0];
  return new ClusterError(
    'no-kubeconfig',
    `No kubeconfig found: nothing at ${where}.`,
    'Create one (your cluster tool or cloud CLI writes it, e.g. `kind create cluster`, `aws eks update-kubeconfig`), or point the argoStudio.cluster.kubeconfig setting at a kubeconfig file.',
  );
}

/** Marks users with a reload generation so that cached exec-plugin credentials are fetched again. */
function withGeneration(users: readonly User[], contexts: readonly Context[], generation: number): { users: User[]; contexts: Context[] } {
  if (generation === 0) return { users: [...users], contexts: [...contexts] };
  const suffix = `#reload-${generation}`;
  return { users: users.map((u) => ({ ...u, name: u.name + suffix })), contexts: contexts.map((c) => ({ ...c, user: c.user + suffix })) };
}

/**
 * Loads and merges the files (kubectl's rules: missing files are skipped; for each name the first
 * file wins; the first non-empty current-context wins). `generation` > 0 forces exec plugins to run
 * again (the library caches their credentials per user name).
 */
export function loadKubeconfig(source: KubeconfigSource, generation = 0): LoadedKubeconfig {
  const files = source.files.filter((f) => existsSync(f));
  if (files.length === 0) throw noKubeconfig(source);
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file, { onInvalidEntry: 'filter' });
    } catch (e) {
      throw new ClusterError(
        'bad-kubeconfig',
        `The kubeconfig ${file} could not be read: ${e instanceof Error ? e.message : String(e)}.`,
        'Fix the file (kubectl config view shows what kubectl makes of it), or point argoStudio.cluster.kubeconfig elsewhere.',
      );
    }
    for (const c of one.getClusters() ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.getUsers() ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.getContexts() ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && one.getCurrentContext()) current = one.getCurrentContext();
  }
  const renamed = withGeneration([...users.values()], [...contexts.values()], generation);
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [...clusters.values()], users: renamed.users, contexts: renamed.contexts, currentContext: current });
  const infos = [...contexts.values()].map((c): ContextInfo => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace || 'default',
    server: clusters.get(c.cluster)?.server ?? '',
  }));
  return { kc, files, currentContext: current, contexts: infos };
}

/** The context to use: `preferred` when it exists, else the current context, else the only one. */
export function chooseContext(loaded: LoadedKubeconfig, preferred?: string): ContextInfo {
  const byName = (n: string | undefined): ContextInfo | undefined => (n ? loaded.contexts.find((c) => c.name === n) : undefined);
  const ctx = byName(preferred) ?? byName(loaded.currentContext) ?? (loaded.contexts.length === 1 ? loaded.contexts[0] : undefined);
  if (!ctx) {
    throw new ClusterError(
      'no-context',
      loaded.contexts.length === 0
        ? `The kubeconfig (${loaded.files.join(delimiter)}) has no contexts.`
        : `The kubeconfig has no current context${loaded.currentContext ? ` ("${loaded.currentContext}" does not exist)` : ''}.`,
      loaded.contexts.length === 0 ? 'Add a cluster with your cluster tool or cloud CLI.' : 'Choose one with "Argo: Switch Context".',
    );
  }
  if (!ctx.server)
    throw new ClusterError(
      'bad-kubeconfig',
      `Context "${ctx.name}" names cluster "${ctx.cluster}", which is not in the kubeconfig.`,
      'Fix the kubeconfig or choose another context with "Argo: Switch Context".',
    );
  return ctx;
}
