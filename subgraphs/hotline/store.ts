import type { AppealStage } from '../../domain/appeals';
import {
  limitedRowsLoader,
  rowLoader,
  rowsLoader,
  type Caller,
  type Database,
  type Page,
} from '../kit';

export type { AppealStage };

export interface AppealRow extends Record<string, unknown> {
  number: string;
  channel: string;
  category: string;
  subject: string;
  content: string;
  submitterId: string;
  contactName: string;
  contactPhone: string;
  enterpriseUscc: string | null;
  districtCode: string;
  assignedToCode: string;
  submittedAt: string;
  status: AppealStage;
  satisfaction: number | null;
}

export interface AppealEventRow extends Record<string, unknown> {
  appealNumber: string;
  /** The appeal's submitter: whom the event's note is about. */
  submitterId: string;
  stage: AppealStage;
  at: string;
  departmentCode: string;
  note: string;
}

/** A department's appeal counts; absent when nothing was ever assigned to it. */
export interface AppealCountsRow extends Record<string, unknown> {
  code: string;
  received: number;
  closed: number;
  averageSatisfaction: number | null;
}

const APPEAL_COLUMNS = `number, channel, category, subject, content, submitter_id AS "submitterId",
  contact_name AS "contactName", contact_phone AS "contactPhone", enterprise_uscc AS "enterpriseUscc",
  district_code AS "districtCode", assigned_to AS "assignedToCode", submitted_at AS "submittedAt",
  status, satisfaction`;

const NEWEST_FIRST = 'submitted_at DESC, number DESC';

/** The fields an Appeal row condition may name, as columns of `appeal` aliased `a`. */
export const APPEAL_ROW = {
  number: 'a.number',
  submitter: 'a.submitter_id',
  districtCode: 'a.district_code',
  enterprise: 'a.enterprise_uscc',
  assignedTo: 'a.assigned_to',
};

/** A statement's row filters, ANDed, with parameters numbered after its own first `own`. */
function rowFilters(own: number, ...filters: ((params: unknown[]) => string)[]) {
  const params: unknown[] = Array.from({ length: own });
  const sql = filters.map((filter) => filter(params)).join(' AND ');
  return { sql, params: params.slice(own) };
}

/** The newest $2 appeals of each `column` value in $1 that `where` keeps. */
function newestPerKey(column: string, where: string): string {
  return `SELECT ${APPEAL_COLUMNS} FROM (
      SELECT a.*, row_number() OVER (PARTITION BY a.${column} ORDER BY ${NEWEST_FIRST}) AS rank
        FROM appeal a WHERE a.${column} = ANY($1) AND ${where}
    ) ranked WHERE rank <= $2 ORDER BY ${column}, rank`;
}

/** Per-request loaders: every Appeal they return passes the caller's row filter. */
export function createLoaders(db: Database, caller: Caller) {
  const appeals = (params: unknown[]) => caller.rowFilter('Appeal', APPEAL_ROW, params);
  // The parent rows whose rules open the one relation field a loader serves.
  const parents =
    (type: string, key: string, column: string, field: string) => (params: unknown[]) =>
      caller.rowFilter(type, { [key]: column }, params, field);
  const appeal = rowFilters(1, appeals);
  const timeline = rowFilters(
    1,
    (params) => caller.rowFilter('Appeal', APPEAL_ROW, params, 'timeline'),
    (params) => caller.rowFilter('AppealEvent', { department: 'e.department_code' }, params),
  );
  const bySubmitter = rowFilters(1, parents('Person', 'id', 'a.submitter_id', 'appeals'), appeals);
  const aboutEnterprise = rowFilters(
    2,
    parents('Enterprise', 'uscc', 'a.enterprise_uscc', 'appeals'),
    appeals,
  );
  const assignedTo = rowFilters(
    2,
    parents('Department', 'code', 'a.assigned_to', 'appealsAssigned'),
    appeals,
  );
  return {
    appeal: rowLoader<AppealRow>(
      db,
      `SELECT ${APPEAL_COLUMNS} FROM appeal a WHERE a.number = ANY($1) AND ${appeal.sql}`,
      'number',
      appeal.params,
    ),
    timeline: rowsLoader<AppealEventRow>(
      db,
      `SELECT e.appeal_number AS "appealNumber", e.stage, e.at, e.department_code AS "departmentCode",
              e.note, a.submitter_id AS "submitterId"
         FROM appeal_event e JOIN appeal a ON a.number = e.appeal_number
        WHERE e.appeal_number = ANY($1) AND ${timeline.sql}
        ORDER BY e.appeal_number, e.seq`,
      'appealNumber',
      timeline.params,
    ),
    bySubmitter: rowsLoader<AppealRow>(
      db,
      `SELECT ${APPEAL_COLUMNS} FROM appeal a WHERE a.submitter_id = ANY($1) AND ${bySubmitter.sql}
        ORDER BY submitter_id, ${NEWEST_FIRST}`,
      'submitterId',
      bySubmitter.params,
    ),
    aboutEnterprise: limitedRowsLoader<AppealRow>(
      db,
      newestPerKey('enterprise_uscc', aboutEnterprise.sql),
      'enterpriseUscc',
      aboutEnterprise.params,
    ),
    assignedTo: limitedRowsLoader<AppealRow>(
      db,
      newestPerKey('assigned_to', assignedTo.sql),
      'assignedToCode',
      assignedTo.params,
    ),
    // Statistics per department (UNCONDITIONAL, not personal): every appeal counts.
    counts: rowLoader<AppealCountsRow>(
      db,
      `SELECT assigned_to AS code, count(*) AS received,
              count(*) FILTER (WHERE status >= 'CLOSED') AS closed,
              avg(satisfaction) AS "averageSatisfaction"
         FROM appeal WHERE assigned_to = ANY($1) GROUP BY assigned_to`,
      'code',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface AppealFilter {
  districtCode: string | null;
  assignedTo: string | null;
  status: AppealStage | null;
}

/** The appeals the caller may read, by district, assigned department and status, newest first. */
export function listAppeals(
  db: Database,
  caller: Caller,
  filter: AppealFilter,
  { limit, offset }: Page,
) {
  const params: unknown[] = [filter.districtCode, filter.assignedTo, filter.status, limit, offset];
  const rows = caller.rowFilter('Appeal', APPEAL_ROW, params);
  return db.query<AppealRow>(
    `SELECT ${APPEAL_COLUMNS} FROM appeal a
      WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR assigned_to = $2)
        AND ($3::appeal_stage IS NULL OR status = $3) AND ${rows}
      ORDER BY ${NEWEST_FIRST} LIMIT $4 OFFSET $5`,
    params,
  );
}
