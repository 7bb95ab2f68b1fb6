import { checkCron } from '../expr/cron-parser';
import type { RuleContext, RuleFamily, RuleMeta } from './rule';

const RULES: RuleMeta[] = [
  {
    code: 'cron-schedule-required',
    severity: 'error',
    family: 'cron',
    description: 'A CronWorkflow without spec.schedules (Argo: cron workflow must have at least one schedule).',
    example: 'spec:\n  workflowSpec: {...}',
  },
  {
    code: 'cron-schedule-invalid',
    severity: 'error',
    family: 'cron',
    description: 'A schedule that does not parse as a 5-field cron expression, a descriptor (@daily) or @every <duration>.',
    example: 'schedules: ["0 0 * *"]',
  },
  {
    code: 'cron-timezone-invalid',
    severity: 'error',
    family: 'cron',
    description: 'An unknown IANA time zone in spec.timezone or a CRON_TZ= prefix.',
    example: 'timezone: Mars/Olympus',
  },
  {
    code: 'cron-starting-deadline-negative',
    severity: 'error',
    family: 'cron',
    description: 'A negative startingDeadlineSeconds.',
    example: 'startingDeadlineSeconds: -10',
  },
];

export const cronRules: RuleFamily = {
  name: 'cron',
  rules: RULES,
  check(ctx: RuleContext): void {
    const { model, y } = ctx;
    const spec = model.cronSpec;
    if (model.kind !== 'CronWorkflow' || !spec) return;
    const schedules = y.getSeq(spec, 'schedules');
    if (!schedules || schedules.items.length === 0) {
      ctx.report(
        'cron-schedule-required',
        y.keyRange(spec, 'schedules') ?? y.keyRange(model.root, 'spec') ?? model.kindRange,
        'Cron workflow must have at least one schedule: add spec.schedules (a list; the singular "schedule" was removed in Argo v4).',
      );
    }
    for (const item of schedules?.items ?? []) {
      const s = y.str(item);
      if (!s) continue;
      const r = checkCron(s.value);
      if (r.error) ctx.report('cron-schedule-invalid', s.range, `cron schedule ${s.value} is malformed: ${r.error}.`);
      if (r.timezone && !validZone(r.timezone))
        ctx.report('cron-timezone-invalid', s.range, `invalid timezone "${r.timezone}" in CRON_TZ: unknown time zone ${r.timezone}.`);
    }
    const tz = y.getStr(spec, 'timezone');
    if (tz && tz.value !== '' && !validZone(tz.value))
      ctx.report(
        'cron-timezone-invalid',
        tz.range,
        `invalid timezone "${tz.value}": unknown time zone ${tz.value}. Use an IANA name such as Europe/Berlin or America/New_York.`,
      );
    const deadline = y.get(spec, 'startingDeadlineSeconds');
    const dv = deadline && 'value' in deadline ? (deadline as { value: unknown }).value : undefined;
    if (typeof dv === 'number' && dv < 0) ctx.report('cron-starting-deadline-negative', y.range(deadline), 'startingDeadlineSeconds must be positive.');
  },
};

function validZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
