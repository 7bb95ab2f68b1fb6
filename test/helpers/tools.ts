import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM } from './headless-page';

/**
 * Tests that need a system tool skip without it, naming the command that installs it. Under CI=true
 * they always run (a missing tool then fails them): CI must prove they ran. `.ci/run` installs them.
 */
function skipUnless(present: () => boolean, what: string, install: string): string | false {
  if (process.env.CI === 'true' || present()) return false;
  return `${what} is not installed; skipped (install it with: ${install})`;
}

const succeeds = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

export const chromiumSkip = (): string | false => skipUnless(() => CHROMIUM !== undefined, 'Chromium (for the webview tests)', 'apt-get install chromium');

export const pythonKubernetesSkip = (): string | false =>
  skipUnless(() => succeeds('/usr/bin/python3', ['-c', 'import kubernetes']), "Debian's Python Kubernetes client", 'apt-get install python3-kubernetes');

export const kubectlSkip = (): string | false =>
  skipUnless(
    () => succeeds('kubectl', ['version', '--client']),
    'kubectl',
    'the kubectl of your Kubernetes distribution, e.g. apt-get install kubectl from the Kubernetes apt repository',
  );

/** The real Helm, built from its Go module by `scripts/helm-setup.sh` (`.ci/helm.sh` in CI) into the cache. */
export const HELM_VERSION = 'v4.3.2';
export const HELM_BIN = join(process.env.ARGO_STUDIO_CACHE ?? join(homedir(), '.cache', 'argo-studio'), `helm-${HELM_VERSION}`, 'bin', 'helm');

export const helmSkip = (): string | false =>
  skipUnless(
    () => existsSync(HELM_BIN) && succeeds(HELM_BIN, ['version', '--short']),
    `Helm ${HELM_VERSION} (built from its Go module)`,
    'scripts/helm-setup.sh',
  );

/** The model packages `npm run schemas` reads (scripts/schemas/package.json; kept apart: they want Node 22). */
export const schemaModelsSkip = (): string | false =>
  skipUnless(
    () => existsSync(resolve(__dirname, '..', '..', 'scripts', 'schemas', 'node_modules', '@kubernetes-models', 'argo-workflows')),
    "The schema generator's model packages",
    'npm ci --prefix scripts/schemas',
  );

/** Every reason to skip, joined (so a newcomer learns all that is missing at once), or false. */
export function skipReasons(...reasons: (string | false)[]): string | false {
  const present = reasons.filter((r): r is string => r !== false);
  return present.length > 0 ? present.join('; ') : false;
}
