// Argo's node ids and v2 pod names (workflow_types.go NodeID, workflow/util/pod_name.go GeneratePodName).

/** 32-bit FNV-1a of the UTF-8 bytes, as Go's hash/fnv New32a. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s, 'utf8')) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Root node id = workflow name; any other node: `<wf>-<fnv32a(nodeName)>`. */
export function nodeId(wfName: string, nodeName: string): string {
  return nodeName === wfName ? wfName : `${wfName}-${fnv32a(nodeName)}`;
}

const maxK8sResourceNameLength = 253;
const k8sNamingHashLength = 10;

/** Pod name v2: `<wf>-<template>-<fnv32a(nodeName)>`, the prefix cut to 242 characters; v1 = the node id. */
export function podName(wfName: string, nodeName: string, templateName: string, version: 'v1' | 'v2' = 'v2'): string {
  if (version === 'v1') return nodeId(wfName, nodeName);
  if (wfName === nodeName) return wfName;
  let prefix = templateName !== '' ? `${wfName}-${templateName}` : wfName;
  const maxPrefix = maxK8sResourceNameLength - k8sNamingHashLength;
  if (prefix.length > maxPrefix - 1) prefix = prefix.slice(0, maxPrefix - 1);
  return `${prefix}-${fnv32a(nodeName)}`;
}
