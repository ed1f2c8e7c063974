import { badInput, identifierArg, identifierFormat, withoutPersonalIdentifiers } from '../../kit';
import { optionalText, requiredText } from '../arguments';

/** The longest reason (the raiser's, or the owner's answer) an objection takes, in characters. */
export const REASON_MAX = 2000;
/** The longest proposed or corrected value, in characters. */
export const VALUE_MAX = 500;

/** Objection ids as the desk issues them. */
const OBJECTION_ID = identifierFormat(
  /^OBJ[0-9]{8}$/,
  'an objection id such as OBJ00000042, as raiseObjection returned it',
);

export type Decision = 'ACCEPTED' | 'REJECTED';

export interface RaiseObjectionInput {
  entityType: string;
  entityKey: string;
  coordinate: string;
  reason: string;
  proposedValue?: string | null;
}

export interface AnswerObjectionInput {
  id: string;
  decision: Decision;
  correctedValue?: string | null;
  reason?: string | null;
}

/** What an answer stores, checked. */
export interface Answer {
  id: string;
  decision: Decision;
  correctedValue: string | null;
  reason: string | null;
}

/** An objection id argument, e.g. OBJ00000042. */
export function objectionIdArg(argument: string, value: unknown): string {
  return identifierArg(argument, value, OBJECTION_ID);
}

/** An objection's or an answer's reason: bounded, and never carrying a person's identifiers. */
export function requiredReason(argument: string, value: string | null | undefined, what: string) {
  return withoutPersonalIdentifiers(argument, requiredText(argument, value, REASON_MAX, what));
}

/** An optional reason: blank is absent; otherwise as requiredReason. */
export function optionalReason(argument: string, value: string | null | undefined) {
  const text = optionalText(argument, value, REASON_MAX);
  return text === null ? null : withoutPersonalIdentifiers(argument, text);
}

/**
 * An answer, checked: ACCEPTED carries the corrected value (the owner's system holds it now);
 * REJECTED carries the reason and no corrected value.
 */
export function answerArg(input: AnswerObjectionInput): Answer {
  const id = objectionIdArg('input.id', input.id);
  switch (input.decision) {
    case 'ACCEPTED':
      return {
        id,
        decision: input.decision,
        correctedValue: requiredText(
          'input.correctedValue',
          input.correctedValue,
          VALUE_MAX,
          'an accepted objection gives the value as corrected in your system',
        ),
        reason: optionalReason('input.reason', input.reason),
      };
    case 'REJECTED':
      if (optionalText('input.correctedValue', input.correctedValue, VALUE_MAX) !== null) {
        throw badInput(
          'input.correctedValue',
          'input.correctedValue is for ACCEPTED answers only: a rejected objection leaves the value as it is.',
        );
      }
      return {
        id,
        decision: input.decision,
        correctedValue: null,
        reason: requiredReason(
          'input.reason',
          input.reason,
          'a rejected objection says why the value is right',
        ),
      };
    default: {
      const unknown: never = input.decision;
      throw badInput(
        'input.decision',
        `input.decision must be ACCEPTED or REJECTED; got ${String(unknown)}.`,
      );
    }
  }
}
