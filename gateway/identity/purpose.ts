import { IdentityError } from './errors';

/** The purpose a request states, and the case it serves when it names one. */
export interface StatedPurpose {
  /** A code of the purpose catalogue, from `x-purpose`. */
  purpose: string;
  /** The case number (案件编号) from `x-case-number`, or null. */
  caseNumber: string | null;
}

/** Request headers with lowercase names, as node:http gives them. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

const PURPOSE_CODE = /^[a-z][a-z0-9-]{0,63}$/;
const CASE_NUMBER = /^[A-Za-z0-9\-_/]{1,64}$/;

/**
 * Reads the purpose a request states (`x-purpose`) and its optional case number
 * (`x-case-number`). Throws an IdentityError: BAD_USER_INPUT (400) when the purpose is
 * missing or malformed or the case number malformed, FORBIDDEN (403) when the purpose is
 * not in the catalogue.
 */
export function readPurpose(
  headers: RequestHeaders,
  knownPurposes: ReadonlySet<string>,
): StatedPurpose {
  // Only a refusal lists the catalogue: sorting it on every request cost 1 % of the gateway's CPU.
  const catalogue = () => [...knownPurposes].sort().join(', ') || '(the catalogue is empty)';
  const purpose = single(headers, 'x-purpose');
  if (purpose === null) {
    throw new IdentityError(
      'BAD_USER_INPUT',
      `This request states no purpose; send the header 'x-purpose: <code>' with one of: ${catalogue()}.`,
      'purpose-missing',
    );
  }
  if (!PURPOSE_CODE.test(purpose)) {
    throw new IdentityError(
      'BAD_USER_INPUT',
      `The x-purpose header is not a purpose code (lowercase letters, digits and hyphens); send one of: ${catalogue()}.`,
      'purpose-malformed',
    );
  }
  if (!knownPurposes.has(purpose)) {
    throw new IdentityError(
      'FORBIDDEN',
      `Purpose '${purpose}' is not in the purpose catalogue; state one of: ${catalogue()}.`,
      'purpose-unknown',
    );
  }
  const caseNumber = single(headers, 'x-case-number');
  // The case number is not echoed: it may identify a person's case.
  if (caseNumber !== null && !CASE_NUMBER.test(caseNumber)) {
    throw new IdentityError(
      'BAD_USER_INPUT',
      "The x-case-number header must be 1 to 64 letters, digits, '-', '_' or '/'; send the case number as the case file writes it, or leave the header out.",
      'case-number-malformed',
    );
  }
  return { purpose, caseNumber };
}

/** A header's value, trimmed; null when absent or blank. A header sent twice is one value joined by ', ' (node:http). */
function single(headers: RequestHeaders, name: string): string | null {
  const raw = headers[name];
  const value = (typeof raw === 'string' ? raw : raw?.join(', '))?.trim();
  return value ? value : null;
}
