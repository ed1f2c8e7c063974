import type pg from 'pg';
import { canonicalJson, GENESIS_HASH, hashRecord } from '../../../records/record';
import type { Database } from '../../kit';

/** One step in a request's timeline, as stored. */
export interface SharingEventRow extends Record<string, unknown> {
  seq: number;
  number: string;
  kind: string;
  actor: string;
  actorDepartment: string;
  at: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A step to append. */
export interface NewEvent {
  number: string;
  kind: string;
  actor: string;
  actorDepartment: string;
  at: Date;
  detail: Record<string, unknown>;
}

const COLUMNS = `seq::int AS seq, number, kind, actor, actor_department AS "actorDepartment",
  at, detail, prev_hash AS "prevHash", hash`;

/** Serializes appends: one chain over every request. */
const CHAIN_LOCK = 7_150_016;

export function eventHash(e: Omit<SharingEventRow, 'hash'> & { prevHash: string }): string {
  return hashRecord(
    e.prevHash,
    canonicalJson({
      seq: e.seq,
      number: e.number,
      kind: e.kind,
      actor: e.actor,
      actorDepartment: e.actorDepartment,
      at: e.at,
      detail: e.detail,
    }),
  );
}

/** Appends an event in the caller's transaction, after the chain's last one. */
export async function appendEvent(client: pg.PoolClient, event: NewEvent): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
  const { rows } = await client.query<{ last: string; hash: string }>(
    'SELECT seq::text AS last, hash FROM sharing_request_event ORDER BY seq DESC LIMIT 1',
  );
  const seq = rows[0] ? Number(rows[0].last) + 1 : 1;
  const row = {
    seq,
    number: event.number,
    kind: event.kind,
    actor: event.actor,
    actorDepartment: event.actorDepartment,
    at: event.at.toISOString(),
    detail: event.detail,
    prevHash: rows[0]?.hash ?? GENESIS_HASH,
  };
  await client.query(
    `INSERT INTO sharing_request_event (seq, number, kind, actor, actor_department, at, detail, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      seq,
      row.number,
      row.kind,
      row.actor,
      row.actorDepartment,
      row.at,
      row.detail,
      row.prevHash,
      eventHash(row),
    ],
  );
}

/** The timelines of some requests, in order. */
export async function timelines(
  db: Database,
  numbers: readonly string[],
): Promise<Map<string, SharingEventRow[]>> {
  const rows = await db.query<SharingEventRow>(
    `SELECT ${COLUMNS} FROM sharing_request_event WHERE number = ANY($1) ORDER BY seq`,
    [numbers],
  );
  const byNumber = new Map<string, SharingEventRow[]>();
  for (const row of rows) byNumber.set(row.number, [...(byNumber.get(row.number) ?? []), iso(row)]);
  return byNumber;
}

/**
 * Walks the whole chain: the first event whose link or hash does not verify, or, when the
 * tail was cut, the seq after the last one left.
 */
export async function verifyEvents(
  db: Database,
): Promise<{ ok: boolean; events: number; firstBreak: number | null }> {
  const rows = await db.query<SharingEventRow>(
    `SELECT ${COLUMNS} FROM sharing_request_event ORDER BY seq`,
  );
  let prev = GENESIS_HASH;
  for (const row of rows.map(iso)) {
    const { hash, ...content } = row;
    if (row.prevHash !== prev || eventHash(content) !== hash) {
      return { ok: false, events: rows.length, firstBreak: row.seq };
    }
    prev = hash;
  }
  // Every link left may verify when the chain's tail was cut: the requests remember their
  // last step (a step writes the row and its event in one transaction, at the same time).
  if (await tailCut(db)) {
    return { ok: false, events: rows.length, firstBreak: (rows.at(-1)?.seq ?? 0) + 1 };
  }
  return { ok: true, events: rows.length, firstBreak: null };
}

/** Whether a request changed after its last event, or has none: events were deleted. */
async function tailCut(db: Database): Promise<boolean> {
  const rows = await db.query<{ number: string }>(
    `SELECT r.number FROM sharing_request r
       LEFT JOIN (SELECT number, max(at) AS last FROM sharing_request_event GROUP BY number) e
         USING (number)
      WHERE e.last IS NULL OR e.last < r.updated_at
      LIMIT 1`,
  );
  return rows.length > 0;
}

function iso(row: SharingEventRow): SharingEventRow {
  return { ...row, at: new Date(row.at).toISOString() };
}
