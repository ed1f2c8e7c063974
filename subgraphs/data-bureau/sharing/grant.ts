import type { Grant, PolicySet } from '../../../policies';
import type { RequestedField } from './input';
import type { SharingRequestRow } from './store';

/** The id of the grant a request's approval writes: stable, so a resumption restores the same grant. */
export function grantIdOf(number: string): string {
  return `sharing-request-${number.toLowerCase()}`;
}

/**
 * The grant an approval makes of a request: for the requester's role, the request's purpose,
 * the approved fields and masks, its rows, its period as expiry, its legal basis and quota,
 * and the request's number.
 */
export function grantOf(request: SharingRequestRow, approved: readonly RequestedField[]): Grant {
  const fields: Record<string, Record<string, 'full' | 'masked'>> = {};
  for (const { coordinate, access } of approved) {
    const [type, field] = coordinate.split('.') as [string, string];
    fields[type] = { ...fields[type], [field]: access };
  }
  return {
    id: grantIdOf(request.number),
    provider: request.provider,
    file: `sharing-requests/${request.number}`,
    consumer: { department: request.requester, role: request.requesterRole },
    purposes: [request.purpose],
    fields,
    ...(Object.keys(request.rows).length > 0 && { rows: request.rows }),
    legalBasis: request.legalBasis,
    expires: request.periodEnd,
    note: `共享申请 ${request.number}: ${request.scenario}`.slice(0, 500),
    request: request.number,
    ...(request.personsPerOfficial !== null && {
      quota: { personsPerOfficial: request.personsPerOfficial },
    }),
  };
}

/** `policies` with the request's grant in (replacing an earlier one of the same id). */
export function withGrant(policies: PolicySet, grant: Grant): PolicySet {
  return { ...policies, grants: [...policies.grants.filter((g) => g.id !== grant.id), grant] };
}

/** `policies` without a grant. */
export function withoutGrant(policies: PolicySet, grantId: string): PolicySet {
  return { ...policies, grants: policies.grants.filter((g) => g.id !== grantId) };
}
