import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../contracts/errors';
import type { Access, Classification } from '../../../policies';
import { loadCatalogue, type SharingCatalogue } from '../../../policies/tooling';
import { badInput, identifierArg, identifierFormat, withoutPersonalIdentifiers } from '../../kit';
import { CONSUMER_NAME, COORDINATE, knownNameArg, requiredText } from '../arguments';
import { today } from './clock';

/** The longest free text a request takes (scenario, scope, reasons), in characters. */
export const TEXT_MAX = 2000;

export const SHARING_REQUEST = identifierFormat(
  /^SHR[0-9]{8}$/,
  'a sharing request number such as SHR00000042, as submitSharingRequest returned it',
);

export type Method = 'INTERFACE' | 'BATCH' | 'FILE';

export interface FieldInput {
  coordinate: string;
  access: 'FULL' | 'MASKED';
}

/** What an application states (art. 20), as given and as stored. */
export interface Application {
  provider: string;
  purpose: string;
  /** 使用依据 */
  legalBasis: string;
  /** 使用场景 */
  scenario: string;
  /** 使用范围 */
  scope: string;
  /** 共享方式 */
  method: Method;
  /** 使用时限: the last day of use. */
  periodEnd: string;
  /** The agency head's consent, by document number. */
  consent: string;
}

export interface SubmitInput extends Application {
  consumerRole?: string | null;
  fields: FieldInput[];
  rows?: { type: string; field: string; value: string }[] | null;
  personsPerOfficial?: number | null;
}

/** A requested (or approved) field, checked. */
export interface RequestedField {
  coordinate: string;
  access: Access;
}

/** What a new request stores. */
export interface CheckedSubmission extends Application {
  consumerRole: string | null;
  fields: RequestedField[];
  rows: Record<string, Record<string, string>>;
  personsPerOfficial: number | null;
  sharingClass: 'UNCONDITIONAL' | 'CONDITIONAL';
}

/** A request number argument. */
export function requestNumberArg(value: unknown, argument = 'number'): string {
  return identifierArg(argument, value, SHARING_REQUEST);
}

/** A free text that must be given and holds no person's identifiers. */
export function reasonArg(
  argument: string,
  value: string | null | undefined,
  what: string,
  max = TEXT_MAX,
) {
  return withoutPersonalIdentifiers(argument, requiredText(argument, value, max, what));
}

/** The longest legal basis and consent, as the table stores them (004_sharing_requests.sql). */
const LEGAL_BASIS_MAX = 500;
const CONSENT_MAX = 200;

/**
 * Fields of `provider` a request may ask for: each must exist, belong to the provider, and
 * not be NONE (不予共享, art. 15: such data is not shared, whatever the request says).
 */
export function fieldsArg(
  argument: string,
  fields: readonly FieldInput[] | null | undefined,
  provider: string,
  classification: Classification,
): RequestedField[] {
  if (!fields || fields.length === 0) {
    throw badInput(argument, `${argument} is empty: list the fields asked for, as Type.field.`);
  }
  const seen = new Set<string>();
  return fields.map((f, i) => {
    const coordinate = identifierArg(`${argument}[${i}].coordinate`, f.coordinate, COORDINATE);
    const label = classification.get(coordinate);
    if (!label) throw badInput(`${argument}[${i}]`, `${coordinate} is not a field of the graph.`);
    if (label.owner !== provider) {
      throw badInput(
        `${argument}[${i}]`,
        `${coordinate} belongs to ${label.owner ?? 'no department'}, not ${provider}: ask its owner in a request of its own.`,
      );
    }
    if (label.sharing === 'NONE') {
      throw new GraphQLError(
        `${coordinate} is classified NONE (不予共享): it is not shared outside ${provider} (《政务数据共享条例》 art. 15).`,
        { extensions: { code: ErrorCode.FORBIDDEN, argument: `${argument}[${i}]` } },
      );
    }
    if (seen.has(coordinate)) throw badInput(`${argument}[${i}]`, `${coordinate} is listed twice.`);
    seen.add(coordinate);
    return { coordinate, access: f.access === 'MASKED' ? 'masked' : 'full' };
  });
}

/** A submission, checked against the graph and the purpose catalogue. */
export function submissionArg(
  input: SubmitInput,
  classification: Classification,
  purposes: readonly string[],
  now: Date,
): CheckedSubmission {
  const owners = new Set([...classification.values()].flatMap((l) => l.owner ?? []));
  const provider = knownNameArg('input.provider', input.provider, 'a department', owners)!;
  const fields = fieldsArg('input.fields', input.fields, provider, classification);
  const periodEnd = String(input.periodEnd ?? '');
  if (!isCalendarDay(periodEnd)) {
    throw badInput(
      'input.periodEnd',
      'input.periodEnd must be the last day of use, e.g. 2027-06-30.',
    );
  }
  if (periodEnd < today(now)) {
    throw badInput(
      'input.periodEnd',
      `input.periodEnd ${periodEnd} has passed: give a day to come.`,
    );
  }
  const quota = input.personsPerOfficial ?? null;
  if (quota !== null && (!Number.isInteger(quota) || quota < 1)) {
    throw badInput(
      'input.personsPerOfficial',
      'input.personsPerOfficial must be a whole number above 0.',
    );
  }
  return {
    provider,
    consumerRole:
      input.consumerRole == null
        ? null
        : identifierArg('input.consumerRole', input.consumerRole, CONSUMER_NAME),
    purpose: knownNameArg(
      'input.purpose',
      input.purpose,
      'a purpose code of the catalogue',
      purposes,
    )!,
    legalBasis: reasonArg(
      'input.legalBasis',
      input.legalBasis,
      '使用依据: the law behind the use',
      LEGAL_BASIS_MAX,
    ),
    scenario: reasonArg('input.scenario', input.scenario, '使用场景: what the data is used for'),
    scope: reasonArg('input.scope', input.scope, '使用范围: who and what the use covers'),
    method: input.method,
    periodEnd,
    consent: reasonArg(
      'input.consent',
      input.consent,
      "the agency head's consent, by document number",
      CONSENT_MAX,
    ),
    fields,
    rows: submissionRows(input.rows ?? [], provider, fields, classification),
    personsPerOfficial: quota,
    sharingClass: fields.some((f) => classification.get(f.coordinate)!.sharing === 'CONDITIONAL')
      ? 'CONDITIONAL'
      : 'UNCONDITIONAL',
  };
}

/** An ISO date naming a day of the calendar: '2027-02-30' parses in JavaScript but is not one. */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** Operation types: no rows to limit. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** The values a row condition may take besides a literal: placeholders every official has. */
const OFFICIAL_PLACEHOLDERS = ['$jurisdiction', '$department'];

/**
 * Rows only narrow (art. 15): each condition is on a type the request asks fields of, by a
 * field the catalogue states for the provider, with a literal or a placeholder an official
 * has; and once rows are given, every type asked is limited, so none stays open city-wide
 * beside a limited one.
 */
function submissionRows(
  rows: readonly { type: string; field: string; value: string }[],
  provider: string,
  fields: readonly RequestedField[],
  classification: Classification,
) {
  const asked = new Set(fields.map((f) => f.coordinate.split('.')[0]!));
  const allowed = sharingCatalogue().departments[provider]?.rows ?? [];
  const out: Record<string, Record<string, string>> = {};
  rows.forEach((r, i) => {
    const argument = `input.rows[${i}]`;
    const { type, field, value } = rowCondition(r, argument, classification);
    if (!asked.has(type))
      throw badInput(argument, `${type} rows limit nothing: the request asks no field of ${type}.`);
    if (!allowed.includes(field))
      throw badInput(
        argument,
        `The catalogue limits ${provider}'s rows only by ${allowed.join(', ') || 'nothing'} (art. 15).`,
      );
    out[type] = { ...out[type], [field]: value };
  });
  // The root types hold no rows: their fields lead to the types the rows limit.
  const open = [...asked].filter(
    (type) => rows.length > 0 && !ROOT_TYPES.has(type) && !(type in out),
  );
  if (open.length > 0)
    throw badInput(
      'input.rows',
      `The rows limit some types but not ${open.join(', ')}: limit every type asked, or none.`,
    );
  return out;
}

/**
 * One row condition as given: a field of the graph, and a literal (no person's identifier) or
 * a placeholder every official has.
 */
function rowCondition(
  r: { type: string; field: string; value: string },
  argument: string,
  classification: Classification,
) {
  const coordinate = identifierArg(argument, `${r.type}.${r.field}`, COORDINATE);
  const [type, field] = coordinate.split('.') as [string, string];
  if (!classification.has(coordinate))
    throw badInput(argument, `${coordinate} is not a field of the graph.`);
  const value = withoutPersonalIdentifiers(
    `${argument}.value`,
    requiredText(`${argument}.value`, r.value, 100, 'the value rows must have'),
  );
  if (value.startsWith('$') && !OFFICIAL_PLACEHOLDERS.includes(value))
    throw badInput(
      `${argument}.value`,
      `A row value is a literal, ${OFFICIAL_PLACEHOLDERS.join(' or ')}.`,
    );
  return { type, field, value };
}

/** Row conditions as given (`input.rows`), by type and field, each checked as rowCondition. */
export function rowsArg(
  rows: readonly { type: string; field: string; value: string }[],
  classification: Classification,
) {
  const out: Record<string, Record<string, string>> = {};
  rows.forEach((r, i) => {
    const { type, field, value } = rowCondition(r, `input.rows[${i}]`, classification);
    out[type] = { ...out[type], [field]: value };
  });
  return out;
}

let catalogue: SharingCatalogue | undefined;
/** The sharing catalogue (policies/catalogue.yaml), read once per process. */
export function sharingCatalogue(): SharingCatalogue {
  catalogue ??= loadCatalogue();
  return catalogue;
}
