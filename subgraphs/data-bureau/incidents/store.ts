import type pg from 'pg';
import type { Finding } from './observation';
import { RECORDS } from './observations';
import type { AnomalyPolicy } from './policy';

/**
 * Stores the findings of one run as new incidents (a finding already stored under its key is
 * left alone) and notes the run. Returns how many incidents were new.
 */
export async function recordFindings(
  pool: pg.Pool | pg.ClientBase,
  findings: readonly Finding[],
  policy: AnomalyPolicy,
  now: Date,
  records: number,
): Promise<number> {
  let raised = 0;
  for (const f of findings) {
    const result = await pool.query(
      `INSERT INTO incident (kind, rule, parameters, evidence, subjects, explanation, official,
         department, raised_at, updated_at, dedupe_key, explanation_zh)
       SELECT 'ANOMALY', $1, $2, $3::uuid[],
              ARRAY(SELECT DISTINCT s FROM ${RECORDS} r, unnest(r.subjects) s
                     WHERE r.id = ANY($3::uuid[]) ORDER BY s),
              $4, $5, $6, $7, $7, $8, $9
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        f.rule,
        JSON.stringify(policy.rules[f.rule]),
        f.evidence,
        f.explanation,
        f.official,
        f.department,
        now,
        f.key,
        f.explanationZh,
      ],
    );
    raised += result.rowCount ?? 0;
  }
  await pool.query(
    `INSERT INTO anomaly_run (finished_at, records, raised) VALUES ($1, $2, $3)
     ON CONFLICT (singleton) DO UPDATE SET finished_at = $1, records = $2, raised = $3`,
    [now, records, raised],
  );
  return raised;
}
