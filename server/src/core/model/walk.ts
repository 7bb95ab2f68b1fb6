import type { DagTaskModel, SpecModel, StepModel, TemplateModel } from './types';

/** Every template of a spec: top-level ones, then inline templates of tasks and steps (depth-first). */
export function allTemplates(spec: SpecModel | undefined): TemplateModel[] {
  const out: TemplateModel[] = [];
  const visit = (t: TemplateModel): void => {
    out.push(t);
    for (const call of callsOf(t)) if (call.inline) visit(call.inline);
  };
  for (const t of spec?.templates ?? []) visit(t);
  return out;
}

/** The DAG tasks or steps of a template, in document order. */
export function callsOf(t: TemplateModel): (DagTaskModel | StepModel)[] {
  if (t.dag) return t.dag.tasks;
  if (t.steps) return t.steps.flatMap((g) => g.steps);
  return [];
}

/** Display name of a template for messages. */
export function templateLabel(t: TemplateModel): string {
  return t.name?.value ?? `#${t.index}`;
}
