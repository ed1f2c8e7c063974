import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { StoredRevision } from '../../../policy-store';
import type { DepartmentContext } from '../../kit';
import type { Loaders } from '../loaders';
import { effectiveState } from './clock';
import { appendEvent } from './events';
import { appendRevision, receiptOf, storeIsLocal, type Revise, type Written } from './live-policy';
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

/** What a step decided: the row's changes, the event's details, and a revision to write. */
export interface StepOutcome {
  patch: RequestPatch;
  detail: Record<string, unknown>;
  revise?: Revise;
}

/** A step's result for the graph: the request as it now stands, and the receipt if any. */
export interface StepResult {
  request: SharingRequestRow;
  receipt: Written['receipt'] | null;
}

/** What the step's transaction committed. */
interface Committed {
  before: SharingRequestRow;
  outcome: StepOutcome;
  stored: StoredRevision | null;
}

/**
 * Takes one step on a request in one transaction: lock the row, check the caller's part and
 * the state (states.ts), let `decide` compute the change (throws to refuse), then write the
 * policy revision it asks for, update the row and append the hash-chained event, and commit.
 * The receipt is waited for after the commit.
 *
 * No path leaves a revision in force without its event. With the policy store in the data
 * bureau's database (the default) the revision is appended on the step's own connection, so
 * it commits with the event or not at all. With the store in another database
 * (POLICY_DATABASE_URL) there is no common commit, and the step fails closed by order: the
 * event commits first, the revision is written after it (reviseAfter), and when the revision
 * fails the request goes back to where it stood with a `revision-failed` event. A crash
 * between the two leaves an event without its revision: a grant recorded but not in force,
 * or a withdrawal recorded and not yet in force (visible in the timeline), never a grant in
 * force without a record.
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
  const local = storeIsLocal(ctx.db);
  const event = (detail: Record<string, unknown>, kind: string = action) => ({
    number,
    kind,
    actor: official.id,
    actorDepartment: official.department,
    at: now,
    detail,
  });
  const committed = await ctx.db
    .transaction(async (client): Promise<Committed> => {
      const before = (await lockRequest(client, number))!;
      const state = effectiveState(before.state, before.periodEnd, now);
      const parties = partiesOf(official.department, before);
      assertStep(action, number, state, parties);
      const outcome = await decide({ ...before, state }, parties);
      const stored =
        outcome.revise && local ? await appendRevision(ctx.db, outcome.revise, now, client) : null;
      const revision = stored ? { revision: stored.revision } : {};
      await patchRequest(client, number, { ...outcome.patch, ...revision }, now);
      await appendEvent(
        client,
        event({
          ...outcome.detail,
          ...revision,
          ...(outcome.revise && !local && { revision: 'written after this event' }),
        }),
      );
      return { before, outcome, stored };
    })
    .catch((error: unknown) => {
      throw stepFailed(number, action, error);
    });
  const committedAt = new Date();
  const stored =
    committed.stored ??
    (committed.outcome.revise && !local
      ? await reviseAfter(ctx, number, action, committed, event)
      : null);
  const request = (await findRequest(ctx.db, ctx.caller, number))!;
  const receipt = stored
    ? await receiptOf(ctx.db, stored, committed.stored ? committedAt : undefined)
    : null;
  return { request, receipt: receipt?.receipt ?? null };
}

/**
 * The policy store in another database: the revision after the step's event. Written: the
 * row names it and a `revision` event records it. Refused or failed: the row goes back to
 * where it stood, a `revision-failed` event says so, and the step fails.
 */
async function reviseAfter(
  ctx: Context,
  number: string,
  action: SharingAction,
  committed: Committed,
  event: (detail: Record<string, unknown>, kind: string) => Parameters<typeof appendEvent>[1],
): Promise<StoredRevision> {
  const now = new Date();
  try {
    const stored = await appendRevision(ctx.db, committed.outcome.revise!, now);
    await ctx.db.transaction(async (client) => {
      await patchRequest(client, number, { revision: stored.revision }, now);
      // The row and its event at the same time: the chain's tail check compares them.
      await appendEvent(client, {
        ...event({ revision: stored.revision, of: action }, 'revision'),
        at: now,
      });
    });
    return stored;
  } catch (error) {
    const restored = Object.fromEntries(
      Object.keys(committed.outcome.patch).map((key) => [key, committed.before[key] ?? null]),
    );
    await ctx.db.transaction(async (client) => {
      await patchRequest(client, number, restored, now);
      await appendEvent(client, {
        ...event(
          { of: action, restored: committed.before.state, why: causeOf(error) },
          'revision-failed',
        ),
        at: now,
      });
    });
    throw new GraphQLError(
      `Request ${number}: the ${action} was recorded, but its policy revision was not written, so the request is back to ${committed.before.state} (a revision-failed event says so): ${causeOf(error)}`,
      { extensions: { code: ErrorCode.RECORD_STORE_UNAVAILABLE } },
    );
  }
}

/** A step's transaction failed: a refusal passes as it is; anything else says nothing was written. */
function stepFailed(number: string, action: SharingAction, error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError(
    `Request ${number}: the ${action} step was not recorded, so nothing of it took effect (no policy revision, no event; the request is unchanged). Try again. Cause: ${causeOf(error)}`,
    { extensions: { code: ErrorCode.RECORD_STORE_UNAVAILABLE }, originalError: error as Error },
  );
}

/** The first line of an error's message, short (no personal value is ever in a request). */
function causeOf(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 200);
}
