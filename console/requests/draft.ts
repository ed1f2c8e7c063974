import { z } from 'zod';
import { lines } from './forms';

/** What a new request form holds: SubmitSharingRequestInput, as text. */
export interface Draft {
  provider: string;
  consumerRole: string;
  purpose: string;
  legalBasis: string;
  scenario: string;
  scope: string;
  method: string;
  periodEnd: string;
  consent: string;
  /** One 'Type.field FULL|MASKED' a line. */
  fields: string;
  /** One 'Type.field = value' a line. */
  rows: string;
  personsPerOfficial: string;
}

const EMPTY: Draft = {
  provider: '',
  consumerRole: '',
  purpose: '',
  legalBasis: '',
  scenario: '',
  scope: '',
  method: 'INTERFACE',
  periodEnd: '',
  consent: '',
  fields: '',
  rows: '',
  personsPerOfficial: '',
};

const short = z.string().max(2000);
/** The pre-filled request a FORBIDDEN error carries (extensions.sharingRequests[].input). */
const prefilled = z
  .object({
    provider: short,
    consumerRole: short,
    purpose: short,
    legalBasis: short,
    scenario: short,
    scope: short,
    method: short,
    periodEnd: short,
    consent: short,
    fields: z.array(z.object({ coordinate: short, access: short })).max(100),
    rows: z.array(z.object({ type: short, field: short, value: short })).max(50),
    personsPerOfficial: z.number().int().nullable(),
  })
  .partial();

/**
 * A new request's form from the query string: `input` holds the JSON of a denial's
 * pre-filled request (extensions.sharingRequests[].input); anything else starts empty.
 */
export function draftFromQuery(params: URLSearchParams): Draft {
  const raw = params.get('input');
  if (!raw) return EMPTY;
  let parsed: z.infer<typeof prefilled>;
  try {
    parsed = prefilled.parse(JSON.parse(raw));
  } catch {
    throw new RangeError(
      'The pre-filled request (input) is not the JSON of a SubmitSharingRequestInput.',
    );
  }
  const { fields, rows, personsPerOfficial, ...texts } = parsed;
  return {
    ...EMPTY,
    ...texts,
    fields: (fields ?? []).map((f) => `${f.coordinate} ${f.access}`).join('\n'),
    rows: (rows ?? []).map((r) => `${r.type}.${r.field} = ${r.value}`).join('\n'),
    personsPerOfficial: personsPerOfficial == null ? '' : String(personsPerOfficial),
  };
}

/** The posted form as text, to show it again. */
export function draftFromForm(form: URLSearchParams): Draft {
  const draft = { ...EMPTY };
  for (const key of Object.keys(EMPTY) as (keyof Draft)[]) draft[key] = form.get(key)?.trim() ?? '';
  return draft;
}

/** SubmitSharingRequestInput from the form; RangeError for a line it cannot read. */
export function submission(draft: Draft) {
  const fields = lines(draft.fields).map((line) => {
    const match = /^([A-Za-z_][\w]*\.[A-Za-z_][\w]*)\s+(FULL|MASKED)$/.exec(line);
    if (!match)
      throw new RangeError(`Fields: one 'Type.field FULL' or 'Type.field MASKED' a line.`);
    return { coordinate: match[1]!, access: match[2]! };
  });
  const rows = lines(draft.rows).map((line) => {
    const match = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*=\s*(\S.*)$/.exec(line);
    if (!match) throw new RangeError(`Rows: one 'Type.field = value' a line.`);
    return { type: match[1]!, field: match[2]!, value: match[3]!.trim() };
  });
  if (draft.personsPerOfficial && !/^\d{1,6}$/.test(draft.personsPerOfficial))
    throw new RangeError('Persons per official: a whole number.');
  return {
    provider: draft.provider,
    ...(draft.consumerRole && { consumerRole: draft.consumerRole }),
    purpose: draft.purpose,
    legalBasis: draft.legalBasis,
    scenario: draft.scenario,
    scope: draft.scope,
    method: draft.method,
    periodEnd: draft.periodEnd,
    consent: draft.consent,
    fields,
    ...(rows.length && { rows }),
    ...(draft.personsPerOfficial && { personsPerOfficial: Number(draft.personsPerOfficial) }),
  };
}
