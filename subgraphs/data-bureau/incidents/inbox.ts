import { rowsLoader, type Caller, type Database, type Page } from '../../kit';

export type IncidentStatus = 'NEW' | 'TRIAGED' | 'CONFIRMED' | 'DISMISSED' | 'CLOSED';
export type IncidentKind = 'ANOMALY' | 'CHALLENGE';

export interface IncidentRow extends Record<string, unknown> {
  id: string;
  kind: IncidentKind;
  rule: string;
  parameters: string;
  evidence: string[];
  subjects: string[];
  explanation: string;
  explanationZh: string | null;
  official: string | null;
  department: string | null;
  status: IncidentStatus;
  statusReason: string | null;
  assignee: string | null;
  raisedAt: string;
  updatedAt: string;
  challenger: string | null;
  challengeReason: string | null;
  deadline: string | null;
  reply: string | null;
  repliedAt: string | null;
  finding: 'CONFIRMED' | 'DISMISSED' | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
}

export const INCIDENT_COLUMNS = `id, kind, rule, parameters::text AS parameters,
  evidence::text[] AS evidence, subjects, explanation, explanation_zh AS "explanationZh", official, department, status,
  status_reason AS "statusReason", assignee, raised_at AS "raisedAt", updated_at AS "updatedAt",
  challenger, challenge_reason AS "challengeReason", to_char(deadline, 'YYYY-MM-DD') AS deadline,
  reply, replied_at AS "repliedAt", finding, rating, subjects[1] AS subject, rating_comment AS "ratingComment", rated_at AS "ratedAt"`;

/** The fields an Incident row condition may name, as columns: a department sees its own. */
export const INCIDENT_ROW = { department: 'department', kind: 'kind', official: 'official' };

/** Incidents newest first, as the caller's rules allow. */
export function listIncidents(
  db: Database,
  caller: Caller,
  filter: { status: IncidentStatus | null; kind: IncidentKind | null; page: Page },
): Promise<IncidentRow[]> {
  const params: unknown[] = [filter.status, filter.kind, filter.page.limit, filter.page.offset];
  const rows = caller.rowFilter('Incident', INCIDENT_ROW, params);
  return db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incident
      WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR kind = $2) AND ${rows}
      ORDER BY raised_at DESC, id DESC LIMIT $3 OFFSET $4`,
    params,
  );
}

/** One incident, when the caller's rules admit it. */
export async function findIncident(
  db: Database,
  caller: Caller,
  id: string,
): Promise<IncidentRow | null> {
  const params: unknown[] = [id];
  const rows = caller.rowFilter('Incident', INCIDENT_ROW, params);
  const [row] = await db.query<IncidentRow>(
    `SELECT ${INCIDENT_COLUMNS} FROM incident WHERE id = $1 AND ${rows}`,
    params,
  );
  return row ?? null;
}

/**
 * Changes an incident the caller's rules admit, in one conditional UPDATE: `set` names the
 * columns ($2 on), `when` a further condition. Null: no such incident, or the condition failed.
 */
export async function updateIncident(
  db: Database,
  caller: Caller,
  id: string,
  set: string,
  when: string,
  values: unknown[],
): Promise<IncidentRow | null> {
  const params: unknown[] = [id, ...values];
  const rows = caller.rowFilter('Incident', INCIDENT_ROW, params);
  const [row] = await db.query<IncidentRow>(
    `UPDATE incident SET ${set}, updated_at = now() WHERE id = $1 AND ${when} AND ${rows}
     RETURNING ${INCIDENT_COLUMNS}`,
    params,
  );
  return row ?? null;
}

export interface CommentRow extends Record<string, unknown> {
  incidentId: string;
  at: string;
  author: string;
  text: string;
}

/** Adds a comment; the incident must be one the caller's rules admit. */
export async function addComment(
  db: Database,
  caller: Caller,
  comment: { id: string; author: string; text: string },
): Promise<IncidentRow | null> {
  const incident = await findIncident(db, caller, comment.id);
  if (!incident) return null;
  await db.query('INSERT INTO incident_comment (incident_id, author, text) VALUES ($1, $2, $3)', [
    comment.id,
    comment.author,
    comment.text,
  ]);
  return incident;
}

/** Comments of incidents by incident id, oldest first (per request; incidents are loaded under the caller's rules). */
export function commentsLoader(db: Database) {
  return rowsLoader<CommentRow>(
    db,
    `SELECT incident_id AS "incidentId", at, author, text FROM incident_comment
      WHERE incident_id = ANY($1::text[]) ORDER BY at, text`,
    'incidentId',
  );
}
