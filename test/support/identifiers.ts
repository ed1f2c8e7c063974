import { base32 } from '../../fixtures/city/scramble';
import { usccCheckChar } from '../../domain/identifiers';

/** A well-formed department code (GB 32100) that no department of the city has. */
export function unknownDepartmentCode(i: number): string {
  const first17 = `11510100MB9${String(i).padStart(6, '0')}`;
  return first17 + usccCheckChar(first17);
}

/** A well-formed person id (P and eight Crockford base32 characters) that no person has. */
export function unknownPersonId(i: number): string {
  return `PZZZZZ${base32(i, 3)}`;
}
