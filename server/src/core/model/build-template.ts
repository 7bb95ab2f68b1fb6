import { isScalar, isSeq, type YAMLMap } from 'yaml';
import { buildParams } from './build-params';
import {
  TEMPLATE_TYPES,
  type CallModel,
  type DagModel,
  type DagTaskModel,
  type Located,
  type LoopKind,
  type LoopModel,
  type StepGroupModel,
  type StepModel,
  type TemplateModel,
  type TemplateRefModel,
  type TemplateType,
} from './types';
import type { YamlAccess } from './yaml-access';

const LOOP_KINDS: readonly LoopKind[] = ['withItems', 'withParam', 'withSequence'];

/** Builds a template (also used for inline templates of tasks and steps). Depth bounds nesting of inline templates. */
export function buildTemplate(y: YamlAccess, t: YAMLMap, index: number, depth = 0): TemplateModel {
  const types = TEMPLATE_TYPES.filter((k) => y.has(t, k));
  const type: TemplateType | undefined = types[0];
  const dagMap = y.getMap(t, 'dag');
  const stepsSeq = y.getSeq(t, 'steps');
  const container = y.getMap(t, 'container') ?? y.getMap(t, 'script');
  return {
    name: y.getStr(t, 'name'),
    index,
    range: y.range(t),
    types,
    type,
    typeKeyRange: type ? y.keyRange(t, type) : undefined,
    inputs: buildParams(y, y.get(t, 'inputs')),
    outputs: buildParams(y, y.get(t, 'outputs')),
    dag: dagMap ? buildDag(y, dagMap, depth) : undefined,
    steps: stepsSeq ? buildStepGroups(y, stepsSeq.items, depth) : undefined,
    stepsRange: stepsSeq ? y.range(stepsSeq) : undefined,
    hasRetryStrategy: y.has(t, 'retryStrategy'),
    daemon: y.getBool(t, 'daemon') === true,
    image: container ? y.getStr(container, 'image') : undefined,
    node: t,
  };
}

function buildDag(y: YamlAccess, dag: YAMLMap, depth: number): DagModel {
  const tasksSeq = y.getSeq(dag, 'tasks');
  const tasks: DagTaskModel[] = [];
  (tasksSeq?.items ?? []).forEach((item, index) => {
    const m = y.map(item);
    if (m) tasks.push(buildTask(y, m, index, depth));
  });
  return {
    tasks,
    range: y.range(dag),
    tasksRange: tasksSeq ? y.range(tasksSeq) : undefined,
    target: y.getStr(dag, 'target'),
    failFast: y.getBool(dag, 'failFast'),
  };
}

function buildTask(y: YamlAccess, m: YAMLMap, index: number, depth: number): DagTaskModel {
  const depsNode = y.get(m, 'dependencies');
  let dependencies: Located<string>[] | undefined;
  if (isSeq(depsNode)) {
    dependencies = depsNode.items.map((i) => y.str(i)).filter((v): v is Located<string> => v !== undefined);
  } else if (isScalar(depsNode) && typeof depsNode.value === 'string') {
    dependencies = [{ value: depsNode.value, range: y.range(depsNode) }];
  }
  const continueOn = y.getMap(m, 'continueOn');
  return {
    type: 'task',
    index,
    ...buildCall(y, m, depth),
    dependencies,
    dependenciesRange: depsNode ? y.range(depsNode) : undefined,
    depends: y.getStr(m, 'depends'),
    continueOn: continueOn
      ? { failed: y.getBool(continueOn, 'failed') === true, error: y.getBool(continueOn, 'error') === true, range: y.range(continueOn) }
      : undefined,
  };
}

function buildStepGroups(y: YamlAccess, items: unknown[], depth: number): StepGroupModel[] {
  const groups: StepGroupModel[] = [];
  items.forEach((groupNode, groupIndex) => {
    const g = y.deref(groupNode);
    const steps: StepModel[] = [];
    // A group is a list of steps; Argo also reads a single step map written without the inner list.
    const stepNodes = isSeq(g) ? g.items : y.map(g) ? [g] : [];
    stepNodes.forEach((s, index) => {
      const m = y.map(s);
      if (m) steps.push({ type: 'step', groupIndex, index, ...buildCall(y, m, depth) });
    });
    groups.push({ index: groupIndex, range: y.range(g), steps });
  });
  return groups;
}

function buildCall(y: YamlAccess, m: YAMLMap, depth: number): Omit<CallModel, never> {
  const inlineMap = y.getMap(m, 'inline');
  const hooks = y.getMap(m, 'hooks');
  return {
    name: y.getStr(m, 'name'),
    range: y.range(m),
    template: y.getStr(m, 'template'),
    templateRef: buildTemplateRef(y, y.getMap(m, 'templateRef')),
    inline: inlineMap && depth < 8 ? buildTemplate(y, inlineMap, -1, depth + 1) : undefined,
    arguments: buildParams(y, y.get(m, 'arguments')),
    when: y.getStr(m, 'when'),
    loop: buildLoop(y, m),
    hookNames: y.keys(hooks),
    onExit: y.getStr(m, 'onExit'),
    node: m,
  };
}

export function buildTemplateRef(y: YamlAccess, ref: YAMLMap | undefined): TemplateRefModel | undefined {
  if (!ref) return undefined;
  return {
    name: y.getStr(ref, 'name'),
    template: y.getStr(ref, 'template'),
    clusterScope: y.getBool(ref, 'clusterScope') === true,
    range: y.range(ref),
  };
}

function buildLoop(y: YamlAccess, m: YAMLMap): LoopModel | undefined {
  const kinds = LOOP_KINDS.filter((k) => y.has(m, k));
  if (kinds.length === 0) return undefined;
  const first = y.pair(m, kinds[0]);
  const node = y.deref(first?.value);
  const items = y.getSeq(m, 'withItems');
  return {
    kinds,
    range: first ? y.pairRange(first) : y.range(m),
    itemCount: items ? items.items.length : undefined,
    param: y.getStr(m, 'withParam'),
    node: node ?? m,
  };
}
