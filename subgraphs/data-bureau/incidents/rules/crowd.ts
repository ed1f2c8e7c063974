import { bucket, within, type Finding, type Observation, type RuleContext } from '../observation';

/** One person read by many officials: more than `maxOfficials` distinct officials in the window. */
export function personManyOfficials(records: readonly Observation[], ctx: RuleContext): Finding[] {
  const p = ctx.policy.rules['person-many-officials'];
  const windowMs = p.windowHours * 3_600_000;
  const readers = new Map<string, { officials: Set<string>; records: Observation[] }>();
  for (const r of within(records, ctx.now, windowMs)) {
    if (r.outcome !== 'served') continue;
    for (const subject of r.subjects) {
      const entry = readers.get(subject) ?? { officials: new Set(), records: [] };
      entry.officials.add(r.official);
      entry.records.push(r);
      readers.set(subject, entry);
    }
  }
  const findings: Finding[] = [];
  for (const [subject, { officials, records: evidence }] of readers) {
    if (officials.size <= p.maxOfficials) continue;
    const departments = new Set(evidence.map((r) => r.department ?? '(none)'));
    findings.push({
      rule: 'person-many-officials',
      official: null,
      department: departments.size === 1 ? [...departments][0]! : null,
      evidence: evidence.map((r) => r.id),
      // The person is named by the evidence records, not in the sentence.
      explanation: `One person was read by ${officials.size} distinct officials of ${departments.size} department(s) in ${p.windowHours} h; more than ${p.maxOfficials} raises this.`,
      explanationZh: `同一人在 ${p.windowHours} 小时内被 ${departments.size} 个部门的 ${officials.size} 名不同工作人员查询；超过 ${p.maxOfficials} 名即触发本规则。`,
      key: `person-many-officials:${subject}:${bucket(ctx.now, windowMs)}`,
    });
  }
  return findings;
}
