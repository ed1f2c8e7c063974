import { isCitizenGrant, type Access, type Grant } from './policy-set';
import type { Classification, FieldLabel } from './types';

/** A field a grant actually opens, after the rules every grant is held to. */
export interface Opening {
  readonly type: string;
  readonly field: string;
  readonly coordinate: string;
  readonly access: Access;
  readonly label: FieldLabel;
}

/** A field a grant names but may not open, and why. */
export interface Refusal {
  readonly coordinate: string;
  readonly why: string;
}

const indexes = new WeakMap<Classification, ReadonlyMap<string, readonly string[]>>();

/** Type name → its field names, in classification order. */
export function fieldsByType(
  classification: Classification,
): ReadonlyMap<string, readonly string[]> {
  let index = indexes.get(classification);
  if (!index) {
    const built = new Map<string, string[]>();
    for (const coordinate of classification.keys()) {
      const [type, field] = splitCoordinate(coordinate);
      built.set(type, [...(built.get(type) ?? []), field]);
    }
    index = built;
    indexes.set(classification, index);
  }
  return index;
}

/** 'Person.name' → ['Person', 'name']. */
export function splitCoordinate(coordinate: string): [string, string] {
  const dot = coordinate.indexOf('.');
  return [coordinate.slice(0, dot), coordinate.slice(dot + 1)];
}

/**
 * The fields a grant opens: '*' expands to the type's fields the provider owns (an explicit
 * entry wins over '*'), and a field is refused when it is unknown, owned by another
 * department (only the owner grants its fields), NONE while the consumer is not the owner's
 * own official, or SENSITIVE while the grant states no legal basis or expiry date.
 */
export function grantOpenings(
  grant: Grant,
  classification: Classification,
): { opened: Opening[]; refused: Refusal[] } {
  const opened: Opening[] = [];
  const refused: Refusal[] = [];
  const ownOfficials =
    !isCitizenGrant(grant.consumer) && grant.consumer.department === grant.provider;
  for (const [type, entries] of Object.entries(grant.fields)) {
    const wildcard = entries['*'];
    const named = Object.entries(entries).filter(([field]) => field !== '*');
    const expanded = wildcard
      ? (fieldsByType(classification).get(type) ?? [])
          .filter((field) => classification.get(`${type}.${field}`)?.owner === grant.provider)
          .filter((field) => !(field in entries))
          .map((field): [string, Access] => [field, wildcard])
      : [];
    for (const [field, access] of [...expanded, ...named]) {
      const coordinate = `${type}.${field}`;
      const label = classification.get(coordinate);
      if (!label) {
        refused.push({ coordinate, why: 'is not a field of the graph' });
        continue;
      }
      const why = refusal(grant, label, ownOfficials);
      if (why) refused.push({ coordinate, why });
      else opened.push({ type, field, coordinate, access, label });
    }
  }
  return { opened, refused };
}

function refusal(grant: Grant, label: FieldLabel, ownOfficials: boolean): string | null {
  if (label.owner === null) {
    return 'has no owner in the supergraph (no subgraph resolves it there), so no grant can open it';
  }
  if (label.owner !== grant.provider) {
    return `is owned by ${label.owner}, and only the owner grants its fields`;
  }
  if (label.sharing === 'NONE' && !ownOfficials) {
    return `is NONE (不予共享) and never leaves ${label.owner}`;
  }
  if (label.pi === 'SENSITIVE' && (!grant.legalBasis || !grant.expires)) {
    return 'is sensitive personal information and the grant states no legalBasis and expires';
  }
  return null;
}
