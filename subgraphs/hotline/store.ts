import { rowLoader, rowsLoader, type Database, type Page } from '../kit';
import { limitedRowsLoader } from './limited-loader';

export type AppealStage =
  'ACCEPTED' | 'DISPATCHED' | 'HANDLING' | 'REPLIED' | 'CLOSED' | 'CALLED_BACK' | 'RATED';

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

/** The newest $2 appeals of each `column` value in $1. */
function newestPerKey(column: string): string {
  return `SELECT ${APPEAL_COLUMNS} FROM (
      SELECT *, row_number() OVER (PARTITION BY ${column} ORDER BY ${NEWEST_FIRST}) AS rank
        FROM appeal WHERE ${column} = ANY($1)
    ) ranked WHERE rank <= $2 ORDER BY ${column}, rank`;
}

export function createLoaders(db: Database) {
  return {
    appeal: rowLoader<AppealRow>(
      db,
      `SELECT ${APPEAL_COLUMNS} FROM appeal WHERE number = ANY($1)`,
      'number',
    ),
    timeline: rowsLoader<AppealEventRow>(
      db,
      `SELECT appeal_number AS "appealNumber", stage, at, department_code AS "departmentCode", note
         FROM appeal_event WHERE appeal_number = ANY($1) ORDER BY appeal_number, seq`,
      'appealNumber',
    ),
    bySubmitter: rowsLoader<AppealRow>(
      db,
      `SELECT ${APPEAL_COLUMNS} FROM appeal WHERE submitter_id = ANY($1)
        ORDER BY submitter_id, ${NEWEST_FIRST}`,
      'submitterId',
    ),
    aboutEnterprise: limitedRowsLoader<AppealRow>(
      db,
      newestPerKey('enterprise_uscc'),
      'enterpriseUscc',
    ),
    assignedTo: limitedRowsLoader<AppealRow>(db, newestPerKey('assigned_to'), 'assignedToCode'),
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

/** Appeals by district, assigned department and status, newest first. */
export function listAppeals(db: Database, filter: AppealFilter, { limit, offset }: Page) {
  return db.query<AppealRow>(
    `SELECT ${APPEAL_COLUMNS} FROM appeal
      WHERE ($1::text IS NULL OR district_code = $1) AND ($2::text IS NULL OR assigned_to = $2)
        AND ($3::appeal_stage IS NULL OR status = $3)
      ORDER BY ${NEWEST_FIRST} LIMIT $4 OFFSET $5`,
    [filter.districtCode, filter.assignedTo, filter.status, limit, offset],
  );
}
