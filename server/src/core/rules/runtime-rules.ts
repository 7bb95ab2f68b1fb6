import { isScalar, type YAMLMap } from 'yaml';
import type { TemplateModel } from '../model/types';
import { allTemplates, templateLabel } from '../model/walk';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

/** Mistakes that argo lint accepts but that fail (or misbehave) when the workflow runs. */
const RULES: RuleMeta[] = [
  {
    code: 'retry-invalid',
    severity: 'error',
    family: 'templates',
    description:
      'A retryStrategy whose limit is not a number (or a {{...}} variable), or whose backoff duration / maxDuration is not a duration such as "30s" or "2m": the controller fails the node when it retries.',
    example: 'retryStrategy: {limit: three, backoff: {duration: "5 minutes"}}',
  },
  {
    code: 'unknown-volume',
    severity: 'error',
    family: 'templates',
    description:
      'A volumeMount names a volume that neither the template, spec.volumes nor spec.volumeClaimTemplates defines: the Kubernetes API server rejects the pod (volumeMounts[].name: Not found).',
    example: 'volumeMounts: [{name: cache, mountPath: /cache}]   # no volume "cache"',
  },
  {
    code: 'script-source-required',
    severity: 'error',
    family: 'templates',
    description: 'A script template without `source`: there is no script to run.',
    example: 'script: {image: python:3.12, command: [python]}',
  },
];

/** Go's time.ParseDuration, or a plain number of seconds (Argo accepts both for retry backoff). */
const DURATION = /^([0-9]+(\.[0-9]*)?|\.[0-9]+)$|^([-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h))+$/;
const isVariable = (v: string): boolean => v.includes('{{');

export const runtimeRules: RuleFamily = {
  name: 'templates',
  rules: RULES,
  check(ctx: RuleContext): void {
    const spec = ctx.model.spec;
    if (!spec) return;
    const { y } = ctx;
    const workflowVolumes = new Set<string>();
    for (const key of ['volumes', 'volumeClaimTemplates'])
      for (const item of y.getSeq(spec.node, key)?.items ?? []) {
        const m = y.map(item);
        const name = key === 'volumes' ? y.getStr(m, 'name') : y.getStr(y.getMap(m, 'metadata'), 'name');
        if (name) workflowVolumes.add(name.value);
      }
    // A WorkflowTemplate's templates may run in a Workflow that brings the volumes: check Workflows (and CronWorkflows) only.
    const checkVolumes = (ctx.model.kind === 'Workflow' || ctx.model.kind === 'CronWorkflow') && !spec.workflowTemplateRef;
    for (const t of allTemplates(spec)) {
      checkRetry(ctx, t);
      if (t.type === 'script') checkScript(ctx, t);
      if (checkVolumes) checkVolumeMounts(ctx, t, workflowVolumes);
    }
  },
};

function checkRetry(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const retry = y.getMap(t.node, 'retryStrategy');
  if (!retry) return;
  const limit = y.get(retry, 'limit');
  if (isScalar(limit) && typeof limit.value === 'string' && !isVariable(limit.value) && !/^[0-9]+$/.test(limit.value.trim()))
    ctx.report(
      'retry-invalid',
      y.range(limit),
      `templates.${templateLabel(t)}.retryStrategy.limit "${limit.value}" is not a number: write how many retries, e.g. 3 (the controller cannot read it when the step fails).`,
    );
  const backoff = y.getMap(retry, 'backoff');
  for (const key of ['duration', 'maxDuration']) {
    const v = y.get(backoff, key);
    if (!isScalar(v) || v.value === null) continue;
    const text = String(v.value).trim();
    if (isVariable(text) || DURATION.test(text)) continue;
    ctx.report(
      'retry-invalid',
      y.range(v),
      `templates.${templateLabel(t)}.retryStrategy.backoff.${key} "${text}" is not a duration: write e.g. "30s", "5m" or "1h30m" (Argo: invalid duration when it retries).`,
    );
  }
}

function checkScript(ctx: RuleContext, t: TemplateModel): void {
  const { y } = ctx;
  const script = y.getMap(t.node, 'script');
  if (!script) return;
  const source = y.get(script, 'source');
  if (isScalar(source) && typeof source.value === 'string' && source.value.trim() !== '') return;
  ctx.report(
    'script-source-required',
    y.keyRange(t.node, 'script') ?? t.range,
    `templates.${templateLabel(t)}.script has no source: write the script to run under "source: |".`,
  );
}

function checkVolumeMounts(ctx: RuleContext, t: TemplateModel, workflowVolumes: ReadonlySet<string>): void {
  const { y } = ctx;
  const own = new Set(workflowVolumes);
  for (const item of y.getSeq(t.node, 'volumes')?.items ?? []) {
    const name = y.getStr(y.map(item), 'name');
    if (name) own.add(name.value);
  }
  const containers: (YAMLMap | undefined)[] = [y.getMap(t.node, 'container'), y.getMap(t.node, 'script')];
  for (const key of ['sidecars', 'initContainers']) for (const item of y.getSeq(t.node, key)?.items ?? []) containers.push(y.map(item));
  const cs = y.getMap(t.node, 'containerSet');
  if (cs) {
    containers.push(cs);
    for (const item of y.getSeq(cs, 'containers')?.items ?? []) containers.push(y.map(item));
  }
  for (const c of containers) {
    for (const item of y.getSeq(c, 'volumeMounts')?.items ?? []) {
      const name = y.getStr(y.map(item), 'name');
      if (!name || isVariable(name.value) || own.has(name.value)) continue;
      const known = [...own];
      ctx.report(
        'unknown-volume',
        name.range,
        `templates.${templateLabel(t)}: volumeMount "${name.value}" names no volume (${known.length ? `volumes: ${known.join(', ')}` : 'the workflow defines none'}); the API server rejects the pod. Add it to spec.volumes or the template's volumes.`,
      );
    }
  }
}
