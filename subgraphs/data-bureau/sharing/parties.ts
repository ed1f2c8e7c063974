import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { Caller } from '../../kit';
import { stepRefusal, type Party, type SharingAction, type SharingState } from './states';

/** The department that acts as data authority (数据主管部门): the data bureau itself. */
export const AUTHORITY_DEPARTMENT = 'data-bureau';

/** The calling official: sharing requests are filed and reviewed by departments' agencies. */
export function agencyOfficial(caller: Caller) {
  const { kind, id, department, role } = caller.consumer;
  if (kind !== 'official' || department === null || role === null) {
    throw new GraphQLError(
      "Sharing requests are filed and reviewed by officials of a department's sharing agency; this caller is not one.",
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
  return { id, department, role };
}

/** The parts the caller's department plays in a request. */
export function partiesOf(
  department: string,
  request: { requester: string; provider: string },
): Party[] {
  const parties: Party[] = [];
  if (department === request.requester) parties.push('requester');
  if (department === request.provider) parties.push('provider');
  if (department === AUTHORITY_DEPARTMENT) parties.push('authority');
  return parties;
}

/** Throws FORBIDDEN or BAD_USER_INPUT when the step is not the caller's or not from this state. */
export function assertStep(
  action: SharingAction,
  number: string,
  state: SharingState,
  parties: readonly Party[],
): void {
  const refusal = stepRefusal(action, state, parties);
  if (refusal === null) return;
  if (refusal.kind === 'party') {
    throw new GraphQLError(
      `Request ${number}: '${action}' is for the ${refusal.allowed.join(' or ')}; your department is ${parties.length ? `the ${parties.join(' and ')}` : 'not a party'} (a requester never decides its own request).`,
      { extensions: { code: ErrorCode.FORBIDDEN, action } },
    );
  }
  throw new GraphQLError(
    `Request ${number} is ${state}: '${action}' is possible only when it is ${refusal.from.join(' or ')}.`,
    { extensions: { code: ErrorCode.BAD_USER_INPUT, action, state } },
  );
}
