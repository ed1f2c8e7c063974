import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import { badInput, withoutPersonalIdentifiers } from '../../kit';
import { optionalText } from '../arguments';
import { TEXT_MAX } from './input';
import { MAX_EXTENSION_DAYS, extendedDue, replyDue, today } from './clock';
import { grantOf, withGrant, withoutGrant } from './grant';
import type { FieldInput } from './input';
import { approval } from './reply';
import {
  DISPUTE_MOVERS,
  DISPUTE_STAGES,
  type DisputeOutcome,
  type DisputeStage,
  type Party,
} from './states';
import type { StepOutcome } from './steps';
import type { SharingRequestRow } from './store';

/** The most items a return lists. */
const MAX_MISSING = 50;

/** Return for supplement: once, listing everything missing (art. 21). */
export function decideReturn(request: SharingRequestRow, missing: readonly string[]): StepOutcome {
  if (request.returned) {
    throw new GraphQLError(
      `Request ${request.number} was already returned for supplement once: art. 21 allows one return listing everything missing; reply to it now.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'number' } },
    );
  }
  if (missing.length > MAX_MISSING) throw badInput('missing', `List at most ${MAX_MISSING} items.`);
  // Each item is a free text shown to the requester and auditors: bounded, no identifiers.
  const items = missing.flatMap((m, i) => {
    const text = optionalText(`missing[${i}]`, m, TEXT_MAX);
    return text === null ? [] : [withoutPersonalIdentifiers(`missing[${i}]`, text)];
  });
  if (items.length === 0) throw badInput('missing', 'List everything missing, at once (art. 21).');
  return {
    patch: { state: 'RETURNED', returned: true, missing: items },
    detail: { missing: items },
  };
}

/** The requester supplies what was missing: the reply clock starts again. */
export function decideSupplement(request: SharingRequestRow, note: string, now: Date): StepOutcome {
  const start = today(now);
  const due = replyDue(start, request.sharingClass);
  return {
    patch: { state: 'SUBMITTED', clockStart: start, replyDue: due },
    detail: { note, replyDue: due },
  };
}

/** The provider asks for one extension of at most 10 working days. */
export function decideExtensionRequest(
  request: SharingRequestRow,
  days: number,
  reason: string,
): StepOutcome {
  if (request.extensionDays !== null) {
    throw badInput('number', `Request ${request.number} already had its one extension (art. 21).`);
  }
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) {
    throw badInput(
      'workingDays',
      `An extension is 1 to ${MAX_EXTENSION_DAYS} working days (art. 21); asked: ${days}.`,
    );
  }
  return {
    patch: { state: 'EXTENSION_REQUESTED', extensionDays: days, extensionReason: reason },
    detail: { workingDays: days, reason },
  };
}

/** The data authority decides the extension; the requester is told in the timeline. */
export function decideExtension(
  request: SharingRequestRow,
  approve: boolean,
  reason: string,
): StepOutcome {
  const due = approve ? extendedDue(request.replyDue, request.extensionDays!) : request.replyDue;
  return {
    patch: {
      state: 'SUBMITTED',
      extensionDecided: true,
      replyDue: due,
      ...(!approve && { extensionDays: 0 }),
    },
    detail: { approve, reason, replyDue: due, noticeTo: request.requester },
  };
}

/** Opens a dispute (art. 28): negotiation first. */
export function decideDispute(request: SharingRequestRow, reason: string): StepOutcome {
  if (request.disputeStage !== null && request.disputeStage !== 'RESOLVED') {
    throw badInput(
      'number',
      `Request ${request.number} is already in dispute (${request.disputeStage}).`,
    );
  }
  return { patch: { disputeStage: 'NEGOTIATION' }, detail: { reason, stage: 'NEGOTIATION' } };
}

/** Moves a dispute on: negotiation → coordination by the authority → decision → resolved. */
export function decideDisputeStep(
  request: SharingRequestRow,
  parties: readonly Party[],
  note: string,
): StepOutcome {
  const stage = request.disputeStage as DisputeStage | null;
  if (stage === null || stage === 'RESOLVED') {
    throw badInput(
      'number',
      `Request ${request.number} has no open dispute: openSharingDispute first.`,
    );
  }
  if (stage === 'DECISION') {
    throw badInput(
      'number',
      `The dispute on ${request.number} awaits the decision (art. 28): decideSharingDispute states its outcome.`,
    );
  }
  if (!parties.some((p) => DISPUTE_MOVERS[stage].includes(p))) {
    throw new GraphQLError(
      `The dispute on ${request.number} is in ${stage}: only the ${DISPUTE_MOVERS[stage].join(' or ')} moves it on (art. 28).`,
      { extensions: { code: ErrorCode.FORBIDDEN } },
    );
  }
  const next = DISPUTE_STAGES[DISPUTE_STAGES.indexOf(stage) + 1]!;
  return { patch: { disputeStage: next }, detail: { from: stage, to: next, note } };
}

/**
 * The decision that ends a dispute (art. 28), for the government by the data authority: it
 * states the outcome. UPHOLD leaves the request as it stands; APPROVE or APPROVE_IN_PART
 * orders the approval, which goes the way of a reply's (approval in reply.ts: the grant in a
 * live revision with this step's event, or neither).
 */
export function decideDisputeDecision(
  official: { id: string },
  request: SharingRequestRow,
  decision: { outcome: DisputeOutcome; fields?: FieldInput[] | null; note: string },
  now: Date,
): StepOutcome {
  if (request.disputeStage !== 'DECISION') {
    throw badInput(
      'input.number',
      `Request ${request.number} has no dispute awaiting the decision (it is ${request.disputeStage ?? 'not in dispute'}): advanceSharingDispute first.`,
    );
  }
  const resolved = {
    from: 'DECISION',
    to: 'RESOLVED',
    outcome: decision.outcome,
    note: decision.note,
  };
  if (decision.outcome === 'UPHOLD') {
    if (decision.fields?.length) {
      throw badInput('input.fields', 'UPHOLD orders no fields: the reply stands as it is.');
    }
    return { patch: { disputeStage: 'RESOLVED' }, detail: resolved };
  }
  const ordered = approval(
    official,
    request,
    decision.outcome,
    decision.fields,
    now,
    `dispute decision on ${request.number}: ${decision.outcome.toLowerCase()}`,
  );
  return {
    ...ordered,
    patch: {
      ...ordered.patch,
      disputeStage: 'RESOLVED',
      refusalCode: null,
      refusalExplanation: null,
    },
    detail: { ...resolved, ...ordered.detail },
  };
}

/** Suspension or termination: an urgent revision without the grant (art. 27). */
export function decideClosing(
  author: string,
  request: SharingRequestRow,
  state: 'SUSPENDED' | 'TERMINATED',
  reason: string,
): StepOutcome {
  const grantId = request.grantId!;
  return {
    patch: { state },
    detail: { reason, grant: grantId },
    // Once suspended the grant is already out of force: termination only records the end.
    ...(request.state !== 'SUSPENDED' && {
      revise: {
        change: (current) => withoutGrant(current, grantId),
        input: {
          cause: 'suspension',
          author,
          note: `${state.toLowerCase()} ${request.number}: ${reason}`.slice(0, 500),
          urgent: true,
        },
      },
    }),
  };
}

/** Resumption: the same grant back in a new revision. */
export function decideResume(
  author: string,
  request: SharingRequestRow,
  reason: string,
): StepOutcome {
  const grant = grantOf(request, request.approvedFields!);
  return {
    patch: { state: 'APPROVED' },
    detail: { reason, grant: grant.id },
    revise: {
      change: (current) => withGrant(current, grant),
      input: { cause: 'sharing-request', author, note: `resumes ${request.number}` },
    },
  };
}
