/** The argument of `argoStudio.openLogs`, checked (it comes from other views and from users). Pure. */
import type { LogTarget } from './log-types';

/** The command that opens the logs panel (the runs tree, the live graph and submit call it with `OpenLogsArgs`). */
export const OPEN_LOGS_COMMAND = 'argoStudio.openLogs';

export interface OpenLogsArgs extends LogTarget {
  /** 'submit' when called right after a submit: honours `argoStudio.logs.openAfterSubmit`. */
  readonly trigger?: 'submit';
  readonly container?: string;
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 253 ? v : undefined;
}

/** The target, or an error message saying what is wrong. */
export function parseOpenLogsArgs(arg: unknown): { ok: true; args: OpenLogsArgs } | { ok: false; error: string } {
  if (typeof arg !== 'object' || arg === null) return { ok: false, error: 'expected { namespace, workflowName, nodeId?, podName? }' };
  const a = arg as Record<string, unknown>;
  const namespace = str(a.namespace);
  const workflowName = str(a.workflowName);
  if (!namespace || !NAME.test(namespace)) return { ok: false, error: `invalid namespace ${JSON.stringify(a.namespace)}` };
  if (!workflowName || !NAME.test(workflowName)) return { ok: false, error: `invalid workflow name ${JSON.stringify(a.workflowName)}` };
  const podName = str(a.podName);
  const nodeId = str(a.nodeId);
  const container = str(a.container);
  return {
    ok: true,
    args: {
      namespace,
      workflowName,
      ...(podName ? { podName } : {}),
      ...(nodeId ? { nodeId } : {}),
      ...(container ? { container } : {}),
      ...(a.trigger === 'submit' ? { trigger: 'submit' as const } : {}),
    },
  };
}

/** "name" or "namespace/name" typed by a user. */
export function parseTypedTarget(text: string, defaultNamespace: string): LogTarget | undefined {
  const t = text.trim();
  const m = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/.exec(t);
  if (!m) return undefined;
  return { namespace: m[1] ?? defaultNamespace, workflowName: m[3] };
}
