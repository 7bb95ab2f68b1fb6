/**
 * Where scripts/real-cluster/build.sh puts the real cluster's binaries (built from pinned Go module
 * versions into ~/.cache/argo-studio/real-cluster), and why a test that needs them is skipped. Under
 * CI=true nothing skips: a missing binary then fails the test (CI must prove it ran).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const VERSIONS = { kubernetes: 'v1.35.4', etcd: 'v3.6.5', argo: 'v4.0.5' } as const;

export const CACHE_DIR = join(process.env.ARGO_STUDIO_CACHE ?? join(homedir(), '.cache', 'argo-studio'), 'real-cluster');
const BIN = join(CACHE_DIR, 'bin');

export const BINARIES = {
  etcd: join(BIN, `etcd-${VERSIONS.etcd}`),
  kubeApiserver: join(BIN, `kube-apiserver-${VERSIONS.kubernetes}`),
  workflowController: join(BIN, `workflow-controller-${VERSIONS.argo}`),
  argo: join(BIN, `argo-${VERSIONS.argo}`),
} as const;

/** Argo's minimal CRDs of the version the controller was built from (kept with its module source). */
export const ARGO_CRDS_DIR = join(CACHE_DIR, 'src', `argo-workflows-${VERSIONS.argo}`, 'manifests', 'base', 'crds', 'minimal');

export const BUILD_COMMAND = 'npm run real-cluster:build';

function skipUnless(paths: readonly string[], what: string, command: string): string | false {
  if (process.env.CI === 'true' || paths.every((p) => existsSync(p))) return false;
  return `${what} not built; skipped (build it with: ${command}; cold ~30 min, cached in ${CACHE_DIR})`;
}

/** Why tests against a real kube-apiserver, etcd and Argo controller are skipped, or false. */
export function realClusterSkip(): string | false {
  return skipUnless(
    [BINARIES.etcd, BINARIES.kubeApiserver, BINARIES.workflowController, ARGO_CRDS_DIR],
    'The real cluster (kube-apiserver, etcd, Argo workflow-controller)',
    BUILD_COMMAND,
  );
}

/** Why tests using the argo CLI (e.g. `argo lint --offline` as an oracle) are skipped, or false. */
export function argoCliSkip(): string | false {
  return skipUnless([BINARIES.argo], `The argo CLI ${VERSIONS.argo}`, `${BUILD_COMMAND} -- argo`);
}

/** The built argo CLI, or undefined when it is not built (see argoCliSkip). */
export function argoCliPath(): string | undefined {
  return existsSync(BINARIES.argo) ? BINARIES.argo : undefined;
}
