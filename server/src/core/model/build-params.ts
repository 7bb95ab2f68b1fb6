import { isMap, type YAMLMap } from 'yaml';
import type { ArtifactModel, ParameterModel, ParamsModel } from './types';
import type { YamlAccess } from './yaml-access';

/** Artifact keys that name a location (a storage driver) or a key in the default repository. */
const ARTIFACT_LOCATION_KEYS = ['s3', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'gcs', 'azure', 'plugin', 'key', 'url'];

/** Reads an `inputs:`, `outputs:` or `arguments:` block. */
export function buildParams(y: YamlAccess, node: unknown): ParamsModel {
  const map = y.map(node);
  if (!map) return { parameters: [], artifacts: [], range: undefined, parametersKeyRange: undefined };
  const parameters: ParameterModel[] = [];
  for (const item of y.getSeq(map, 'parameters')?.items ?? []) {
    const p = y.map(item);
    if (p) parameters.push(buildParameter(y, p));
  }
  const artifacts: ArtifactModel[] = [];
  for (const item of y.getSeq(map, 'artifacts')?.items ?? []) {
    const a = y.map(item);
    if (a) artifacts.push(buildArtifact(y, a));
  }
  return { parameters, artifacts, range: y.range(map), parametersKeyRange: y.keyRange(map, 'parameters') };
}

function buildParameter(y: YamlAccess, p: YAMLMap): ParameterModel {
  const valueFrom = y.getMap(p, 'valueFrom');
  const enumSeq = y.getSeq(p, 'enum');
  return {
    name: y.getStr(p, 'name'),
    range: y.range(p),
    value: y.getStr(p, 'value'),
    default: y.getStr(p, 'default'),
    enum: enumSeq ? enumSeq.items.map((i) => y.str(i)).filter((v): v is NonNullable<typeof v> => v !== undefined) : undefined,
    hasValueFrom: isMap(valueFrom),
    valueFromKeys: y.keys(valueFrom).map((k) => k.value),
    globalName: y.getStr(p, 'globalName'),
    description: y.getStr(p, 'description'),
    node: p,
  };
}

function buildArtifact(y: YamlAccess, a: YAMLMap): ArtifactModel {
  const keys = new Set(y.keys(a).map((k) => k.value));
  return {
    name: y.getStr(a, 'name'),
    range: y.range(a),
    from: y.getStr(a, 'from'),
    fromExpression: y.getStr(a, 'fromExpression'),
    path: y.getStr(a, 'path'),
    optional: y.getBool(a, 'optional') === true,
    globalName: y.getStr(a, 'globalName'),
    hasLocation: ARTIFACT_LOCATION_KEYS.some((k) => keys.has(k)),
    node: a,
  };
}
