/**
 * Messages about a pod that is gone and where its archived logs are. Pure. (401, 403 and the other
 * cluster failures are worded once, by the cluster's `ClusterError`.)
 */
import type { Artifact, Workflow } from '../cluster';

/** Where an archived artifact is, in words (bucket/key or URL); undefined when it names no location. */
export function artifactLocation(a: Artifact): string | undefined {
  if (a.s3?.key) return a.s3.bucket ? `s3://${a.s3.bucket}/${a.s3.key}` : `key "${a.s3.key}" in the default artifact repository (S3)`;
  if (a.gcs?.key) return a.gcs.bucket ? `gs://${a.gcs.bucket}/${a.gcs.key}` : `key "${a.gcs.key}" in the default artifact repository (GCS)`;
  if (a.oss?.key) return a.oss.bucket ? `oss://${a.oss.bucket}/${a.oss.key}` : `key "${a.oss.key}" in the default artifact repository (OSS)`;
  if (a.azure?.blob)
    return a.azure.container ? `Azure blob ${a.azure.container}/${a.azure.blob}` : `Azure blob "${a.azure.blob}" in the default artifact repository`;
  if (a.hdfs?.path) return `HDFS ${a.hdfs.path}`;
  if (a.http?.url) return a.http.url;
  if (a.artifactory?.url) return a.artifactory.url;
  return undefined;
}

/** The archived `main-logs` artifact of a node, if the workflow has one. */
export function archivedLogs(wf: Workflow | undefined, nodeId: string): string | undefined {
  const node = wf?.status?.nodes?.[nodeId];
  const art = node?.outputs?.artifacts?.find((a) => a.name === 'main-logs');
  if (!art) return undefined;
  return artifactLocation(art) ?? 'the artifact "main-logs" of this node';
}

export function explainPodGone(podName: string, container: string, sawLines: boolean, archive: string | undefined): string {
  const head = sawLines ? `Pod ${podName} was deleted: its logs end here.` : `Pod ${podName} no longer exists, so its logs cannot be read from the cluster.`;
  if (archive !== undefined && container === 'main')
    return `${head} The archived logs (main-logs) are at ${archive}; open them in the Argo UI or with \`argo logs\`.`;
  return `${head} No archived logs were found (Argo keeps them only with archiveLogs: true and an artifact repository).`;
}
