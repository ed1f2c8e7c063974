import { rowLoader, rowsLoader, type Caller, type Database, type Page } from '../kit';

export interface EnterpriseRow extends Record<string, unknown> {
  uscc: string;
  name: string;
  kind: string;
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
  registeredCapital: number;
  establishedOn: string;
  districtCode: string;
  address: string;
  businessScope: string;
  legalRepresentativeId: string;
}

export interface PenaltyRow extends Record<string, unknown> {
  decisionNumber: string;
  enterpriseUscc: string;
  decidedOn: string;
  reason: string;
  amount: number;
  authorityCode: string;
}

/** Filters of the enterprise list; null means "any". */
export interface EnterpriseFilter {
  districtCode: string | null;
  status: string | null;
  nameContains: string | null;
}

/** The fields an Enterprise row condition may name, as columns of `enterprise` aliased `e`. */
export const ENTERPRISE_ROW = {
  uscc: 'e.uscc',
  districtCode: 'e.district_code',
  legalRepresentative: 'e.legal_representative_id',
};

/** The fields an AdministrativePenalty row condition may name (`penalty` aliased `pe`). */
const PENALTY_ROW = { decisionNumber: 'pe.decision_number', authority: 'pe.authority_code' };

/** A Person row condition here: the legal representative's id. */
export const REPRESENTATIVE_ROW = { id: 'e.legal_representative_id' };

const ENTERPRISE = `SELECT e.uscc, e.name, e.kind, e.status, e.registered_capital AS "registeredCapital",
  e.established_on AS "establishedOn", e.district_code AS "districtCode", e.address,
  e.business_scope AS "businessScope", e.legal_representative_id AS "legalRepresentativeId"
  FROM enterprise e`;

const PENALTY = `SELECT pe.decision_number AS "decisionNumber", pe.enterprise_uscc AS "enterpriseUscc",
  pe.decided_on AS "decidedOn", pe.reason, pe.amount, pe.authority_code AS "authorityCode"
  FROM penalty pe JOIN enterprise e ON e.uscc = pe.enterprise_uscc`;

/** A loader's row filters, ANDed, with their parameters numbered after the key array ($1). */
function afterKeys(...filters: ((params: unknown[]) => string)[]) {
  const params: unknown[] = [null];
  const sql = filters.map((filter) => filter(params)).join(' AND ');
  return { sql, params: params.slice(1) };
}

/** Per-request loaders of the business registry, each row passing the caller's row filter. */
export function createLoaders(db: Database, caller: Caller) {
  const enterprises = (params: unknown[]) => caller.rowFilter('Enterprise', ENTERPRISE_ROW, params);
  const enterprise = afterKeys(enterprises);
  const penalties = afterKeys(
    (params) => caller.rowFilter('Enterprise', ENTERPRISE_ROW, params, 'penalties'),
    (params) => caller.rowFilter('AdministrativePenalty', PENALTY_ROW, params),
  );
  const represented = afterKeys(
    (params) => caller.rowFilter('Person', REPRESENTATIVE_ROW, params, 'enterprisesRepresented'),
    enterprises,
  );
  return {
    enterprise: rowLoader<EnterpriseRow>(
      db,
      `${ENTERPRISE} WHERE e.uscc = ANY($1) AND ${enterprise.sql}`,
      'uscc',
      enterprise.params,
    ),
    /** Enterprise.penalties, by USCC, newest first. */
    penalties: rowsLoader<PenaltyRow>(
      db,
      `${PENALTY} WHERE pe.enterprise_uscc = ANY($1) AND ${penalties.sql}
       ORDER BY pe.enterprise_uscc, pe.decided_on DESC, pe.decision_number`,
      'enterpriseUscc',
      penalties.params,
    ),
    /** Person.enterprisesRepresented, by person id. */
    enterprisesRepresented: rowsLoader<EnterpriseRow>(
      db,
      `${ENTERPRISE} WHERE e.legal_representative_id = ANY($1) AND ${represented.sql}
       ORDER BY e.legal_representative_id, e.uscc`,
      'legalRepresentativeId',
      represented.params,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** One page of the enterprises the caller may read, in USCC order. */
export function listEnterprises(
  db: Database,
  caller: Caller,
  filter: EnterpriseFilter,
  { limit, offset }: Page,
) {
  const params: unknown[] = [
    filter.districtCode,
    filter.status,
    filter.nameContains,
    limit,
    offset,
  ];
  const rows = caller.rowFilter('Enterprise', ENTERPRISE_ROW, params);
  return db.query<EnterpriseRow>(
    `${ENTERPRISE}
     WHERE ($1::text IS NULL OR e.district_code = $1)
       AND ($2::text IS NULL OR e.status = $2)
       AND ($3::text IS NULL OR strpos(e.name, $3) > 0)
       AND ${rows}
     ORDER BY e.uscc LIMIT $4 OFFSET $5`,
    params,
  );
}
