import {
  groupBy,
  within,
  bucket,
  type Finding,
  type Observation,
  type RuleContext,
} from '../observation';
import { median } from './statistics';

/**
 * Volume against peers: an official whose records in the window exceed `factor` times the
 * median of the officials of the same department and role (and at least `minRecords`).
 */
export function volumeVsPeers(records: readonly Observation[], ctx: RuleContext): Finding[] {
  const p = ctx.policy.rules['volume-vs-peers'];
  const windowMs = p.windowHours * 3_600_000;
  const recent = within(records, ctx.now, windowMs);
  const findings: Finding[] = [];
  for (const [team, members] of groupBy(
    recent,
    (r) => r.department && r.role && `${r.department}/${r.role}`,
  )) {
    const byOfficial = groupBy(members, (r) => r.official);
    if (byOfficial.size - 1 < p.minPeers) continue;
    for (const [official, own] of byOfficial) {
      const peers = [...byOfficial].filter(([o]) => o !== official).map(([, rs]) => rs.length);
      const middle = median(peers);
      if (own.length < p.minRecords || own.length <= p.factor * middle) continue;
      findings.push({
        rule: 'volume-vs-peers',
        official,
        department: own[0]!.department,
        evidence: own.map((r) => r.id),
        explanation: `${official} (${team}) made ${own.length} requests in ${p.windowHours} h; the median of ${peers.length} peers was ${middle}, and more than ${p.factor} times the median (at least ${p.minRecords}) raises this.`,
        explanationZh: `${official}（${team}）在 ${p.windowHours} 小时内发起 ${own.length} 次请求；${peers.length} 名同岗位人员的中位数为 ${middle}，超过中位数的 ${p.factor} 倍（且至少 ${p.minRecords} 次）即触发本规则。`,
        key: `volume-vs-peers:${official}:${bucket(ctx.now, windowMs)}`,
      });
    }
  }
  return findings;
}
