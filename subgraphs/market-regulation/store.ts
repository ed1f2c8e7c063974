import { rowLoader, rowsLoader, type Database, type Page } from '../kit';

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

const ENTERPRISE = `SELECT uscc, name, kind, status, registered_capital AS "registeredCapital",
  established_on AS "establishedOn", district_code AS "districtCode", address,
  business_scope AS "businessScope", legal_representative_id AS "legalRepresentativeId" FROM enterprise`;

const PENALTY = `SELECT decision_number AS "decisionNumber", enterprise_uscc AS "enterpriseUscc",
  decided_on AS "decidedOn", reason, amount, authority_code AS "authorityCode" FROM penalty`;

/** Per-request loaders of the business registry. */
export function createLoaders(db: Database) {
  return {
    enterprise: rowLoader<EnterpriseRow>(db, `${ENTERPRISE} WHERE uscc = ANY($1)`, 'uscc'),
    penalties: rowsLoader<PenaltyRow>(
      db,
      `${PENALTY} WHERE enterprise_uscc = ANY($1) ORDER BY enterprise_uscc, decided_on DESC, decision_number`,
      'enterpriseUscc',
    ),
    enterprisesRepresented: rowsLoader<EnterpriseRow>(
      db,
      `${ENTERPRISE} WHERE legal_representative_id = ANY($1) ORDER BY legal_representative_id, uscc`,
      'legalRepresentativeId',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** One page of enterprises in USCC order. */
export function listEnterprises(db: Database, filter: EnterpriseFilter, { limit, offset }: Page) {
  return db.query<EnterpriseRow>(
    `${ENTERPRISE}
     WHERE ($1::text IS NULL OR district_code = $1)
       AND ($2::text IS NULL OR status = $2)
       AND ($3::text IS NULL OR strpos(name, $3) > 0)
     ORDER BY uscc LIMIT $4 OFFSET $5`,
    [filter.districtCode, filter.status, filter.nameContains, limit, offset],
  );
}
