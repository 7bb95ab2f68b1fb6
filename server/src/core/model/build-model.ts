import { isScalar } from 'yaml';
import type { ParsedDocument } from '../parse/parse-file';
import { ARGO_API_VERSION, ARGO_KINDS, type ArgoKind } from '../types';
import { buildParams } from './build-params';
import { buildTemplate, buildTemplateRef } from './build-template';
import type { ArgoDocumentModel, Located, SpecModel, TemplateModel } from './types';
import { YamlAccess } from './yaml-access';

/** The Argo kind of a parsed document, or undefined when it is not an Argo document. */
export function argoKindOf(pd: ParsedDocument, toOriginal: (o: number) => number): ArgoKind | undefined {
  const y = new YamlAccess(pd.doc, toOriginal);
  const root = y.map(pd.doc.contents);
  if (!root) return undefined;
  const apiVersion = y.getStr(root, 'apiVersion')?.value;
  const kind = y.getStr(root, 'kind')?.value;
  if (apiVersion !== ARGO_API_VERSION || !kind) return undefined;
  return (ARGO_KINDS as readonly string[]).includes(kind) ? (kind as ArgoKind) : undefined;
}

/** Builds the typed model of an Argo document; undefined when it is not one. */
export function buildModel(pd: ParsedDocument, toOriginal: (o: number) => number): ArgoDocumentModel | undefined {
  const kind = argoKindOf(pd, toOriginal);
  if (!kind) return undefined;
  const y = new YamlAccess(pd.doc, toOriginal);
  const root = y.map(pd.doc.contents);
  if (!root) return undefined;
  const metadata = y.getMap(root, 'metadata');
  const specMap = y.getMap(root, 'spec');
  const workflowSpec = kind === 'CronWorkflow' ? y.getMap(specMap, 'workflowSpec') : specMap;
  return {
    kind,
    kindRange: y.range(y.get(root, 'kind')),
    documentIndex: pd.index,
    range: pd.range,
    name: y.getStr(metadata, 'name'),
    generateName: y.getStr(metadata, 'generateName'),
    namespace: y.getStr(metadata, 'namespace'),
    labels: stringMap(y, y.getMap(metadata, 'labels')),
    annotations: stringMap(y, y.getMap(metadata, 'annotations')),
    spec: workflowSpec ? buildSpec(y, workflowSpec) : undefined,
    cronSpec: kind === 'CronWorkflow' ? specMap : undefined,
    root,
  };
}

function buildSpec(y: YamlAccess, spec: NonNullable<ReturnType<YamlAccess['map']>>): SpecModel {
  const templatesSeq = y.getSeq(spec, 'templates');
  const templates: TemplateModel[] = [];
  (templatesSeq?.items ?? []).forEach((item, index) => {
    const t = y.map(item);
    if (t) templates.push(buildTemplate(y, t, index));
  });
  return {
    range: y.range(spec),
    entrypoint: y.getStr(spec, 'entrypoint'),
    onExit: y.getStr(spec, 'onExit'),
    arguments: buildParams(y, y.get(spec, 'arguments')),
    templates,
    templatesRange: templatesSeq ? y.range(templatesSeq) : undefined,
    workflowTemplateRef: buildTemplateRef(y, y.getMap(spec, 'workflowTemplateRef')),
    hookNames: y.keys(y.getMap(spec, 'hooks')),
    node: spec,
  };
}

function stringMap(y: YamlAccess, map: ReturnType<YamlAccess['map']>): Map<string, Located<string>> {
  const out = new Map<string, Located<string>>();
  // One pass (a lookup per key is quadratic over many keys); a repeated key reads its first value.
  const first = new Map<string, unknown>();
  for (const item of map?.items ?? []) {
    const k = y.deref(item.key);
    if (!isScalar(k) || k.value === null || k.value === undefined) continue;
    const name = String(k.value);
    if (!first.has(name)) first.set(name, y.deref(item.value));
    const v = first.get(name);
    const range = y.range(k);
    out.set(name, isScalar(v) ? (y.str(v) ?? { value: '', range }) : { value: '', range });
  }
  return out;
}
