import DataLoader from 'dataloader';
import type { RatingLevel } from '../../fixtures/city/types';
import type { Database } from '../kit';
import { OVERDUE_REFERENCE_DATE } from './rectification';

/** The five 好差评 levels, in the order of the RatingLevel enum (and of `byLevel`). */
export const RATING_LEVELS: readonly RatingLevel[] = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
];

const SATISFIED_LEVELS: ReadonlySet<RatingLevel> = new Set(RATING_LEVELS.slice(0, 3));

export interface RatingSummary {
  total: number;
  byLevel: { level: RatingLevel; count: number }[];
  satisfactionRate: number | null;
  overdueRectifications: number;
}

type CountsRow = Record<RatingLevel, number> & { key: string; overdue: number };

// One row per key: a count per level, and the poor ratings past due and not rectified.
const COUNTS = `${RATING_LEVELS.map((level) => `count(*) FILTER (WHERE e.level = '${level}')::int AS "${level}"`).join(', ')},
  count(*) FILTER (WHERE e.due_by < $2::date AND e.rectified_at IS NULL)::int AS overdue`;

/** Rating summaries of service items, by service item code: one GROUP BY per batch. */
export function serviceItemSummaryLoader(db: Database): DataLoader<string, RatingSummary> {
  return summaryLoader(
    db,
    `SELECT e.service_item_code AS key, ${COUNTS} FROM evaluation e
      WHERE e.service_item_code = ANY($1) GROUP BY e.service_item_code`,
  );
}

/** Rating summaries of all the service items of departments, by department code. */
export function departmentSummaryLoader(db: Database): DataLoader<string, RatingSummary> {
  return summaryLoader(
    db,
    `SELECT s.department_code AS key, ${COUNTS} FROM service_item s
      JOIN evaluation e ON e.service_item_code = s.code
      WHERE s.department_code = ANY($1) GROUP BY s.department_code`,
  );
}

function summaryLoader(db: Database, sql: string): DataLoader<string, RatingSummary> {
  return new DataLoader(async (keys) => {
    const rows = await db.query<CountsRow>(sql, [keys, OVERDUE_REFERENCE_DATE]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return keys.map((key) => summarize(byKey.get(key)));
  });
}

/** The summary of one key's counts; a key without ratings has all five levels at zero. */
function summarize(counts: CountsRow | undefined): RatingSummary {
  const byLevel = RATING_LEVELS.map((level) => ({ level, count: counts?.[level] ?? 0 }));
  const total = byLevel.reduce((sum, { count }) => sum + count, 0);
  const satisfied = byLevel.reduce(
    (sum, { level, count }) => (SATISFIED_LEVELS.has(level) ? sum + count : sum),
    0,
  );
  return {
    total,
    byLevel,
    satisfactionRate: total === 0 ? null : satisfied / total,
    overdueRectifications: counts?.overdue ?? 0,
  };
}
