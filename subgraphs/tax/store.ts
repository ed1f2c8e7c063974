import { rowLoader, rowsLoader, type Database, type Page } from '../kit';

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

const TAXPAYER = `SELECT t.uscc, t.arrears AS "taxArrears", r.year AS "ratingYear", r.level AS "ratingLevel"
  FROM taxpayer t
  LEFT JOIN LATERAL (
    SELECT year, level FROM tax_credit_rating c WHERE c.uscc = t.uscc ORDER BY year DESC LIMIT 1
  ) r ON true`;

const INCOME = `SELECT person_id AS "personId", year, amount FROM personal_income`;

/** Per-request loaders of taxpayers and personal income. */
export function createLoaders(db: Database) {
  return {
    taxpayer: rowLoader<TaxpayerRow>(db, `${TAXPAYER} WHERE t.uscc = ANY($1)`, 'uscc'),
    incomes: rowsLoader<IncomeRow>(
      db,
      `${INCOME} WHERE person_id = ANY($1) ORDER BY person_id, year DESC`,
      'personId',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** Enterprises rated `level` in `year` (the latest rated year when null), in USCC order. */
export function listTaxpayersByCredit(
  db: Database,
  level: TaxCreditLevel,
  year: number | null,
  { limit, offset }: Page,
) {
  return db.query<TaxpayerRow>(
    `${TAXPAYER}
     WHERE t.uscc IN (
       SELECT uscc FROM tax_credit_rating
       WHERE level = $1 AND year = COALESCE($2::int, (SELECT max(year) FROM tax_credit_rating)))
     ORDER BY t.uscc LIMIT $3 OFFSET $4`,
    [level, year, limit, offset],
  );
}
