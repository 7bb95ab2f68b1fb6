// Discovery documents: /version, /api, /apis, /apis/<group>, and the APIResourceLists per group-version.
// Legacy (non-aggregated) JSON; kubectl falls back to it when it asks for apidiscovery v2.

import { apiVersionOf, resources, type ResourceDef } from './resources.js';
import type { JsonObject } from './types.js';

export function versionInfo(minor: string): JsonObject {
  return {
    major: '1',
    minor,
    emulationMajor: '1',
    emulationMinor: minor,
    gitVersion: `v1.${minor}.0`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groups(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of resources) {
    if (r.group === '') continue;
    const versions = out.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    out.set(r.group, versions);
  }
  return out;
}

function groupDoc(name: string, versions: string[]): JsonObject {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
  return { name, versions: vs, preferredVersion: vs[0] };
}

export function groupList(): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groups()].map(([n, v]) => groupDoc(n, v)) };
}

export function groupInfo(group: string): JsonObject | undefined {
  const versions = groups().get(group);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group, versions) } : undefined;
}

function apiResource(r: ResourceDef): JsonObject {
  const o: JsonObject = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
  if (r.shortNames.length > 0) o.shortNames = r.shortNames;
  if (r.categories.length > 0) o.categories = r.categories;
  return o;
}

export function resourceList(group: string, version: string): JsonObject | undefined {
  const defs = resources.filter((r) => r.group === group && r.version === version);
  if (defs.length === 0) return undefined;
  const list: JsonObject[] = [];
  for (const r of defs) {
    list.push(apiResource(r));
    if (r.plural === 'pods') {
      list.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
      list.push({ name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(defs[0]), resources: list };
}
