import { badInput, identifierArg, identifierFormat, withoutPersonalIdentifiers } from '../../kit';
import { optionalText, requiredText } from '../arguments';

/** The longest reason a citizen gives for a challenge, in characters. */
export const CHALLENGE_REASON_MAX = 500;
/** The longest rating comment, in characters. */
export const RATING_COMMENT_MAX = 500;
/** The longest answer of a department, in characters. */
export const REPLY_MAX = 2000;

const RECORD_ID = identifierFormat(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  'a Disclosure id as myAccessRecords lists it',
);

/** The challenged record's id (a Disclosure id). */
export function recordIdArg(value: unknown): string {
  return identifierArg('input.recordId', value, RECORD_ID);
}

/** A citizen's reason: short, and never an ID number, mobile or account number (not echoed). */
export function challengeReasonArg(value: string | null | undefined): string {
  return withoutPersonalIdentifiers(
    'input.reason',
    requiredText(
      'input.reason',
      value,
      CHALLENGE_REASON_MAX,
      'say why you do not recognise this read',
    ),
  );
}

/** A rating of 1 (非常不满意) to 5 (非常满意), and an optional comment. */
export function ratingArg(input: { rating: unknown; comment?: string | null }) {
  if (
    typeof input.rating !== 'number' ||
    !Number.isInteger(input.rating) ||
    input.rating < 1 ||
    input.rating > 5
  ) {
    throw badInput(
      'input.rating',
      'input.rating must be a whole number from 1 (非常不满意) to 5 (非常满意).',
    );
  }
  const comment = optionalText('input.comment', input.comment, RATING_COMMENT_MAX);
  return {
    rating: input.rating,
    comment: comment === null ? null : withoutPersonalIdentifiers('input.comment', comment),
  };
}

/** A department's answer: what was found (CONFIRMED or DISMISSED) and the reply the citizen reads. */
export function answerArg(input: { finding: string; reply?: string | null }) {
  if (input.finding !== 'CONFIRMED' && input.finding !== 'DISMISSED') {
    throw badInput(
      'input.finding',
      'input.finding must be CONFIRMED (the read was not justified) or DISMISSED (it was lawful).',
    );
  }
  return {
    finding: input.finding,
    reply: withoutPersonalIdentifiers(
      'input.reply',
      requiredText(
        'input.reply',
        input.reply,
        REPLY_MAX,
        'what was found and done, for the citizen',
      ),
    ),
  };
}
