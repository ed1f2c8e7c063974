import { perOfficial, type Observation, type RuleContext } from '../observation';

/**
 * Reads about the official's own household or a colleague of the same department, joined
 * against the data bureau's directory of officials. Any such read raises it.
 */
export function householdOrColleagues(records: readonly Observation[], ctx: RuleContext) {
  const p = ctx.policy.rules['household-or-colleagues'];
  return perOfficial(
    'household-or-colleagues',
    records,
    ctx,
    p.windowHours * 3_600_000,
    (r) => r.outcome === 'served',
    (official, own) => {
      const relations = ctx.relations(official);
      if (!relations) return null;
      const household = own.filter((r) => r.subjects.some((s) => relations.household.has(s)));
      const colleagues = own.filter((r) => r.subjects.some((s) => relations.colleagues.has(s)));
      const evidence = [...new Set([...household, ...colleagues].map((r) => r.id))];
      if (evidence.length === 0) return null;
      return {
        evidence,
        explanation: `${official} read records about their own household ${household.length} times and about colleagues of their department ${colleagues.length} times in ${p.windowHours} h; any such read raises this.`,
        explanationZh: `${official} 在 ${p.windowHours} 小时内查询本户成员的记录 ${household.length} 次、本部门同事的记录 ${colleagues.length} 次；任何此类查询即触发本规则。`,
      };
    },
  );
}
