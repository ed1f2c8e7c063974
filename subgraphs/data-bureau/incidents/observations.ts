import type pg from 'pg';
import { DEFAULT_RECORDS_SCHEMA } from '../../../records';
import type { Observation } from './observation';

/** The access records table the gateway writes (the data bureau reads it). */
export const RECORDS = `${DEFAULT_RECORDS_SCHEMA}.access_record`;

/** Which records to observe: a time range, optionally one team (department and role). */
export interface ObservationRange {
  from: Date;
  to: Date;
  department?: string;
  role?: string;
}

interface ObservationRow {
  id: string;
  at: string;
  official: string;
  department: string | null;
  role: string | null;
  purpose: string | null;
  caseNumber: string | null;
  outcome: Observation['outcome'];
  subjects: string[];
  sensitive: boolean;
  clientAddress: string | null;
  operationHash: string;
}

/** Officials' access records in a range, as the anomaly rules and the profiles read them. */
export async function loadObservations(
  pool: pg.Pool | pg.ClientBase,
  range: ObservationRange,
): Promise<Observation[]> {
  const { rows } = await pool.query<ObservationRow>(
    `SELECT r.id::text AS id, r.occurred_at AS at, r.consumer_id AS official,
            r.consumer_department AS department, r.consumer_role AS role, r.purpose,
            r.case_number AS "caseNumber", r.outcome, r.subjects,
            EXISTS (SELECT 1 FROM jsonb_array_elements(r.fields) f
                     WHERE f->>'pi' = 'SENSITIVE' AND f->>'effect' <> 'deny') AS sensitive,
            r.client_address AS "clientAddress", r.operation_hash AS "operationHash"
       FROM ${RECORDS} r
      WHERE r.consumer_kind = 'official' AND r.occurred_at >= $1 AND r.occurred_at < $2
        AND ($3::text IS NULL OR r.consumer_department = $3)
        AND ($4::text IS NULL OR r.consumer_role = $4)
      ORDER BY r.occurred_at, r.id`,
    [range.from, range.to, range.department ?? null, range.role ?? null],
  );
  return rows.map((row) => ({ ...row, at: Date.parse(row.at) }));
}
