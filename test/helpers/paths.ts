import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');
/** Argo's examples, read at test time from ../shared (never copied into the repo). */
export const EXAMPLES = resolve(REPO, '..', 'shared', 'argo', 'examples');
export const ARGO_SCHEMA = resolve(REPO, '..', 'shared', 'argo', 'schema.json');

export function examplesSkip(): string | false {
  return existsSync(EXAMPLES) ? false : `Argo examples not found at ${EXAMPLES} (../shared/argo/examples); conformance tests skipped`;
}

export const DIST_SERVER = resolve(REPO, 'dist', 'server.js');
export const DIST_CLI = resolve(REPO, 'dist', 'cli.js');
