import {
  rowLoader,
  rowsLoader,
  type Caller,
  type Database,
  type Page,
  type RowFilter,
} from '../kit';

export type TaxCreditLevel = 'A' | 'B' | 'M' | 'C' | 'D';

/** An enterprise as a taxpayer, with its most recent credit rating (null when never rated). */
export interface TaxpayerRow extends Record<string, unknown> {
  uscc: string;
  taxArrears: number;
  ratingYear: number | null;
  ratingLevel: TaxCreditLevel | null;
}

export interface IncomeRow extends Record<string, unknown> {
  personId: string;
  year: number;
  amount: number;
}

/** The row filters of a person's incomes (the loader, and the persons a grant opens). */
export const INCOME_FILTERS: readonly RowFilter[] = [
  ['Person', { id: 'person_id' }, 'annualIncomes'],
  ['PersonalIncome', { year: 'year' }],
];

/**
 * Selects the taxpayers the caller may read, each with the latest rating the caller may read
 * (`ratingOpen`, over `tax_credit_rating c`), ending in a WHERE clause to extend with AND.
 * Appends the row filters' parameters to `params`.
 */
function taxpayers(caller: Caller, params: unknown[]) {
  const enterpriseOpen = caller.rowFilter('Enterprise', { uscc: 't.uscc' }, params);
  const ratingOpen = caller.rowFilter(
    'TaxCreditRating',
    { year: 'c.year', level: 'c.level' },
    params,
  );
  const sql = `SELECT t.uscc, t.arrears AS "taxArrears", r.year AS "ratingYear", r.level AS "ratingLevel"
    FROM taxpayer t
    LEFT JOIN LATERAL (
      SELECT year, level FROM tax_credit_rating c WHERE c.uscc = t.uscc AND ${ratingOpen}
       ORDER BY year DESC LIMIT 1
    ) r ON true
   WHERE ${enterpriseOpen}`;
  return { sql, ratingOpen };
}

/** Per-request loaders of taxpayers and personal income, restricted to the rows the rules open. */
export function createLoaders(db: Database, caller: Caller) {
  const taxpayerParams: unknown[] = [null]; // $1: the batch's USCCs
  const incomeParams: unknown[] = [null]; // $1: the batch's person ids
  const [personOpen, incomeOpen] = INCOME_FILTERS.map(([type, columns, field]) =>
    caller.rowFilter(type, columns, incomeParams, field),
  );
  return {
    taxpayer: rowLoader<TaxpayerRow>(
      db,
      `${taxpayers(caller, taxpayerParams).sql} AND t.uscc = ANY($1)`,
      'uscc',
      taxpayerParams.slice(1),
    ),
    incomes: rowsLoader<IncomeRow>(
      db,
      `SELECT person_id AS "personId", year, amount FROM personal_income
        WHERE person_id = ANY($1) AND ${personOpen} AND ${incomeOpen}
        ORDER BY person_id, year DESC`,
      'personId',
      incomeParams.slice(1),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * Enterprises rated `level` in `year` (the latest rated year when null), in USCC order: those
 * the caller may read, by ratings the caller may read.
 */
export function listTaxpayersByCredit(
  db: Database,
  caller: Caller,
  level: TaxCreditLevel,
  year: number | null,
  { limit, offset }: Page,
) {
  const params: unknown[] = [level, year, limit, offset];
  const { sql, ratingOpen } = taxpayers(caller, params);
  return db.query<TaxpayerRow>(
    `${sql} AND t.uscc IN (
       SELECT uscc FROM tax_credit_rating c
        WHERE level = $1 AND year = COALESCE($2::int, (SELECT max(year) FROM tax_credit_rating))
          AND ${ratingOpen})
     ORDER BY t.uscc LIMIT $3 OFFSET $4`,
    params,
  );
}
