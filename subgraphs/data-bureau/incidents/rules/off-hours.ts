import { isWorkingTime, perOfficial, type Observation, type RuleContext } from '../observation';

/** Sensitive reads outside working hours: more than `maxRecords` records opening a SENSITIVE field. */
export function sensitiveOffHours(records: readonly Observation[], ctx: RuleContext) {
  const p = ctx.policy.rules['sensitive-off-hours'];
  const { start, end } = ctx.policy.workingHours;
  return perOfficial(
    'sensitive-off-hours',
    records,
    ctx,
    p.windowHours * 3_600_000,
    (r) => r.sensitive && r.outcome === 'served' && !isWorkingTime(r.at, ctx.policy.workingHours),
    (official, own) =>
      own.length <= p.maxRecords
        ? null
        : {
            explanation: `${official} read sensitive fields ${own.length} times outside working hours (working days ${start}-${end} China Standard Time) in ${p.windowHours} h; more than ${p.maxRecords} raises this.`,
            explanationZh: `${official} 在 ${p.windowHours} 小时内于工作时间（工作日北京时间 ${start}-${end}）以外查询敏感字段 ${own.length} 次；超过 ${p.maxRecords} 次即触发本规则。`,
          },
  );
}
