import { MAX_HOLD_REASON, type HoldTarget, type RecordSearch } from '../../../gateway/records';
import { badInput } from '../../kit';
import { COORDINATE, requiredText } from '../arguments';

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
  from?: string | null;
  to?: string | null;
}

export interface HoldInput {
  recordId?: string | null;
  caseNumber?: string | null;
  hiddenUntil: string;
  reason: string;
}

const NAME = /^[A-Za-z0-9._:-]{1,64}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CASE_NUMBER = /^[\p{L}\p{N}._:/-]{1,64}$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An auditor's filter, checked field by field; each problem names the field. */
export function filterArg(filter: FilterInput | null | undefined): Omit<RecordSearch, 'limit'> {
  const f = filter ?? {};
  const from = timeArg('filter.from', f.from);
  const to = timeArg('filter.to', f.to);
  if (from && to && from >= to) throw badInput('filter', 'filter.from must be before filter.to.');
  return {
    consumerId: patternArg('filter.consumerId', f.consumerId, NAME, 'an account id'),
    department: patternArg('filter.department', f.department, NAME, 'a subgraph name'),
    calledDepartment: patternArg(
      'filter.calledDepartment',
      f.calledDepartment,
      NAME,
      'a subgraph name',
    ),
    purpose: patternArg('filter.purpose', f.purpose, NAME, 'a purpose code'),
    coordinate: patternArg('filter.field', f.field, COORDINATE, 'a field as Type.field'),
    personId: patternArg('filter.personId', f.personId, PERSON_ID, "a person's id"),
    caseNumber: patternArg('filter.caseNumber', f.caseNumber, CASE_NUMBER, 'a case number'),
    from,
    to,
  };
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
  return { limit, ...(args.after != null && { after: args.after }) };
}

/** An optional writer stream id. */
export function streamIdArg(value: string | null | undefined): string | undefined {
  return patternArg('streamId', value, NAME, 'a writer stream id');
}

/** A hold: exactly one of recordId and caseNumber, a future time and a reason. */
export function holdArg(input: HoldInput): HoldTarget & { hiddenUntil: Date; reason: string } {
  const recordId = patternArg('input.recordId', input.recordId, UUID, "an access record's id");
  const caseNumber = patternArg('input.caseNumber', input.caseNumber, CASE_NUMBER, 'a case number');
  if ((recordId === undefined) === (caseNumber === undefined)) {
    throw badInput('input', 'Give exactly one of input.recordId and input.caseNumber.');
  }
  const hiddenUntil = new Date(timeArg('input.hiddenUntil', input.hiddenUntil)!);
  const reason = requiredText(
    'input.reason',
    input.reason,
    MAX_HOLD_REASON,
    'why the records are held back',
  );
  const target = recordId !== undefined ? { recordId } : { caseNumber: caseNumber! };
  return { ...target, hiddenUntil, reason };
}

function patternArg(
  argument: string,
  value: string | null | undefined,
  pattern: RegExp,
  what: string,
): string | undefined {
  if (value == null) return undefined;
  // The value is not repeated: a person id or case number has no place in an error message.
  if (!pattern.test(value)) throw badInput(argument, `${argument} must be ${what}.`);
  return value;
}

function timeArg(argument: string, value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw badInput(argument, `${argument} must be an ISO 8601 time such as 2026-11-24T08:00:00Z.`);
  }
  return new Date(time).toISOString();
}
