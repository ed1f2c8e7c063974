import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { effectiveState } from './clock';
import { appendEvent } from './events';
import type { Written } from './live-policy';
import { agencyOfficial, assertStep, partiesOf } from './parties';
import {
  findRequest,
  lockRequest,
  patchRequest,
  type RequestPatch,
  type SharingRequestRow,
} from './store';
import type { SharingAction } from './states';

type Context = DepartmentContext<Loaders>;

/** What a step decided: the row's changes, the event's details, and a revision it wrote. */
export interface StepOutcome {
  patch: RequestPatch;
  detail: Record<string, unknown>;
  written?: Written | null;
}

/** A step's result for the graph: the request as it now stands, and the receipt if any. */
export interface StepResult {
  request: SharingRequestRow;
  receipt: Written['receipt'] | null;
}

/**
 * Takes one step on a request in one transaction: lock the row, check the caller's part and
 * the state (states.ts), let `decide` compute the change (it may write a policy revision and
 * throws to refuse), then update the row and append the hash-chained event.
 */
export async function takeStep(
  ctx: Context,
  number: string,
  action: SharingAction,
  decide: (
    request: SharingRequestRow,
    parties: ReturnType<typeof partiesOf>,
  ) => Promise<StepOutcome>,
): Promise<StepResult> {
  const official = agencyOfficial(ctx.caller);
  const visible = await findRequest(ctx.db, ctx.caller, number);
  if (!visible) {
    throw new GraphQLError(
      `No sharing request ${number} is open to your department: sharingRequests lists yours.`,
      { extensions: { code: ErrorCode.NOT_FOUND, argument: 'number' } },
    );
  }
  const now = new Date();
  const written = await ctx.db.transaction(async (client) => {
    const request = (await lockRequest(client, number))!;
    const state = effectiveState(request.state, request.periodEnd, now);
    const parties = partiesOf(official.department, request);
    assertStep(action, number, state, parties);
    const outcome = await decide({ ...request, state }, parties);
    await patchRequest(client, number, outcome.patch, now);
    await appendEvent(client, {
      number,
      kind: action,
      actor: official.id,
      actorDepartment: official.department,
      at: now,
      detail: { ...outcome.detail, ...(outcome.written && { revision: outcome.written.revision }) },
    });
    return outcome.written ?? null;
  });
  const request = (await findRequest(ctx.db, ctx.caller, number))!;
  return { request, receipt: written?.receipt ?? null };
}
