import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import { createPolicyEngine, type PolicySet } from '../../../policies';
import { diffPolicies } from '../../../policies/tooling';
import { badInput, sharingReachField, type Caller, type Database } from '../../kit';
import { governance } from '../policies/deployment';
import { currentPolicies } from '../policies/live';
import { awaitsReply } from './clock';
import { grantOf, withGrant } from './grant';
import { agencyOfficial, partiesOf } from './parties';
import { findRequest, type SharingRequestRow } from './store';

/** The longest look back over the requester's denied attempts, in days. */
export const MAX_IMPACT_DAYS = 365;

/** What a pending request's draft grant would change, for the provider before replying. */
export interface Impact {
  opens: string[];
  deniedAttempts: number;
  diff: string[];
  /** The draft's fields and rows (`Type.field=value`), as the provider's reach field takes them. */
  fields: string[];
  rows: string[];
  /** The provider's root field counting the persons the draft opens (kit/sharing-reach.ts). */
  reachField: string;
}

/** Fields of the draft the requester's role cannot read now under the request's purpose. */
function newlyOpened(policies: PolicySet, request: SharingRequestRow): string[] {
  const engine = createPolicyEngine(policies, governance.classification);
  const ability = engine.abilityFor(
    {
      kind: 'official',
      id: 'impact-preview',
      department: request.requester,
      role: request.requesterRole,
      // Any district: the preview is about fields, and a row placeholder must resolve.
      jurisdiction: '000000',
      application: null,
      personId: null,
    },
    request.purpose,
  );
  return request.fields
    .map((f) => f.coordinate)
    .filter((c) => {
      const [type, field] = c.split('.') as [string, string];
      return ability.decide(type, field).effect === 'deny';
    });
}

/** The requester's role's refused reads, in the last `days` days, of fields the draft opens. */
async function deniedAttempts(
  db: Database,
  request: SharingRequestRow,
  coordinates: string[],
  days: number,
) {
  const [row] = await db.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM access_records.access_record
      WHERE consumer_department = $1 AND consumer_role = $2
        AND occurred_at >= now() - make_interval(days => $3)
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(fields) f
                     WHERE f->>'effect' = 'deny' AND f->>'coordinate' = ANY($4))`,
    [request.requester, request.requesterRole, days, coordinates],
  );
  return Number(row!.count);
}

/** The impact preview of a pending request (art. 21 review), for its provider or the authority. */
export async function sharingImpact(
  db: Database,
  caller: Caller,
  number: string,
  days: number,
): Promise<Impact> {
  const official = agencyOfficial(caller);
  if (!Number.isInteger(days) || days < 1 || days > MAX_IMPACT_DAYS) {
    throw badInput('days', `days is 1 to ${MAX_IMPACT_DAYS}.`);
  }
  const request = await findRequest(db, caller, number);
  if (!request) {
    throw new GraphQLError(`No sharing request ${number} is open to your department.`, {
      extensions: { code: ErrorCode.NOT_FOUND, argument: 'number' },
    });
  }
  const parties = partiesOf(official.department, request);
  if (!parties.includes('provider') && !parties.includes('authority')) {
    throw new GraphQLError(
      `The impact preview of ${number} is for its provider and the data authority.`,
      {
        extensions: { code: ErrorCode.FORBIDDEN },
      },
    );
  }
  if (!awaitsReply(request.state)) {
    throw badInput(
      'number',
      `Request ${number} is ${request.state}: the preview is for pending requests.`,
    );
  }
  const live = await currentPolicies(db);
  const opens = newlyOpened(live, request);
  const draft = withGrant(live, grantOf(request, request.fields));
  return {
    opens,
    deniedAttempts: opens.length === 0 ? 0 : await deniedAttempts(db, request, opens, days),
    diff: diffPolicies(live, draft).map(
      (c) =>
        `${c.change} ${c.grant ?? 'catalogue'} ${c.what}${c.from ? ` from ${c.from}` : ''}${c.to ? ` to ${c.to}` : ''}`,
    ),
    fields: request.fields.map((f) => f.coordinate),
    rows: Object.entries(request.rows).flatMap(([type, conditions]) =>
      Object.entries(conditions).map(([field, value]) => `${type}.${field}=${value}`),
    ),
    reachField: sharingReachField(request.provider),
  };
}
