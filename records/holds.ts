import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DEFAULT_RECORDS_SCHEMA, quoteIdent } from './sql';

/** The longest a reason for a hold may be, in characters. */
export const MAX_HOLD_REASON = 500;

/** What a hold names: one record, or every record stating a case number. */
export type HoldTarget = { recordId: string } | { caseNumber: string };

/** A delayed-disclosure hold: the records it names are hidden from their subjects until `hiddenUntil`. */
export interface DisclosureHold {
  id: string;
  recordId: string | null;
  caseNumber: string | null;
  hiddenUntil: string;
  reason: string;
  setBy: string;
  setByDepartment: string | null;
  setAt: string;
}

interface HoldRow {
  id: string;
  record_id: string | null;
  case_number: string | null;
  hidden_until: string;
  reason: string;
  set_by: string;
  set_by_department: string | null;
  set_at: string;
}

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const HOLD_COLUMNS = `id::text AS id, record_id::text AS record_id, case_number,
  to_char(hidden_until AT TIME ZONE 'UTC', ${ISO_MS}) AS hidden_until, reason, set_by,
  set_by_department, to_char(set_at AT TIME ZONE 'UTC', ${ISO_MS}) AS set_at`;

/** The qualified name of the holds table in `schema`. */
export function holdsTable(schema: string = DEFAULT_RECORDS_SCHEMA): string {
  return `${quoteIdent(schema)}.disclosure_hold`;
}

/**
 * Appends a hold. Throws a RangeError naming the problem when the reason is empty or too long,
 * the date is not in the future, or the record named does not exist.
 */
export async function holdDisclosure(
  pool: pg.Pool,
  hold: HoldTarget & {
    hiddenUntil: Date;
    reason: string;
    setBy: { id: string; department: string | null };
  },
  options: { now: Date; schema?: string },
): Promise<DisclosureHold> {
  const reason = hold.reason.trim();
  if (!reason || reason.length > MAX_HOLD_REASON) {
    throw new RangeError(`reason must be 1 to ${MAX_HOLD_REASON} characters.`);
  }
  if (!(hold.hiddenUntil.getTime() > options.now.getTime())) {
    throw new RangeError('hiddenUntil must be a time in the future.');
  }
  const schema = options.schema ?? DEFAULT_RECORDS_SCHEMA;
  const recordId = 'recordId' in hold ? hold.recordId : null;
  const caseNumber = 'caseNumber' in hold ? hold.caseNumber : null;
  if (recordId !== null) {
    const found = await pool.query(
      `SELECT 1 FROM ${quoteIdent(schema)}.access_record WHERE id = $1`,
      [recordId],
    );
    if (found.rowCount === 0) throw new RangeError('recordId names no access record.');
  }
  const { rows } = await pool.query<HoldRow>(
    `INSERT INTO ${holdsTable(schema)}
       (id, record_id, case_number, hidden_until, reason, set_by, set_by_department)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${HOLD_COLUMNS}`,
    [
      randomUUID(),
      recordId,
      caseNumber,
      hold.hiddenUntil.toISOString(),
      reason,
      hold.setBy.id,
      hold.setBy.department,
    ],
  );
  return fromHoldRow(rows[0]!);
}

/** Holds still in force at `now`, latest first; with `caseNumber`, only that case's. */
export async function holdsInForce(
  pool: pg.Pool,
  options: { now: Date; caseNumber?: string; schema?: string },
): Promise<DisclosureHold[]> {
  const { rows } = await pool.query<HoldRow>(
    `SELECT ${HOLD_COLUMNS} FROM ${holdsTable(options.schema)}
      WHERE hidden_until > $1 AND ($2::text IS NULL OR case_number = $2)
      ORDER BY set_at DESC, id DESC LIMIT 1000`,
    [options.now.toISOString(), options.caseNumber ?? null],
  );
  return rows.map(fromHoldRow);
}

/**
 * SQL true when the record aliased `r` is under a hold in force at the parameter `now`
 * (a placeholder such as `$3`), by its id or by its case number.
 */
export function heldCondition(now: string, schema?: string): string {
  return `EXISTS (SELECT 1 FROM ${holdsTable(schema)} h
     WHERE h.hidden_until > ${now}
       AND (h.record_id = r.id OR (r.case_number IS NOT NULL AND h.case_number = r.case_number)))`;
}

function fromHoldRow(row: HoldRow): DisclosureHold {
  return {
    id: row.id,
    recordId: row.record_id,
    caseNumber: row.case_number,
    hiddenUntil: row.hidden_until,
    reason: row.reason,
    setBy: row.set_by,
    setByDepartment: row.set_by_department,
    setAt: row.set_at,
  };
}
