// Just enough OpenAPI v3 for `kubectl create` (≥1.30) to trust server-side field validation: an index,
// and per group-version a document whose PATCH operations carry x-kubernetes-group-version-kind and a
// `fieldValidation` parameter. Schemas are open (x-kubernetes-preserve-unknown-fields), like Argo's CRDs.

import { apiVersionOf, resources, type ResourceDef } from './resources.js';
import type { JsonObject } from './types.js';

function gvPath(r: ResourceDef): string {
  return r.group === '' ? `api/${r.version}` : `apis/${r.group}/${r.version}`;
}

export function openApiIndex(): JsonObject {
  const paths: JsonObject = {};
  for (const r of resources) paths[gvPath(r)] = { serverRelativeURL: `/openapi/v3/${gvPath(r)}?hash=${hashOf(gvPath(r))}` };
  return { paths };
}

function hashOf(s: string): string {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0');
}

function schemaName(r: ResourceDef): string {
  return r.group === '' ? `io.k8s.api.core.v1.${r.kind}` : `io.argoproj.workflow.v1alpha1.${r.kind}`;
}

export function openApiGroupVersion(path: string): JsonObject | undefined {
  const defs = resources.filter((r) => gvPath(r) === path);
  if (defs.length === 0) return undefined;
  const paths: JsonObject = {};
  const schemas: JsonObject = {};
  for (const r of defs) {
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const base = r.namespaced ? `/${gvPath(r)}/namespaces/{namespace}/${r.plural}` : `/${gvPath(r)}/${r.plural}`;
    const ref = { $ref: `#/components/schemas/${schemaName(r)}` };
    const body = { content: { 'application/json': { schema: ref } } };
    const params = [
      { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
      { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
    ];
    paths[base] = {
      post: {
        operationId: `create${r.kind}`,
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': gvk,
        parameters: params,
        requestBody: body,
        responses: { '201': body },
      },
    };
    paths[`${base}/{name}`] = {
      get: { operationId: `read${r.kind}`, 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk, responses: { '200': body } },
      patch: {
        operationId: `patch${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: params,
        requestBody: { content: { 'application/merge-patch+json': { schema: { type: 'object' } } } },
        responses: { '200': body },
      },
    };
    schemas[schemaName(r)] = {
      type: 'object',
      'x-kubernetes-group-version-kind': [gvk],
      'x-kubernetes-preserve-unknown-fields': true,
      properties: {
        apiVersion: { type: 'string', enum: [apiVersionOf(r)] },
        kind: { type: 'string' },
        metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}
