import { SHARING_REQUEST } from '../sharing/input';
import { MAX_HOLD_REASON, MONTH, type HoldTarget, type RecordSearch } from '../../../records';
import {
  badInput,
  identifierFormat,
  optionalIdentifierArg,
  PERSON_ID,
  withoutPersonalIdentifiers,
  type IdentifierFormat,
} from '../../kit';
import { CONSUMER_NAME, COORDINATE, requiredText } from '../arguments';

/** The largest page of access records one request may ask for. */
export const MAX_RECORDS_PAGE = 200;
/** The page size when none is given. */
export const DEFAULT_RECORDS_PAGE = 50;

export interface FilterInput {
  consumerId?: string | null;
  department?: string | null;
  calledDepartment?: string | null;
  purpose?: string | null;
  field?: string | null;
  personId?: string | null;
  caseNumber?: string | null;
  request?: string | null;
  from?: string | null;
  to?: string | null;
  outcome?: 'SERVED' | 'REFUSED' | 'FAILED' | null;
  policyRevision?: number | null;
}

export interface HoldInput {
  recordId?: string | null;
  caseNumber?: string | null;
  hiddenUntil: string;
  reason: string;
}

const NAME = identifierFormat(/^[A-Za-z0-9._:-]{1,64}$/, 'an account id');
/** As the gateway takes it in x-case-number. */
const CASE_NUMBER = identifierFormat(
  /^[A-Za-z0-9\-_/]{1,64}$/,
  "a case number of 1 to 64 letters, digits, '-', '_' or '/'",
);
const RECORD_ID = identifierFormat(
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  "an access record's id (a lowercase UUID)",
);
const STREAM_ID = identifierFormat(/^[A-Za-z0-9._:-]{1,64}$/, 'a writer stream id');
const MONTH_FORMAT = identifierFormat(MONTH, 'a month, YYYY-MM');
const PURPOSE_CODE = identifierFormat(/^[a-z][a-z0-9-]{0,63}$/, 'a purpose code');
/** An `after` token as a previous page returned it (base64url). */
const CURSOR = identifierFormat(/^[A-Za-z0-9_-]{1,200}$/, "the 'next' of a previous page");

/** An auditor's filter, checked field by field; each problem names the field. */
export function filterArg(filter: FilterInput | null | undefined): Omit<RecordSearch, 'limit'> {
  const f = filter ?? {};
  const from = timeArg('filter.from', f.from);
  const to = timeArg('filter.to', f.to);
  if (from && to && from >= to) throw badInput('filter', 'filter.from must be before filter.to.');
  return {
    consumerId: patternArg('filter.consumerId', f.consumerId, NAME),
    department: patternArg('filter.department', f.department, CONSUMER_NAME),
    calledDepartment: patternArg('filter.calledDepartment', f.calledDepartment, CONSUMER_NAME),
    purpose: patternArg('filter.purpose', f.purpose, PURPOSE_CODE),
    coordinate: patternArg('filter.field', f.field, COORDINATE),
    personId: patternArg('filter.personId', f.personId, PERSON_ID),
    caseNumber: caseNumberArg('filter.caseNumber', f.caseNumber),
    request: patternArg('filter.request', f.request, SHARING_REQUEST),
    from,
    to,
    outcome: f.outcome?.toLowerCase(),
    policyRevision: revisionArg(f.policyRevision),
  };
}

function revisionArg(revision: number | null | undefined): number | undefined {
  if (revision === null || revision === undefined) return undefined;
  if (revision < 0) throw badInput('filter.policyRevision', 'A policy revision is 0 or more.');
  return revision;
}

/** `first` (1 to MAX_RECORDS_PAGE) and `after`, as the record search takes them. */
export function pageArgs(args: { first?: number | null; after?: string | null }): {
  limit: number;
  after?: string;
} {
  const limit = args.first ?? DEFAULT_RECORDS_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RECORDS_PAGE) {
    throw badInput('first', `first must be between 1 and ${MAX_RECORDS_PAGE}; got ${limit}.`);
  }
  const after = patternArg('after', args.after, CURSOR);
  return { limit, ...(after !== undefined && { after }) };
}

/** An optional writer stream id. */
export function streamIdArg(value: string | null | undefined): string | undefined {
  return patternArg('streamId', value, STREAM_ID);
}

/** An optional month to verify, YYYY-MM (UTC). */
export function monthArg(value: string | null | undefined): string | undefined {
  return patternArg('month', value, MONTH_FORMAT);
}

/** An optional case number, as the gateway takes it in x-case-number. */
export function caseNumberArg(argument: string, value: unknown): string | undefined {
  return patternArg(argument, value, CASE_NUMBER);
}

/** A hold: exactly one of recordId and caseNumber, a future time and a reason. */
export function holdArg(input: HoldInput): HoldTarget & { hiddenUntil: Date; reason: string } {
  const recordId = patternArg('input.recordId', input.recordId, RECORD_ID);
  const caseNumber = caseNumberArg('input.caseNumber', input.caseNumber);
  if ((recordId === undefined) === (caseNumber === undefined)) {
    throw badInput('input', 'Give exactly one of input.recordId and input.caseNumber.');
  }
  const hiddenUntil = new Date(timeArg('input.hiddenUntil', input.hiddenUntil)!);
  const reason = withoutPersonalIdentifiers(
    'input.reason',
    requiredText('input.reason', input.reason, MAX_HOLD_REASON, 'why the records are held back'),
  );
  const target = recordId !== undefined ? { recordId } : { caseNumber: caseNumber! };
  return { ...target, hiddenUntil, reason };
}

// Normalized, then matched; the value is not repeated (a person id or case number has no
// place in an error message).
function patternArg(
  argument: string,
  value: unknown,
  format: IdentifierFormat,
): string | undefined {
  return optionalIdentifierArg(argument, value, format) ?? undefined;
}

const ISO_TIME = identifierFormat(
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:[0-9]{2}))?$/,
  'an ISO 8601 time such as 2026-11-24T08:00:00Z',
);

/** An optional ISO 8601 time argument, as UTC ISO text. */
export function timeArg(argument: string, value: unknown): string | undefined {
  const text = patternArg(argument, value, ISO_TIME);
  if (text === undefined) return undefined;
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    throw badInput(argument, `${argument} must be an ISO 8601 time such as 2026-11-24T08:00:00Z.`);
  }
  return new Date(time).toISOString();
}
