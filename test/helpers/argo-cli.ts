/**
 * The real `argo` CLI, built from its Go module by scripts/real-cluster/build.sh (cached in
 * ~/.cache/argo-studio/real-cluster/bin): the oracle of the lint differential test. Tests that need it
 * skip with the command that builds it; under CI=true they never skip (.ci/run builds it first).
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const BIN = join(process.env.ARGO_STUDIO_CACHE ?? join(homedir(), '.cache', 'argo-studio'), 'real-cluster', 'bin');

/** Path of the argo CLI (ARGO_CLI, or the newest built one), or undefined. */
export function argoCli(): string | undefined {
  if (process.env.ARGO_CLI && existsSync(process.env.ARGO_CLI)) return process.env.ARGO_CLI;
  if (!existsSync(BIN)) return undefined;
  const built = readdirSync(BIN)
    .filter((f) => /^argo-v[\d.]+$/.test(f))
    .sort()
    .pop();
  return built ? join(BIN, built) : undefined;
}

/** Why the tests that need the argo CLI are skipped, or false when they run. */
export function argoCliSkip(): string | false {
  if (argoCli() || process.env.CI === 'true') return false;
  return 'the argo CLI is not built: run `scripts/real-cluster/build.sh argo` (needs Go; builds Argo from its Go module into ~/.cache/argo-studio); skipped';
}
