import { lintCatalogue } from '../../../policies/tooling';
import { badInput } from '../../kit';
import { governance } from '../policies/deployment';
import { grantOf, withGrant } from './grant';
import { rowsArg, sharingCatalogue, type FieldInput } from './input';
import { narrowerFields, type NarrowingWords } from './reply';
import type { StepOutcome } from './steps';
import type { SharingRequestRow } from './store';

/** A provider's narrowing of an approved grant, as given. */
export interface NarrowingInput {
  number: string;
  fields?: FieldInput[] | null;
  rows?: { type: string; field: string; value: string }[] | null;
  reason: string;
}

const FILING_WORDS: NarrowingWords = {
  absent: (c) =>
    `${c} is not in the approved grant: a filing narrows it and adds nothing (a wider scope is a new request).`,
  masked: (c) => `${c} is approved masked: a filing cannot open it in full.`,
  same: 'These are the approved fields: a filing names fewer or masks some (or adds rows only).',
};

/**
 * The provider narrows an approved grant (fewer or masked fields, further row conditions) and
 * files the change with the data authority (备案): the narrowed grant in an urgent revision
 * (contexts signed under the wider one are refused), and a `file-narrowing` event the
 * authority sees in the request's timeline. Nothing wider: no field not approved, none back
 * in full, no row condition changed or dropped, none the catalogue does not state (art. 15).
 */
export function decideNarrowing(
  official: { id: string },
  request: SharingRequestRow,
  input: NarrowingInput,
  reason: string,
): StepOutcome {
  const approved = request.approvedFields!;
  const fields = input.fields?.length
    ? narrowerFields(request, approved, input.fields, FILING_WORDS)
    : approved;
  const added = rowsArg(input.rows ?? [], governance.classification);
  const rows: Record<string, Record<string, string>> = { ...request.rows };
  for (const [type, conditions] of Object.entries(added)) {
    for (const [field, value] of Object.entries(conditions)) {
      const current = request.rows[type]?.[field];
      if (current !== undefined) {
        throw badInput(
          'input.rows',
          `${type}.${field} already limits the grant's rows to ${current}: a filing adds conditions and changes none.`,
        );
      }
      rows[type] = { ...rows[type], [field]: value };
    }
  }
  if (!input.fields?.length && Object.keys(added).length === 0) {
    throw badInput(
      'input',
      'A filing narrows the grant: name fewer or masked fields (input.fields) or further row conditions (input.rows).',
    );
  }
  const grant = grantOf({ ...request, rows }, fields);
  const refused = lintCatalogue(
    { purposes: [], grants: [grant] },
    governance.classification,
    sharingCatalogue(),
  ).find((f) => f.grantId === grant.id);
  if (refused) throw badInput('input.rows', refused.message);
  return {
    patch: { approvedFields: fields, rows },
    detail: {
      filedWith: 'data-authority',
      reason,
      grant: grant.id,
      fields,
      addedRows: added,
      before: { fields: approved, rows: request.rows },
    },
    revise: {
      change: (current) => withGrant(current, grant),
      input: {
        cause: 'sharing-request',
        author: official.id,
        note: `narrowing of ${request.number} filed: ${reason}`.slice(0, 500),
        urgent: true,
      },
    },
  };
}
