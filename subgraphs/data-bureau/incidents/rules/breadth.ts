import { perOfficial, type Observation, type RuleContext } from '../observation';

/** Many persons without a case number: distinct persons read with no 案件编号, above `maxPersons`. */
export function personsWithoutCase(records: readonly Observation[], ctx: RuleContext) {
  const p = ctx.policy.rules['persons-without-case'];
  return perOfficial(
    'persons-without-case',
    records,
    ctx,
    p.windowHours * 3_600_000,
    (r) => r.caseNumber === null && r.outcome === 'served' && r.subjects.length > 0,
    (official, own) => {
      const persons = new Set(own.flatMap((r) => r.subjects)).size;
      if (persons <= p.maxPersons) return null;
      return {
        explanation: `${official} read ${persons} distinct persons without a case number in ${p.windowHours} h; more than ${p.maxPersons} raises this.`,
        explanationZh: `${official} 在 ${p.windowHours} 小时内无案件编号查询了 ${persons} 名不同人员；超过 ${p.maxPersons} 名即触发本规则。`,
      };
    },
  );
}
