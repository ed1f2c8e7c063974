import type { Caller, Database } from '../../kit';
import { groupBy } from '../incidents/observation';
import { loadObservations } from '../incidents/observations';
import type { AnomalyPolicy } from '../incidents/policy';
import { median, medianAbsoluteDeviation } from '../incidents/rules/statistics';
import { governance } from '../policies/deployment';
import { MEASURES, measure, perDay, perPurpose } from './measures';
import { officialQuotaUse } from './quota-use';

/** The fields an OfficialProfile row condition may name: the official's department. */
const PROFILE_ROW = { department: 'team.department' };

/** Where an official works: the directory's entry, else their latest access record. */
async function teamOf(db: Database, officialId: string) {
  const [row] = await db.query<{ department: string; role: string }>(
    `SELECT department, role FROM official WHERE id = $1
     UNION ALL
     (SELECT consumer_department, consumer_role FROM access_records.access_record
       WHERE consumer_id = $1 AND consumer_kind = 'official' AND consumer_department IS NOT NULL
       ORDER BY occurred_at DESC LIMIT 1)
     LIMIT 1`,
    [officialId],
  );
  return row ?? null;
}

/**
 * An official's profile over [from, to), against the other officials of the same department
 * and role active in it; null when the official is unknown or outside the caller's rows.
 */
export async function officialProfile(
  db: Database,
  caller: Caller,
  policy: AnomalyPolicy,
  query: { officialId: string; from: Date; to: Date },
) {
  const team = await teamOf(db, query.officialId);
  if (!team) return null;
  const params: unknown[] = [team.department];
  const [admitted] = await db.query(
    `SELECT 1 AS ok FROM (SELECT $1::text AS department) team
      WHERE ${caller.rowFilter('OfficialProfile', PROFILE_ROW, params)}`,
    params,
  );
  if (!admitted) return null;
  const records = await loadObservations(db.pool, { ...query, ...team });
  const byOfficial = groupBy(records, (r) => r.official);
  const own = byOfficial.get(query.officialId) ?? [];
  const mine = measure(own, policy.workingHours);
  const peers = [...byOfficial]
    .filter(([id]) => id !== query.officialId)
    .map(([, rs]) => measure(rs, policy.workingHours));
  return {
    officialId: query.officialId,
    department: team.department,
    role: team.role,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    perDay: perDay(own),
    purposes: perPurpose(own),
    measures: MEASURES.map((name) => ({
      name,
      value: mine[name],
      peerMedian: median(peers.map((p) => p[name])),
      peerSpread: medianAbsoluteDeviation(peers.map((p) => p[name])),
    })),
    peers: peers.length,
    quota: quotaOf(team),
    quotaUse: await officialQuotaUse(db, query.officialId, team),
  };
}

/** The smallest daily quota of persons per official among the grants for this team. */
function quotaOf(team: { department: string; role: string }): number | null {
  const quotas = governance.policies.grants
    .filter(
      (g) =>
        'department' in g.consumer &&
        g.consumer.department === team.department &&
        g.consumer.role === team.role,
    )
    .map((g) => g.quota?.personsPerOfficial)
    .filter((q): q is number => q !== undefined);
  return quotas.length ? Math.min(...quotas) : null;
}
