import type pg from 'pg';
import type { Caller, Database, Page } from '../../kit';
import type { CheckedSubmission, RequestedField } from './input';
import type { SharingState } from './states';

/** A request as stored (the current state; the events are its record). */
export interface SharingRequestRow
  extends Omit<CheckedSubmission, 'consumerRole'>, Record<string, unknown> {
  number: string;
  requester: string;
  requesterRole: string;
  requestedBy: string;
  state: SharingState;
  submittedAt: string;
  clockStart: string;
  replyDue: string;
  returned: boolean;
  missing: string[] | null;
  extensionDays: number | null;
  extensionDecided: boolean;
  approvedFields: RequestedField[] | null;
  refusalCode: string | null;
  refusalExplanation: string | null;
  shareBy: string | null;
  grantId: string | null;
  revision: number | null;
  disputeStage: string | null;
  disposalMethod: string | null;
}

const COLUMNS = `number, requester, requester_role AS "requesterRole", requested_by AS "requestedBy",
  provider, purpose, legal_basis AS "legalBasis", scenario, scope, method,
  to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", consent, fields, rows,
  persons_per_official AS "personsPerOfficial", sharing_class AS "sharingClass", state,
  submitted_at AS "submittedAt", to_char(clock_start, 'YYYY-MM-DD') AS "clockStart",
  to_char(reply_due, 'YYYY-MM-DD') AS "replyDue", returned, missing,
  extension_days AS "extensionDays", extension_reason AS "extensionReason",
  extension_decided AS "extensionDecided",
  approved_fields AS "approvedFields", refusal_code AS "refusalCode",
  refusal_explanation AS "refusalExplanation", replied_at AS "repliedAt", to_char(share_by, 'YYYY-MM-DD') AS "shareBy",
  grant_id AS "grantId", revision, dispute_stage AS "disputeStage",
  disposal_method AS "disposalMethod"`;

/** The facts a SharingRequest row condition may name, as columns. */
export const SHARING_ROW = {
  number: 'number',
  requester: 'requester',
  provider: 'provider',
  state: 'state',
};

/** The columns a step may change, by the row's property name. */
const WRITABLE = {
  state: 'state',
  clockStart: 'clock_start',
  replyDue: 'reply_due',
  returned: 'returned',
  missing: 'missing',
  extensionDays: 'extension_days',
  extensionReason: 'extension_reason',
  extensionDecided: 'extension_decided',
  approvedFields: 'approved_fields',
  rows: 'rows',
  refusalCode: 'refusal_code',
  refusalExplanation: 'refusal_explanation',
  repliedAt: 'replied_at',
  shareBy: 'share_by',
  grantId: 'grant_id',
  revision: 'revision',
  disputeStage: 'dispute_stage',
  disposalMethod: 'disposal_method',
} as const;

export type RequestPatch = Partial<Record<keyof typeof WRITABLE, unknown>>;

/** Inserts a new request; returns its number. */
export async function insertRequest(
  client: pg.PoolClient,
  r: CheckedSubmission & { requester: string; requesterRole: string; requestedBy: string },
  at: Date,
  clockStart: string,
  replyDue: string,
): Promise<string> {
  const { rows } = await client.query<{ number: string }>(
    `INSERT INTO sharing_request (requester, requester_role, requested_by, provider, purpose,
       legal_basis, scenario, scope, method, period_end, consent, fields, rows,
       persons_per_official, sharing_class, state, submitted_at, clock_start, reply_due, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'SUBMITTED', $16, $17, $18, $16)
     RETURNING number`,
    [
      r.requester,
      r.requesterRole,
      r.requestedBy,
      r.provider,
      r.purpose,
      r.legalBasis,
      r.scenario,
      r.scope,
      r.method,
      r.periodEnd,
      r.consent,
      JSON.stringify(r.fields),
      JSON.stringify(r.rows),
      r.personsPerOfficial,
      r.sharingClass,
      at,
      clockStart,
      replyDue,
    ],
  );
  return rows[0]!.number;
}

/** A request locked for a step (FOR UPDATE), or null. */
export async function lockRequest(
  client: pg.PoolClient,
  number: string,
): Promise<SharingRequestRow | null> {
  const { rows } = await client.query<SharingRequestRow>(
    `SELECT ${COLUMNS} FROM sharing_request WHERE number = $1 FOR UPDATE`,
    [number],
  );
  return rows[0] ?? null;
}

/** Writes a step's changes to the request row. */
export async function patchRequest(
  client: pg.PoolClient,
  number: string,
  patch: RequestPatch,
  at: Date,
): Promise<void> {
  const entries = Object.entries(patch) as [keyof typeof WRITABLE, unknown][];
  const sets = entries.map(([key], i) => `${WRITABLE[key]} = $${i + 3}`);
  const values = entries.map(([, v]) =>
    v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
  );
  await client.query(
    `UPDATE sharing_request SET updated_at = $2${sets.map((s) => `, ${s}`).join('')} WHERE number = $1`,
    [number, at, ...values],
  );
}

/** One request as the caller's rules allow, or null. */
export async function findRequest(
  db: Database,
  caller: Caller,
  number: string,
): Promise<SharingRequestRow | null> {
  const params: unknown[] = [number];
  const rows = caller.rowFilter('SharingRequest', SHARING_ROW, params);
  const [row] = await db.query<SharingRequestRow>(
    `SELECT ${COLUMNS} FROM sharing_request WHERE number = $1 AND ${rows}`,
    params,
  );
  return row ?? null;
}

/** An inbox: requests where `column` is `value` (null: all), most urgent first. */
export function listRequests(
  db: Database,
  caller: Caller,
  filter: {
    column: 'requester' | 'provider' | null;
    value: string;
    state: string | null;
    today: string;
    page: Page;
  },
): Promise<SharingRequestRow[]> {
  const { column, value, state, page } = filter;
  const params: unknown[] = [value, state, page.limit, page.offset, filter.today];
  const rows = caller.rowFilter('SharingRequest', SHARING_ROW, params);
  const own = column === null ? '$1::text IS NOT NULL' : `${column} = $1`;
  // EXPIRED is an APPROVED request whose period has ended (clock.ts effectiveState).
  const shown = `CASE WHEN state = 'APPROVED' AND period_end < $5::date THEN 'EXPIRED' ELSE state END`;
  return db.query<SharingRequestRow>(
    `SELECT ${COLUMNS} FROM sharing_request
      WHERE ${own} AND ($2::text IS NULL OR ${shown} = $2) AND ${rows}
      ORDER BY reply_due, number LIMIT $3 OFFSET $4`,
    params,
  );
}
