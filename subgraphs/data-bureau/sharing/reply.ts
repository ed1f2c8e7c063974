import { badInput } from '../../kit';
import { governance } from '../policies/deployment';
import { today, shareBy } from './clock';
import { grantOf, withGrant } from './grant';
import {
  fieldsArg,
  reasonArg,
  requestNumberArg,
  type FieldInput,
  type RequestedField,
} from './input';
import type { StepOutcome } from './steps';
import type { SharingRequestRow } from './store';

export type Reply = 'APPROVE' | 'APPROVE_IN_PART' | 'REFUSE';
export const REFUSAL_REASONS = [
  'NO_LEGAL_BASIS',
  'NOT_NECESSARY',
  'BEYOND_CATALOGUE',
  'SECURITY_RISK',
  'OTHER',
];

export interface ReplyInput {
  number: string;
  reply: Reply;
  fields?: FieldInput[] | null;
  reason?: string | null;
  explanation?: string | null;
}

/** What narrowerFields says when a field is wider than its base, by the step's own words. */
export interface NarrowingWords {
  absent(coordinate: string): string;
  masked(coordinate: string): string;
  same: string;
}

const REPLY_WORDS: NarrowingWords = {
  absent: (c) => `${c} was not asked for: a reply grants no more than the request.`,
  masked: (c) => `${c} was asked masked: a reply cannot grant it in full.`,
  same: 'APPROVE_IN_PART grants fewer fields or masks some; these are the fields asked: use APPROVE.',
};

/**
 * Fields narrower than `base` (a request's asked, or its approved): each in `base`, none in
 * full where `base` has it masked, and fewer or some masked. Throws in `words` otherwise.
 */
export function narrowerFields(
  request: SharingRequestRow,
  base: readonly RequestedField[],
  input: FieldInput[] | null | undefined,
  words: NarrowingWords,
): RequestedField[] {
  const fields = fieldsArg('input.fields', input, request.provider, governance.classification);
  for (const f of fields) {
    const had = base.find((r) => r.coordinate === f.coordinate);
    if (!had) throw badInput('input.fields', `${request.number}: ${words.absent(f.coordinate)}`);
    if (had.access === 'masked' && f.access === 'full') {
      throw badInput('input.fields', `${request.number}: ${words.masked(f.coordinate)}`);
    }
  }
  const narrower =
    fields.length < base.length ||
    fields.some((f) => f.access !== base.find((r) => r.coordinate === f.coordinate)!.access);
  if (!narrower) throw badInput('input.fields', words.same);
  return fields;
}

/** The provider's reply (art. 21): an approval writes the grant into a live revision (with its event). */
export function decideReply(
  official: { id: string },
  request: SharingRequestRow,
  input: ReplyInput,
  now: Date,
): StepOutcome {
  requestNumberArg(input.number, 'input.number');
  if (input.reply === 'REFUSE') {
    if (!input.reason || !REFUSAL_REASONS.includes(input.reason)) {
      throw badInput(
        'input.reason',
        `A refusal states its reason (art. 21): input.reason, one of ${REFUSAL_REASONS.join(', ')}.`,
      );
    }
    const explanation = reasonArg(
      'input.explanation',
      input.explanation,
      'a refusal explains its reason (art. 21)',
    );
    return {
      patch: {
        state: 'REFUSED',
        refusalCode: input.reason,
        refusalExplanation: explanation,
        repliedAt: now,
      },
      detail: { reply: 'REFUSE', reason: input.reason, explanation },
    };
  }
  return approval(official, request, input.reply, input.fields, now, `approves ${request.number}`);
}

/**
 * An approval (a reply's, or one a dispute's decision orders): the grant derived from the
 * request and the fields approved, written into a live revision with the step's event.
 */
export function approval(
  official: { id: string },
  request: SharingRequestRow,
  reply: 'APPROVE' | 'APPROVE_IN_PART',
  fields: FieldInput[] | null | undefined,
  now: Date,
  note: string,
): StepOutcome {
  const approved =
    reply === 'APPROVE_IN_PART'
      ? narrowerFields(request, request.fields, fields, REPLY_WORDS)
      : request.fields;
  const grant = grantOf(request, approved);
  return {
    patch: {
      state: 'APPROVED',
      approvedFields: approved,
      repliedAt: now,
      shareBy: shareBy(today(now)),
      grantId: grant.id,
    },
    detail: { reply, grant: grant.id, fields: approved },
    revise: {
      change: (current) => withGrant(current, grant),
      input: { cause: 'sharing-request', author: official.id, note },
    },
  };
}
