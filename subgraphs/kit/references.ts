import {
  DEPARTMENT_CODE,
  entityKeyOf,
  HOUSEHOLD_ID,
  PERSON_ID,
  SERVICE_ITEM_CODE,
  USCC,
  type IdentifierFormat,
} from './arguments';

/** The key format of each entity type of the graph; a type not listed has no acceptable key. */
export const ENTITY_KEY_FORMATS: Readonly<Record<string, IdentifierFormat>> = {
  Person: PERSON_ID,
  Household: HOUSEHOLD_ID,
  Enterprise: USCC,
  Department: DEPARTMENT_CODE,
  ServiceItem: SERVICE_ITEM_CODE,
};

/**
 * The key of an entity representation (`_entities`, `__resolveReference`), judged as an
 * argument is: `{ [field]: normalized key }`, or null when the key is not one. Null means no
 * such entity; it never fails the other representations of the call.
 */
export function referenceKey<F extends string>(
  ref: Readonly<Record<string, unknown>>,
  field: F,
  format: IdentifierFormat,
): Record<F, string> | null {
  const key = entityKeyOf(Object.hasOwn(ref, field) ? ref[field] : undefined, format);
  return key === null ? null : ({ [field]: key } as Record<F, string>);
}

/** A Person owned elsewhere: every well-formed id resolves, without rows here meaning none. */
export const personReference = (ref: Readonly<Record<string, unknown>>) =>
  referenceKey(ref, 'id', PERSON_ID);
