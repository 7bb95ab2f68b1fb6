/**
 * LogSource over the extension's cluster connection (client/src/cluster/connection.ts): the same
 * context, namespace switch and credentials (401 -> reload, exec plugins) as the runs view.
 */
import type { ClusterConnection } from '../cluster/connection';
import { createLogSource, type LogSource, type SourceTimeouts } from './log-source';

export type ConnectionLike = Pick<ClusterConnection, 'contextName' | 'request'>;

export function connectionLogSource(conn: ConnectionLike, timeouts?: SourceTimeouts): LogSource {
  return createLogSource(conn.contextName, (path, signal) => conn.request('GET', path, undefined, { signal, stream: true, accept: 'application/json, */*' }), timeouts);
}
