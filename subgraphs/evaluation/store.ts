import type { Evaluation, RatingLevel, ServiceItem } from '../city/types';
import { rowLoader, rowsLoader, type Database, type Page } from '../kit';
import { departmentSummaryLoader, serviceItemSummaryLoader } from './ratings';

export interface ServiceItemRow extends Record<string, unknown> {
  code: string;
  name: string;
  departmentCode: string;
  category: ServiceItem['category'];
  onlineAvailable: boolean;
  promisedDays: number;
}

export interface EvaluationRow extends Record<string, unknown> {
  id: string;
  serviceItemCode: string;
  evaluatorId: string;
  level: RatingLevel;
  comment: string;
  channel: Evaluation['channel'];
  ratedAt: string;
  /** Poor ratings only. */
  dueBy: string | null;
  rectifiedAt: string | null;
}

/** An evaluation fetched for one `limit:serviceItemCode` key of the limited loader. */
interface RankedEvaluationRow extends EvaluationRow {
  batchKey: string;
}

const SERVICE_ITEM = `SELECT code, name, department_code AS "departmentCode", category,
  online_available AS "onlineAvailable", promised_days AS "promisedDays" FROM service_item`;

const EVALUATION_COLUMNS = `e.id, e.service_item_code AS "serviceItemCode", e.evaluator_id AS "evaluatorId",
  e.level, e.comment, e.channel, e.rated_at AS "ratedAt", e.due_by AS "dueBy", e.rectified_at AS "rectifiedAt"`;

// Keys are 'limit:code'; each key keeps its own newest `limit` rows (one statement per batch).
const NEWEST_EVALUATIONS = `
  SELECT * FROM (
    SELECT ${EVALUATION_COLUMNS}, k.key AS "batchKey",
           row_number() OVER (PARTITION BY k.key ORDER BY e.rated_at DESC, e.id DESC) AS rank,
           split_part(k.key, ':', 1)::int AS "limit"
      FROM unnest($1::text[]) AS k (key)
      JOIN evaluation e ON e.service_item_code = substr(k.key, strpos(k.key, ':') + 1)
  ) ranked
  WHERE rank <= "limit"
  ORDER BY "batchKey", rank`;

/** The key of `newestEvaluations` for one service item and one limit. */
export function newestKey(serviceItemCode: string, limit: number): string {
  return `${limit}:${serviceItemCode}`;
}

/** Per-request loaders: every row-reading field of the subgraph goes through one of these. */
export function createLoaders(db: Database) {
  return {
    serviceItem: rowLoader<ServiceItemRow>(db, `${SERVICE_ITEM} WHERE code = ANY($1)`, 'code'),
    serviceItemsOfDepartment: rowsLoader<ServiceItemRow>(
      db,
      `${SERVICE_ITEM} WHERE department_code = ANY($1) ORDER BY department_code, code`,
      'departmentCode',
    ),
    /** Newest first, keyed by `newestKey(code, limit)`. */
    newestEvaluations: rowsLoader<RankedEvaluationRow>(db, NEWEST_EVALUATIONS, 'batchKey'),
    evaluationsByEvaluator: rowsLoader<EvaluationRow>(
      db,
      `SELECT ${EVALUATION_COLUMNS} FROM evaluation e WHERE e.evaluator_id = ANY($1)
        ORDER BY e.evaluator_id, e.rated_at DESC, e.id DESC`,
      'evaluatorId',
    ),
    serviceItemSummary: serviceItemSummaryLoader(db),
    departmentSummary: departmentSummaryLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Service items ordered by code, optionally of one department. */
export function listServiceItems(
  db: Database,
  departmentCode: string | null,
  { limit, offset }: Page,
) {
  return db.query<ServiceItemRow>(
    `${SERVICE_ITEM} WHERE ($1::text IS NULL OR department_code = $1) ORDER BY code LIMIT $2 OFFSET $3`,
    [departmentCode, limit, offset],
  );
}
