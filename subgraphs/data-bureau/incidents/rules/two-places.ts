import { groupBy, type Finding, type Observation, type RuleContext } from '../observation';

/**
 * The same official identity active from two places at once: served at two client addresses
 * less than `windowMinutes` apart.
 */
export function twoPlaces(records: readonly Observation[], ctx: RuleContext): Finding[] {
  const p = ctx.policy.rules['two-places'];
  const gapMs = p.windowMinutes * 60_000;
  const addressed = records.filter((r) => r.clientAddress !== null && r.at <= ctx.now);
  const findings: Finding[] = [];
  for (const [official, own] of groupBy(addressed, (r) => r.official)) {
    const sorted = [...own].sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i++) {
      const [before, after] = [sorted[i - 1]!, sorted[i]!];
      if (before.clientAddress === after.clientAddress || after.at - before.at >= gapMs) continue;
      const seconds = Math.round((after.at - before.at) / 1000);
      findings.push({
        rule: 'two-places',
        official,
        department: after.department,
        evidence: [before.id, after.id],
        explanation: `${official} was served at two different network addresses ${seconds} s apart; two places less than ${p.windowMinutes} min apart raise this.`,
        explanationZh: `${official} 的同一账号在相隔 ${seconds} 秒内从两个不同网络地址获得服务；相隔不足 ${p.windowMinutes} 分钟的两处使用即触发本规则。`,
        key: `two-places:${official}:${before.id}:${after.id}`,
      });
      break; // one incident per official and run: the evidence shows the first pair
    }
  }
  return findings;
}
