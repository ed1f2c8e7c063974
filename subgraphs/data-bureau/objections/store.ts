import type { Caller, Database, Page } from '../../kit';
import type { Answer, Decision } from './input';
import type { ObjectionTarget } from './targets';

export type ObjectionStatus = 'OPEN' | Decision;

export interface ObjectionRow extends Record<string, unknown> {
  id: string;
  entityType: string;
  entityKey: string;
  coordinate: string;
  owner: string;
  raisedBy: string;
  raiserDepartment: string;
  raiserRole: string;
  raiserApplication: string | null;
  purpose: string;
  caseNumber: string | null;
  reason: string;
  proposedValue: string | null;
  raisedAt: string;
  /** ISO date, China Standard Time. */
  deadline: string;
  status: ObjectionStatus;
  correctedValue: string | null;
  answerReason: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

/** A new objection: what is objected to, by whom, why, and by when it must be answered. */
export interface NewObjection extends ObjectionTarget {
  raiser: { id: string; department: string; role: string; application: string | null };
  purpose: string;
  caseNumber: string | null;
  reason: string;
  proposedValue: string | null;
  raisedAt: Date;
  deadline: string;
}

export interface ObjectionFilter {
  status: ObjectionStatus | null;
  overdue: boolean | null;
  /** Today in China Standard Time: objections open past their deadline are overdue. */
  today: string;
  page: Page;
}

const COLUMNS = `id, entity_type AS "entityType", entity_key AS "entityKey", coordinate,
  owner_department AS "owner", raiser_id AS "raisedBy", raiser_department AS "raiserDepartment",
  raiser_role AS "raiserRole", raiser_application AS "raiserApplication", purpose,
  case_number AS "caseNumber", reason, proposed_value AS "proposedValue", raised_at AS "raisedAt",
  to_char(deadline, 'YYYY-MM-DD') AS deadline, status, corrected_value AS "correctedValue",
  answer_reason AS "answerReason", answered_by AS "answeredBy", answered_at AS "answeredAt"`;

/**
 * The fields an Objection row condition may name, as columns of `objection`: grants keep the
 * owning department to its own objections (owner) and raisers to theirs (raiserDepartment).
 */
const OBJECTION_ROW = {
  id: 'id',
  entityType: 'entity_type',
  coordinate: 'coordinate',
  owner: 'owner_department',
  raisedBy: 'raiser_id',
  raiserDepartment: 'raiser_department',
  raiserRole: 'raiser_role',
  status: 'status',
};

export async function insertObjection(db: Database, o: NewObjection): Promise<ObjectionRow> {
  const [row] = await db.query<ObjectionRow>(
    `INSERT INTO objection (entity_type, entity_key, coordinate, owner_department, raiser_id,
       raiser_department, raiser_role, raiser_application, purpose, case_number, reason,
       proposed_value, raised_at, deadline)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING ${COLUMNS}`,
    [
      o.entityType,
      o.entityKey,
      o.coordinate,
      o.owner,
      o.raiser.id,
      o.raiser.department,
      o.raiser.role,
      o.raiser.application,
      o.purpose,
      o.caseNumber,
      o.reason,
      o.proposedValue,
      o.raisedAt,
      o.deadline,
    ],
  );
  return row!;
}

/** Objections of one owning department, most urgent first, as the caller's rules allow. */
export function objectionsOwnedBy(
  db: Database,
  caller: Caller,
  department: string,
  filter: ObjectionFilter,
): Promise<ObjectionRow[]> {
  return listObjections(
    db,
    caller,
    'owner_department',
    department,
    filter,
    'deadline, raised_at, id',
  );
}

/** Objections one official raised, latest first, as the caller's rules allow. */
export function objectionsRaisedBy(
  db: Database,
  caller: Caller,
  officialId: string,
  filter: ObjectionFilter,
): Promise<ObjectionRow[]> {
  return listObjections(db, caller, 'raiser_id', officialId, filter, 'raised_at DESC, id DESC');
}

function listObjections(
  db: Database,
  caller: Caller,
  column: 'owner_department' | 'raiser_id',
  value: string,
  filter: ObjectionFilter,
  order: string,
): Promise<ObjectionRow[]> {
  const { status, overdue, today, page } = filter;
  const params: unknown[] = [value, status, overdue, today, page.limit, page.offset];
  const rows = caller.rowFilter('Objection', OBJECTION_ROW, params);
  return db.query<ObjectionRow>(
    `SELECT ${COLUMNS} FROM objection
      WHERE ${column} = $1 AND ($2::text IS NULL OR status = $2)
        AND ($3::boolean IS NULL OR (status = 'OPEN' AND deadline < $4::date) = $3)
        AND ${rows}
      ORDER BY ${order} LIMIT $5 OFFSET $6`,
    params,
  );
}

/** Why an answer changed nothing: no such objection for this department, or answered before. */
export type Unanswerable =
  { kind: 'not-found' } | { kind: 'answered'; status: Decision; answeredAt: string };

/**
 * Answers an open objection of `department` in one conditional UPDATE, so an objection is
 * answered once: of two concurrent answers, the second finds it no longer OPEN.
 */
export async function answerObjection(
  db: Database,
  caller: Caller,
  department: string,
  answeredBy: string,
  answer: Answer,
): Promise<ObjectionRow | Unanswerable> {
  const params: unknown[] = [
    answer.id,
    department,
    answer.decision,
    answer.correctedValue,
    answer.reason,
    answeredBy,
    new Date(),
  ];
  const rows = caller.rowFilter('Objection', OBJECTION_ROW, params);
  const [answered] = await db.query<ObjectionRow>(
    `UPDATE objection SET status = $3, corrected_value = $4, answer_reason = $5,
            answered_by = $6, answered_at = $7
      WHERE id = $1 AND owner_department = $2 AND status = 'OPEN' AND ${rows}
      RETURNING ${COLUMNS}`,
    params,
  );
  if (answered) return answered;
  const lookup: unknown[] = [answer.id, department];
  const visible = caller.rowFilter('Objection', OBJECTION_ROW, lookup);
  const [current] = await db.query<{ status: ObjectionStatus; answeredAt: string | null }>(
    `SELECT status, answered_at AS "answeredAt" FROM objection
      WHERE id = $1 AND owner_department = $2 AND ${visible}`,
    lookup,
  );
  if (!current || current.status === 'OPEN' || current.answeredAt === null) {
    return { kind: 'not-found' };
  }
  return { kind: 'answered', status: current.status, answeredAt: current.answeredAt };
}
