/**
 * Labels Argo Studio puts on what it submits, so that the runs view can show "mine" and "this
 * workspace": hashes, never the user name, host name or paths themselves.
 */
import { createHash } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { LABEL_SUBMITTED_FROM, LABEL_SUBMITTER } from '../cluster';
import type { Identity } from './run-filters';

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** `workspaceKey`: the workspace folders' URIs (or '' without a workspace). */
export function localIdentity(workspaceKey: string): Identity {
  return { workspace: hash(`workspace:${workspaceKey}`), submitter: hash(`user:${safeUser()}@${hostname()}`) };
}

export function submissionLabels(me: Identity): Record<string, string> {
  return { [LABEL_SUBMITTER]: me.submitter, [LABEL_SUBMITTED_FROM]: me.workspace };
}
