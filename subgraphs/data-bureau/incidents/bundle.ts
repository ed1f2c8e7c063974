import type pg from 'pg';
import { describeBreak, verifyChains } from '../../../records';
import type { IncidentRow } from './inbox';
import { RECORDS } from './observations';

/**
 * The evidence bundle of an incident, as JSON: the incident, each evidence record exactly as
 * stored (with its hashes), and the verification of every writer stream they belong to, so an
 * auditor can show the records are the ones the gateway committed.
 */
export async function evidenceBundle(pool: pg.Pool, incident: IncidentRow): Promise<string> {
  const { rows } = await pool.query<{ record: Record<string, unknown> }>(
    `SELECT row_to_json(r) AS record FROM ${RECORDS} r
      WHERE r.id = ANY($1::uuid[]) ORDER BY r.occurred_at, r.id`,
    [incident.evidence],
  );
  const streams = [...new Set(rows.map((r) => String(r.record.stream_id)))].sort();
  const chains = [];
  for (const streamId of streams) {
    const report = await verifyChains(pool, { streamId });
    chains.push({
      streamId,
      ok: report.ok,
      firstBreak: report.firstBreak ? describeBreak(report.firstBreak) : null,
    });
  }
  return JSON.stringify({
    incident,
    records: rows.map((r) => r.record),
    chains,
    exportedAt: new Date().toISOString(),
  });
}
