import type { Grant, Purpose } from '../../../policies';
import { grantOpenings } from '../../../policies/tooling';
import { governance } from './deployment';
import {
  accessName,
  consumerRow,
  rowConditionRows,
  type AccessName,
  type ConsumerRow,
  type RowConditionRow,
} from './shapes';

/** Purpose as the graph shows it. */
export interface PurposeRow {
  code: string;
  name: string;
  nameEn: string;
  legalBasis: string;
}

/** Grant as the graph shows it (`expired` is decided when asked). */
export interface GrantRow {
  id: string;
  provider: string;
  consumer: ConsumerRow;
  purposes: PurposeRow[];
  fields: { coordinate: string; access: AccessName }[];
  rows: RowConditionRow[];
  legalBasis: string | null;
  expires: string | null;
  note: string | null;
}

export interface GrantFilter {
  provider: string | null;
  consumerDepartment: string | null;
  purpose: string | null;
}

const purposeRow = (p: Purpose): PurposeRow => ({
  code: p.code,
  name: p.name.zh,
  nameEn: p.name.en,
  legalBasis: p.legalBasis,
});

const purposes = governance.policies.purposes.map(purposeRow);
const purposeByCode = new Map(purposes.map((p) => [p.code, p]));

// Fields as the policy engine reads them: '*' expanded, what the lint refuses left out.
const grantRow = (grant: Grant): GrantRow => ({
  id: grant.id,
  provider: grant.provider,
  consumer: consumerRow(grant.consumer),
  purposes: grant.purposes.map((code) => purposeByCode.get(code)!),
  fields: grantOpenings(grant, governance.classification).opened.map((o) => ({
    coordinate: o.coordinate,
    access: accessName(o.access),
  })),
  rows: Object.entries(grant.rows ?? {}).flatMap(([type, conditions]) =>
    rowConditionRows(type, conditions),
  ),
  legalBasis: grant.legalBasis ?? null,
  expires: grant.expires ?? null,
  note: grant.note ?? null,
});

const grants = governance.policies.grants.map(grantRow);

/** The purpose catalogue, in its file's order. */
export function listPurposes(): readonly PurposeRow[] {
  return purposes;
}

/** Every grant, in file order, optionally of one provider, consumer department or purpose. */
export function listGrants(filter: GrantFilter): GrantRow[] {
  return grants.filter(
    (g) =>
      (filter.provider === null || g.provider === filter.provider) &&
      (filter.consumerDepartment === null || g.consumer.department === filter.consumerDepartment) &&
      (filter.purpose === null || g.purposes.some((p) => p.code === filter.purpose)),
  );
}
