import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
/** Argo's examples, read at test time from ../shared (never copied into the repo). */
export const EXAMPLES = resolve(REPO, '..', 'shared', 'argo', 'examples');
export const ARGO_SCHEMA = resolve(REPO, '..', 'shared', 'argo', 'schema.json');

/** Argo's project files beside the checkout (examples, schema, CRDs): read at test time, never copied. */
export const SHARED_ARGO = resolve(REPO, '..', 'shared', 'argo');

/**
 * Why tests that need `path` are skipped, or false when they run. Under CI=true they always run (an
 * absent file then fails them): CI must prove they ran.
 */
function skipUnless(path: string, what: string): string | false {
  if (existsSync(path) || process.env.CI === 'true') return false;
  return `${what} not found at ${path}; skipped (they come with the project's ../shared folder)`;
}

export function examplesSkip(): string | false {
  return skipUnless(EXAMPLES, "Argo's examples (../shared/argo/examples): conformance tests");
}

/** For tests that read Argo's examples or CRDs from ../shared/argo. */
export function sharedArgoSkip(): string | false {
  return skipUnless(SHARED_ARGO, "Argo's examples and CRDs (../shared/argo): these tests");
}

/** A file under ../shared/argo, or '' when it is absent (its tests are skipped with sharedArgoSkip()). */
export function readSharedArgo(relative: string): string {
  const path = resolve(SHARED_ARGO, relative);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

export const DIST_SERVER = resolve(REPO, 'dist', 'server.js');
export const DIST_CLI = resolve(REPO, 'dist', 'cli.js');
