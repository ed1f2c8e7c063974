import type { Grant, PolicySet, Purpose } from '../../../policies';
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

// Fields as the policy engine reads them: '*' expanded, what the lint refuses left out.
const grantRow = (grant: Grant, purposeByCode: ReadonlyMap<string, PurposeRow>): GrantRow => ({
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

// One set of rows per policy set (the files, or each live revision), shared by every request.
const views = new WeakMap<PolicySet, { purposes: PurposeRow[]; grants: GrantRow[] }>();

function viewOf(policies: PolicySet) {
  let view = views.get(policies);
  if (!view) {
    const purposes = policies.purposes.map(purposeRow);
    const byCode = new Map(purposes.map((p) => [p.code, p]));
    view = { purposes, grants: policies.grants.map((g) => grantRow(g, byCode)) };
    views.set(policies, view);
  }
  return view;
}

/** The purpose catalogue, in its file's order. */
export function listPurposes(policies: PolicySet): readonly PurposeRow[] {
  return viewOf(policies).purposes;
}

/** Every grant, in file order, optionally of one provider, consumer department or purpose. */
export function listGrants(policies: PolicySet, filter: GrantFilter): GrantRow[] {
  return viewOf(policies).grants.filter(
    (g) =>
      (filter.provider === null || g.provider === filter.provider) &&
      (filter.consumerDepartment === null || g.consumer.department === filter.consumerDepartment) &&
      (filter.purpose === null || g.purposes.some((p) => p.code === filter.purpose)),
  );
}
