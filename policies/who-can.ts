import { grantOpenings } from './openings';
import type { Access, GrantConsumer, PolicySet, RowConditions } from './policy-set';
import type { Classification } from './types';

/** One way a field can be read: a grant, or the built-in rule for UNCONDITIONAL fields. */
export interface Reader {
  /** The grant's consumer clause; `{ anyone: true }` for UNCONDITIONAL fields. */
  readonly consumer: GrantConsumer | { readonly anyone: true };
  /** The purposes it serves; ['*'] (any purpose) for UNCONDITIONAL fields. */
  readonly purposes: readonly string[];
  readonly effect: Access;
  /** Row conditions on the field's type, placeholders as written; null when none. */
  readonly conditions: RowConditions | null;
  /** null for UNCONDITIONAL fields. */
  readonly grantId: string | null;
  readonly expires: string | null;
}

/**
 * Who could read a field ('Type.field'), under which grant: the auditor's question. Lists
 * every grant that opens the field (expired ones included, with their date), after the rules
 * every grant is held to (owner only, NONE only to the owner, sensitive needs a legal basis).
 */
export function whoCanRead(
  policies: PolicySet,
  classification: Classification,
  coordinate: string,
): Reader[] {
  const readers: Reader[] = [];
  if (classification.get(coordinate)?.sharing === 'UNCONDITIONAL') {
    readers.push({
      consumer: { anyone: true },
      purposes: ['*'],
      effect: 'full',
      conditions: null,
      grantId: null,
      expires: null,
    });
  }
  for (const grant of policies.grants) {
    const opening = grantOpenings(grant, classification).opened.find(
      (o) => o.coordinate === coordinate,
    );
    if (!opening) continue;
    readers.push({
      consumer: grant.consumer,
      purposes: grant.purposes,
      effect: opening.access,
      conditions: grant.rows?.[opening.type] ?? null,
      grantId: grant.id,
      expires: grant.expires ?? null,
    });
  }
  return readers;
}
