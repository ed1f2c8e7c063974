import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createLogger } from '../../../gateway/logger';
import { startLivePolicy, type LivePolicyHolder } from '../../../gateway/live-policy';
import type { PolicyStore } from '../../../policy-store';
import { SUPERGRAPH_PATH } from '../../../schema';
import { classificationFromSupergraph } from '../../../schema/classification';

/** A gateway replica following `store` (the committed supergraph's classification). */
export function startReplica(options: {
  store: PolicyStore;
  url: string;
  replica: string;
  leaseMs: number;
  pollMs: number;
}): Promise<LivePolicyHolder> {
  const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  return startLivePolicy({
    ...options,
    classification,
    logger: createLogger(process.env.LOG_LEVEL ?? 'silent'),
  });
}

/** The access records of these streams that started at or after `since`, oldest first. */
export async function recordsSince(url: string, streams: string[], since: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT stream_id, policy_revision, outcome, fields, occurred_at FROM access_records.access_record
        WHERE stream_id = ANY($1) AND occurred_at >= $2 ORDER BY occurred_at`,
      [streams, since],
    );
    return rows;
  } finally {
    await client.end();
  }
}
