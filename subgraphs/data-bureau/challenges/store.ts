import type { Caller, Database } from '../../kit';
import { INCIDENT_COLUMNS, type IncidentRow } from '../incidents/inbox';
import { governance } from '../policies/deployment';

const purposeNames = new Map(governance.policies.purposes.map((p) => [p.code, p.name.zh]));

/** The fields a Challenge row condition may name: `subject`, the challenging person. */
export const CHALLENGE_ROW = { subject: 'subjects[1]' };

/** The disclosure a citizen challenges: the record, and who read the data for what. */
export interface Challenged {
  recordId: string;
  official: string;
  department: string | null;
  role: string | null;
  purpose: string | null;
}

export interface NewChallenge extends Challenged {
  personId: string;
  challenger: string;
  reason: string;
  raisedAt: Date;
  deadline: string;
  workingDays: number;
}

/** Stores a challenge as an incident of its department; null when this person challenged it before. */
export async function insertChallenge(db: Database, c: NewChallenge): Promise<IncidentRow | null> {
  const who = `${c.department ?? '(no department)'}/${c.role ?? '(no role)'}`;
  const [row] = await db.query<IncidentRow>(
    `INSERT INTO incident (kind, rule, parameters, evidence, subjects, explanation, official,
       department, raised_at, updated_at, dedupe_key, challenger, challenge_reason, deadline,
       explanation_zh)
     VALUES ('CHALLENGE', 'citizen-challenge', $1, ARRAY[$2::uuid], ARRAY[$3], $4, $5, $6, $7, $7,
             $8, $9, $10, $11, $12)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING ${INCIDENT_COLUMNS}`,
    [
      JSON.stringify({ workingDays: c.workingDays }),
      c.recordId,
      c.personId,
      `A citizen does not recognise a read of their data by ${c.official} (${who}) for the purpose ${c.purpose ?? '(none stated)'}, and asks the department to explain it.`,
      c.official,
      c.department,
      c.raisedAt,
      `citizen-challenge:${c.personId}:${c.recordId}`,
      c.challenger,
      c.reason,
      c.deadline,
      `群众不认可 ${c.official}（${who}）以“${(c.purpose && purposeNames.get(c.purpose)) ?? c.purpose ?? '未说明目的'}”为目的对其信息的一次查询，请部门说明。`,
    ],
  );
  return row ?? null;
}

/** A person's challenges, newest first, as the caller's rules allow. */
export function challengesOf(
  db: Database,
  caller: Caller,
  personId: string,
  page: { limit: number; offset: number },
): Promise<IncidentRow[]> {
  const params: unknown[] = [personId, page.limit, page.offset];
  const rows = caller.rowFilter('Challenge', CHALLENGE_ROW, params);
  return db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incident
      WHERE kind = 'CHALLENGE' AND subjects[1] = $1 AND ${rows}
      ORDER BY raised_at DESC, id DESC LIMIT $2 OFFSET $3`,
    params,
  );
}

/** Rates an answered, unrated challenge of the person, once; null when none is. */
export async function rateChallenge(
  db: Database,
  caller: Caller,
  rating: { id: string; personId: string; rating: number; comment: string | null },
): Promise<IncidentRow | null> {
  const params: unknown[] = [rating.id, rating.personId, rating.rating, rating.comment];
  const rows = caller.rowFilter('Challenge', CHALLENGE_ROW, params);
  const [row] = await db.query<IncidentRow>(
    `UPDATE incident SET rating = $3, rating_comment = $4, rated_at = now(), updated_at = now()
      WHERE id = $1 AND kind = 'CHALLENGE' AND subjects[1] = $2 AND replied_at IS NOT NULL
        AND rating IS NULL AND ${rows}
      RETURNING ${INCIDENT_COLUMNS}`,
    params,
  );
  return row ?? null;
}

export interface ChallengeSummaryRow extends Record<string, unknown> {
  department: string;
  challenges: number;
  answered: number;
  overdue: number;
  rated: number;
  averageRating: number | null;
  ratingsByLevel: number[];
}

/** Per department (subgraph name): challenges, answers, overdue ones and the ratings' levels. */
export const SUMMARY_SQL = `SELECT department, count(*)::int AS challenges,
    count(replied_at)::int AS answered,
    count(*) FILTER (WHERE replied_at IS NULL AND deadline < $2::date)::int AS overdue,
    count(rating)::int AS rated, round(avg(rating), 2)::float AS "averageRating",
    ARRAY[count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2),
          count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4),
          count(*) FILTER (WHERE rating = 5)]::int[] AS "ratingsByLevel"
   FROM incident WHERE kind = 'CHALLENGE' AND department = ANY($1::text[]) GROUP BY department`;
