import type { Analysis, AnalyzedDocument } from '../analyze';
import type { ArgoDocumentModel, SpecModel, TemplateModel } from '../model/types';
import { YamlAccess } from '../model/yaml-access';
import { byName, callDetails } from './call-info';
import { addNode, expandFrom, hooksOf, type ExpandContext, type Frame } from './expand';
import { attachProblems } from './graph-problems';
import { GraphParts } from './graph-parts';
import { labelledWidth } from './node-labels';
import { NODE_METRICS } from './node-size';
import type { GraphOptions, GraphResult, TemplateSummary, WorkflowGraph } from './types';

const DEFAULT_MAX_NODES = 3000;
const DEFAULT_MAX_DEPTH = 12;
/** The workflow's exit handler gets edges from the last nodes when there are at most this many. */
const MAX_EXIT_EDGES = 8;

type Picked = { ok: true; doc: AnalyzedDocument; model: ArgoDocumentModel; spec: SpecModel } | { ok: false; error: string };

/** Builds the graph of one template (by default the entrypoint) of one Argo document of an analysed file. */
export function buildGraph(analysis: Analysis, options: GraphOptions = {}): GraphResult {
  const picked = pickDocument(analysis, options.documentIndex);
  if (!picked.ok) return picked;
  const { doc, model, spec } = picked;
  const templates = new Map<string, TemplateModel>();
  for (const t of spec.templates) if (t.name && !templates.has(t.name.value)) templates.set(t.name.value, t);
  const root = pickRoot(model, spec, templates, options.template);
  if (!root.ok) return root;
  const rootName = root.template.name?.value ?? `#${root.template.index}`;
  const parts = new GraphParts();
  const ctx: ExpandContext = {
    parts,
    text: analysis.file.text,
    y: new YamlAccess(doc.parsed.doc, analysis.file.toOriginal),
    templates,
    collapsed: new Set(options.collapsed ?? []),
    collapseAll: options.collapseAll === true,
    showArtifacts: options.showArtifacts !== false,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
    budget: options.maxNodes ?? DEFAULT_MAX_NODES,
    truncated: false,
  };
  const frame: Frame = { template: root.template, groupId: undefined, prefix: '', depth: 0, ancestors: [{ template: rootName, id: '' }] };
  if (root.template.type === 'dag' || root.template.type === 'steps') {
    expandFrom(ctx, frame);
  } else {
    const call = { template: rootName, ...(root.template.type ? { type: root.template.type } : {}) };
    parts.addNode({
      id: parts.uniqueId(rootName),
      name: rootName,
      kind: 'template',
      depth: 0,
      range: root.template.range,
      call,
      details: callDetails(undefined, root.template),
      problems: [],
      width: labelledWidth({ name: rootName, kind: 'template', call }),
      height: NODE_METRICS.height,
    });
  }
  if (root.isEntrypoint) addWorkflowHandlers(ctx, spec, frame);
  const graph: WorkflowGraph = {
    documentIndex: model.documentIndex,
    kind: model.kind,
    ...(model.name || model.generateName ? { workflowName: (model.name ?? model.generateName)?.value } : {}),
    root: { template: rootName, ...(root.template.type ? { type: root.template.type } : {}), range: root.template.range, isEntrypoint: root.isEntrypoint },
    templates: summaries(spec),
    nodes: parts.nodes,
    missing: parts.missing,
    edges: parts.edges,
    problems: [],
    truncated: ctx.truncated,
    showArtifacts: ctx.showArtifacts,
  };
  attachProblems(graph, doc.findings);
  return { ok: true, graph };
}

function pickDocument(analysis: Analysis, index: number | undefined): Picked {
  const kinds = 'a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow';
  let doc: AnalyzedDocument | undefined;
  if (index !== undefined) {
    doc = analysis.documents[index];
    if (!doc) return { ok: false, error: `There is no YAML document ${index} in this file (it has ${analysis.documents.length}; the first is 0).` };
    if (!doc.model) return { ok: false, error: `YAML document ${index} is not ${kinds}.` };
  } else {
    doc = analysis.documents.find((d) => (d.model?.spec?.templates.length ?? 0) > 0) ?? analysis.documents.find((d) => d.model);
    if (!doc?.model) return { ok: false, error: `No Argo document in this file: expected ${kinds} (apiVersion: argoproj.io/v1alpha1).` };
  }
  const model = doc.model;
  if (!model) return { ok: false, error: `YAML document ${doc.parsed.index} is not ${kinds}.` };
  const spec = model.spec;
  const where = `${model.kind} "${model.name?.value ?? model.generateName?.value ?? '?'}"`;
  if (!spec) return { ok: false, error: `${where} has no spec${model.kind === 'CronWorkflow' ? '.workflowSpec' : ''}, so there is nothing to draw.` };
  if (spec.templates.length === 0) {
    const ref = spec.workflowTemplateRef?.name?.value;
    return {
      ok: false,
      error: ref
        ? `${where} has no templates of its own: it runs WorkflowTemplate "${ref}" (workflowTemplateRef). Open that template to see its graph.`
        : `${where} has no templates, so there is nothing to draw.`,
    };
  }
  return { ok: true, doc, model, spec };
}

type Root = { ok: true; template: TemplateModel; isEntrypoint: boolean } | { ok: false; error: string };

function pickRoot(model: ArgoDocumentModel, spec: SpecModel, templates: ReadonlyMap<string, TemplateModel>, asked: string | undefined): Root {
  const entry = spec.entrypoint?.value;
  if (asked !== undefined) {
    const t = templates.get(asked);
    if (!t)
      return {
        ok: false,
        error: `Template "${asked}" is not defined in ${model.kind} "${model.name?.value ?? model.generateName?.value ?? '?'}". Templates: ${[...templates.keys()].join(', ') || '(none)'}.`,
      };
    return { ok: true, template: t, isEntrypoint: asked === entry };
  }
  if (entry !== undefined && templates.has(entry)) return { ok: true, template: templates.get(entry) as TemplateModel, isEntrypoint: true };
  const t = spec.templates.find((x) => x.type === 'dag' || x.type === 'steps') ?? spec.templates[0];
  return { ok: true, template: t, isEntrypoint: false };
}

/** The workflow's exit handler (after the last nodes) and its lifecycle hooks. */
function addWorkflowHandlers(ctx: ExpandContext, spec: SpecModel, frame: Frame): void {
  const children: Frame[] = [];
  const top = ctx.parts.nodes.filter((n) => n.parent === undefined);
  if (spec.onExit) {
    const r = byName(spec.onExit.value, ctx.templates);
    const exit = addNode(
      ctx,
      frame,
      { id: ctx.parts.uniqueId('onExit'), name: 'onExit', kind: 'exit', range: spec.onExit.range, call: undefined, target: r.target, template: r.template },
      children,
    );
    const hasOut = new Set(ctx.parts.edges.filter((e) => e.parent === undefined).map((e) => e.from));
    const sinks = top.filter((n) => (n.kind === 'task' || n.kind === 'step' || n.kind === 'template') && !hasOut.has(n.id));
    if (sinks.length <= MAX_EXIT_EDGES) for (const s of sinks) ctx.parts.addEdge(s.id, exit.id, 'exit', undefined);
  }
  for (const hook of hooksOf(ctx, spec.node)) {
    addNode(
      ctx,
      frame,
      {
        id: ctx.parts.uniqueId(`hooks.${hook.name}`),
        name: `hooks.${hook.name}`,
        kind: 'hook',
        range: hook.range,
        call: undefined,
        target: hook.target,
        template: hook.template,
        ...(hook.expression !== undefined ? { when: hook.expression } : {}),
      },
      children,
    );
  }
  for (let i = 0; i < children.length; i++) expandFrom(ctx, children[i]);
}

function summaries(spec: SpecModel): TemplateSummary[] {
  const named = spec.templates.filter((t) => t.name);
  const rank = (t: TemplateModel): number => (t.type === 'dag' || t.type === 'steps' ? 0 : 1);
  return [...named]
    .sort((a, b) => rank(a) - rank(b) || a.index - b.index)
    .map((t) => ({ name: t.name?.value ?? '', ...(t.type ? { type: t.type } : {}), range: t.range }));
}
