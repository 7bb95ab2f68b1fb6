import { spawnSync } from 'node:child_process';
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
