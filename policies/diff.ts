import type { Grant, PolicySet } from './policy-set';

/** One difference between two policy sets: something opened, closed, or changed in place. */
export interface PolicyChange {
  readonly change: 'opened' | 'closed' | 'changed';
  /** The grant concerned; null for the purpose catalogue. */
  readonly grant: string | null;
  /** 'field Person.idNumber', 'purpose tax-audit', 'rows Person', 'consumer', 'catalogue purpose x'. */
  readonly what: string;
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * What `to` opens or closes compared with `from`: catalogue purposes, and per grant its
 * fields (full or masked: a change of mask is 'changed'), purposes, row conditions and consumer.
 * A grant that appears or disappears opens or closes each of its entries.
 */
export function diffPolicies(from: PolicySet, to: PolicySet): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const compare = (
    grant: string | null,
    before: Map<string, string>,
    after: Map<string, string>,
  ) => {
    for (const [what, value] of before) {
      const next = after.get(what);
      if (next === undefined)
        changes.push({ change: 'closed', grant, what, from: value, to: null });
      else if (next !== value)
        changes.push({ change: 'changed', grant, what, from: value, to: next });
    }
    for (const [what, value] of after) {
      if (!before.has(what)) changes.push({ change: 'opened', grant, what, from: null, to: value });
    }
  };
  compare(
    null,
    new Map(from.purposes.map((p) => [`catalogue purpose ${p.code}`, p.legalBasis])),
    new Map(to.purposes.map((p) => [`catalogue purpose ${p.code}`, p.legalBasis])),
  );
  const grants = (set: PolicySet) => new Map(set.grants.map((g) => [g.id, g]));
  const before = grants(from);
  const after = grants(to);
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    compare(id, entries(before.get(id)), entries(after.get(id)));
  }
  return changes;
}

function entries(grant: Grant | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!grant) return map;
  map.set('consumer', JSON.stringify(grant.consumer));
  for (const purpose of grant.purposes) map.set(`purpose ${purpose}`, 'listed');
  for (const [type, fields] of Object.entries(grant.fields)) {
    for (const [field, access] of Object.entries(fields)) map.set(`field ${type}.${field}`, access);
  }
  for (const [type, conditions] of Object.entries(grant.rows ?? {})) {
    map.set(`rows ${type}`, JSON.stringify(conditions));
  }
  if (grant.expires) map.set('expires', grant.expires);
  return map;
}
