import { badInput, identifierArg, identifierFormat } from '../../kit';
import { optionalText } from '../arguments';
import { optionalReason, requiredReason } from '../objections/input';
import type { IncidentStatus } from './inbox';

const INCIDENT_ID = identifierFormat(/^INC[0-9]{8}$/, 'an incident id such as INC00000042');
const ACCOUNT_ID = identifierFormat(
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
  "an official's account id such as demo-caseworker",
);

/** An incident id argument, e.g. INC00000042. */
export function incidentIdArg(argument: string, value: unknown): string {
  return identifierArg(argument, value, INCIDENT_ID);
}

/** An official's account id argument (officialId, assignee). */
export function accountIdArg(argument: string, value: unknown): string {
  return identifierArg(argument, value, ACCOUNT_ID);
}

/** From which statuses each status may be reached: the inbox's workflow. */
export const MOVES: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  NEW: [],
  TRIAGED: ['NEW'],
  CONFIRMED: ['NEW', 'TRIAGED'],
  DISMISSED: ['NEW', 'TRIAGED'],
  CLOSED: ['CONFIRMED', 'DISMISSED'],
};

/** A move, checked: a decision (CONFIRMED, DISMISSED) says why; NEW is where incidents start. */
export function moveArg(input: { id: unknown; to: IncidentStatus; reason?: string | null }) {
  const id = incidentIdArg('input.id', input.id);
  if (MOVES[input.to].length === 0) {
    throw badInput('input.to', 'input.to cannot be NEW: incidents start there.');
  }
  const decides = input.to === 'CONFIRMED' || input.to === 'DISMISSED';
  const reason = decides
    ? requiredReason(
        'input.reason',
        input.reason,
        `say why the incident is ${input.to.toLowerCase()}`,
      )
    : optionalReason('input.reason', input.reason);
  return { id, to: input.to, reason };
}

/** A comment's text: bounded, without personal identifiers. */
export function commentArg(value: string | null | undefined): string {
  return requiredReason('input.text', value, 'the comment');
}

/** An optional free text as the inputs here take them (a rating's comment). */
export function optionalComment(argument: string, value: string | null | undefined, max: number) {
  const text = optionalText(argument, value, max);
  return text === null ? null : requiredReason(argument, text, 'the comment');
}
