import type { Evaluation, RatingLevel, ServiceItem } from '../../fixtures/city/types';
import { rowLoader, rowsLoader, type Caller, type Database, type Page } from '../kit';
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

/** The fields a ServiceItem row condition may name, as columns of `service_item`. */
const SERVICE_ITEM_ROW = { code: 'code', department: 'department_code' };

/** The fields an Evaluation row condition may name, as columns of `evaluation` aliased `e`. */
export const EVALUATION_ROW = {
  id: 'e.id',
  evaluator: 'e.evaluator_id',
  serviceItem: 'e.service_item_code',
};

// Keys are 'limit:code'; each key keeps its own newest `limit` rows that `where` keeps (one
// statement per batch).
const newestEvaluations = (where: string) => `
  SELECT * FROM (
    SELECT ${EVALUATION_COLUMNS}, k.key AS "batchKey",
           row_number() OVER (PARTITION BY k.key ORDER BY e.rated_at DESC, e.id DESC) AS rank,
           split_part(k.key, ':', 1)::int AS "limit"
      FROM unnest($1::text[]) AS k (key)
      JOIN evaluation e ON e.service_item_code = substr(k.key, strpos(k.key, ':') + 1)
     WHERE ${where}
  ) ranked
  WHERE rank <= "limit"
  ORDER BY "batchKey", rank`;

/** A statement's row filters, ANDed, with parameters numbered after its key array ($1). */
function rowFilters(...filters: ((params: unknown[]) => string)[]) {
  const params: unknown[] = [undefined];
  const sql = filters.map((filter) => filter(params)).join(' AND ');
  return { sql, params: params.slice(1) };
}

/** The key of `newestEvaluations` for one service item and one limit. */
export function newestKey(serviceItemCode: string, limit: number): string {
  return `${limit}:${serviceItemCode}`;
}

/**
 * Per-request loaders: every row-reading field of the subgraph goes through one of these, and
 * every ServiceItem and Evaluation they return passes the caller's row filter.
 */
export function createLoaders(db: Database, caller: Caller) {
  const serviceItems = (params: unknown[]) =>
    caller.rowFilter('ServiceItem', SERVICE_ITEM_ROW, params);
  const evaluations = (params: unknown[]) => caller.rowFilter('Evaluation', EVALUATION_ROW, params);
  const serviceItem = rowFilters(serviceItems);
  const ofDepartment = rowFilters(
    (params) => caller.rowFilter('Department', { code: 'department_code' }, params, 'serviceItems'),
    serviceItems,
  );
  const newest = rowFilters(
    (params) =>
      caller.rowFilter('ServiceItem', { code: 'e.service_item_code' }, params, 'evaluations'),
    evaluations,
  );
  const byEvaluator = rowFilters(
    (params) => caller.rowFilter('Person', { id: 'e.evaluator_id' }, params, 'evaluations'),
    evaluations,
  );
  return {
    serviceItem: rowLoader<ServiceItemRow>(
      db,
      `${SERVICE_ITEM} WHERE code = ANY($1) AND ${serviceItem.sql}`,
      'code',
      serviceItem.params,
    ),
    serviceItemsOfDepartment: rowsLoader<ServiceItemRow>(
      db,
      `${SERVICE_ITEM} WHERE department_code = ANY($1) AND ${ofDepartment.sql}
        ORDER BY department_code, code`,
      'departmentCode',
      ofDepartment.params,
    ),
    /** Newest first, keyed by `newestKey(code, limit)`. */
    newestEvaluations: rowsLoader<RankedEvaluationRow>(
      db,
      newestEvaluations(newest.sql),
      'batchKey',
      newest.params,
    ),
    evaluationsByEvaluator: rowsLoader<EvaluationRow>(
      db,
      `SELECT ${EVALUATION_COLUMNS} FROM evaluation e WHERE e.evaluator_id = ANY($1) AND ${byEvaluator.sql}
        ORDER BY e.evaluator_id, e.rated_at DESC, e.id DESC`,
      'evaluatorId',
      byEvaluator.params,
    ),
    // Statistics (UNCONDITIONAL, not personal): every rating counts, whoever reads them.
    serviceItemSummary: serviceItemSummaryLoader(db),
    departmentSummary: departmentSummaryLoader(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The service items the caller may read, ordered by code, optionally of one department. */
export function listServiceItems(
  db: Database,
  caller: Caller,
  departmentCode: string | null,
  { limit, offset }: Page,
) {
  const params: unknown[] = [departmentCode, limit, offset];
  const rows = caller.rowFilter('ServiceItem', SERVICE_ITEM_ROW, params);
  return db.query<ServiceItemRow>(
    `${SERVICE_ITEM} WHERE ($1::text IS NULL OR department_code = $1) AND ${rows}
      ORDER BY code LIMIT $2 OFFSET $3`,
    params,
  );
}
