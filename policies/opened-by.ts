import { grantOpenings } from './openings';
import type { PolicySet } from './policy-set';
import type { Classification } from './types';

/** A grant that opens a field, with the purposes it lists. */
export interface Opener {
  readonly grantId: string;
  readonly purposes: readonly string[];
}

/** Coordinate → the grants that open it for some consumer under some purpose. */
export type OpenedByIndex = ReadonlyMap<string, readonly Opener[]>;

/** Indexes which grants open which field (after the rules every grant is held to). */
export function openedByIndex(policies: PolicySet, classification: Classification): OpenedByIndex {
  const index = new Map<string, Opener[]>();
  for (const grant of policies.grants) {
    for (const { coordinate } of grantOpenings(grant, classification).opened) {
      const openers = index.get(coordinate) ?? [];
      if (!openers.some((o) => o.grantId === grant.id)) {
        openers.push({ grantId: grant.id, purposes: grant.purposes });
      }
      index.set(coordinate, openers);
    }
  }
  return index;
}
