import { badInput, type Database } from '../../kit';
import { RECORDS } from '../incidents/observations';
import { beijingDate } from '../objections/deadline';
import type { PolicySet } from '../../../policies';
import { currentPolicies } from '../policies/live';

/**
 * Quota use, counted from the access records (issue 16, items 2 and 5). The gateway counts a
 * grant's daily quota in Redis (gateway/quota: HyperLogLogs per grant, official and day, no
 * person id kept), which the graph does not read. The records say the same thing exactly: the
 * distinct persons of the served records in which the grant opened a personal field, per
 * official and China Standard Time day, which is what the gateway adds to its count.
 */

/** A grant with a daily quota of persons per official. */
export interface QuotaGrant {
  id: string;
  department: string;
  role: string;
  quota: number;
}

/** The grants with a personsPerOfficial quota; with a team, only its grants. */
export function quotaGrants(
  policies: PolicySet,
  team?: { department: string; role: string },
): QuotaGrant[] {
  return policies.grants.flatMap((g) => {
    const quota = g.quota?.personsPerOfficial;
    if (quota === undefined || !('department' in g.consumer) || !g.consumer.role) return [];
    const { department, role } = g.consumer;
    if (team && (team.department !== department || team.role !== role)) return [];
    return [{ id: g.id, department, role, quota }];
  });
}

/** A China Standard Time day: the argument (YYYY-MM-DD), default today. */
export function quotaDayArg(value: string | null | undefined): string {
  if (value === null || value === undefined) return beijingDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00+08:00`)))
    throw badInput('day', 'day must be a date, YYYY-MM-DD (China Standard Time).');
  return value;
}

/** Distinct persons disclosed under each grant to each official on a CST day, from the records. */
export async function personsUnderGrants(
  db: Database,
  query: { grants: readonly string[]; day: string; official: string | null },
): Promise<{ grant: string; official: string; persons: number }[]> {
  if (query.grants.length === 0) return [];
  const from = new Date(`${query.day}T00:00:00+08:00`);
  const to = new Date(from.getTime() + 86_400_000);
  return db.query(
    `SELECT f.grant, r.consumer_id AS official, count(DISTINCT s)::int AS persons
       FROM ${RECORDS} r
       CROSS JOIN LATERAL (SELECT DISTINCT e->>'grant' AS grant FROM jsonb_array_elements(r.fields) e
                            WHERE e->>'grant' = ANY($3::text[]) AND e->>'effect' <> 'deny'
                              AND e->>'pi' <> 'NONE') f
       CROSS JOIN LATERAL unnest(r.subjects) s
      WHERE r.occurred_at >= $1 AND r.occurred_at < $2 AND r.outcome = 'served'
        AND r.consumer_kind = 'official' AND ($4::text IS NULL OR r.consumer_id = $4)
      GROUP BY f.grant, r.consumer_id`,
    [from, to, query.grants, query.official],
  );
}

/** Per quota grant on a day: its most active official's persons and how many officials read under it. */
export async function grantQuotaUse(db: Database, day: string) {
  // The policy the data bureau's views follow: the live revision, or the deployment's files.
  const grants = quotaGrants(await currentPolicies(db));
  const rows = await personsUnderGrants(db, {
    grants: grants.map((g) => g.id),
    day,
    official: null,
  });
  return grants
    .map((g) => {
      const own = rows.filter((r) => r.grant === g.id);
      const mostPersons = Math.max(0, ...own.map((r) => r.persons));
      return {
        grant: g.id,
        consumerDepartment: g.department,
        consumerRole: g.role,
        quota: g.quota,
        day,
        mostPersons,
        officials: own.length,
        share: mostPersons / g.quota,
      };
    })
    .sort((a, b) => b.share - a.share || a.grant.localeCompare(b.grant));
}

/** One official's persons under each quota grant of their team, today (CST). */
export async function officialQuotaUse(
  db: Database,
  official: string,
  team: { department: string; role: string },
) {
  const grants = quotaGrants(await currentPolicies(db), team);
  const day = beijingDate(new Date());
  const rows = await personsUnderGrants(db, { grants: grants.map((g) => g.id), day, official });
  return grants.map((g) => ({
    grant: g.id,
    quota: g.quota,
    day,
    persons: rows.find((r) => r.grant === g.id)?.persons ?? 0,
  }));
}
