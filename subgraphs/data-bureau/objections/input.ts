import { badInput } from '../../kit';
import { optionalText, requiredText } from '../arguments';

/** The longest reason (the raiser's, or the owner's answer) an objection takes, in characters. */
export const REASON_MAX = 2000;
/** The longest proposed or corrected value, in characters. */
export const VALUE_MAX = 500;

/** Objection ids as the desk issues them. */
const OBJECTION_ID = /^OBJ\d{8}$/;

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
export function objectionIdArg(argument: string, value: string): string {
  if (OBJECTION_ID.test(value)) return value;
  throw badInput(
    argument,
    `${argument} must be an objection id such as OBJ00000042, as raiseObjection returned it.`,
  );
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
        reason: optionalText('input.reason', input.reason, REASON_MAX),
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
        reason: requiredText(
          'input.reason',
          input.reason,
          REASON_MAX,
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
