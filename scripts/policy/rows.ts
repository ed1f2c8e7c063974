import type { PolicySet, RowConditions } from '../../policies';
import type { FieldDecision } from './field-decisions';

/** The row conditions one grant sets on the types an operation reads. */
export interface GrantRows {
  grantId: string;
  rows: Readonly<Record<string, RowConditions>>;
}

/** Row conditions as one line, placeholders as written: 'Person.districtCode = $jurisdiction'. */
export function shownRows(type: string, conditions: RowConditions | null | undefined): string {
  if (!conditions) return 'all rows';
  return Object.entries(conditions)
    .map(([field, value]) =>
      typeof value === 'object'
        ? `${type}.${field} in [${value.$in.join(', ')}]`
        : `${type}.${field} = ${value}`,
    )
    .join(' and ');
}

/** The row conditions of the grants that open the fields read, on the types read. */
export function rowsOfFieldsRead(
  policies: PolicySet,
  fields: readonly FieldDecision[],
): GrantRows[] {
  const read = fields.filter((f) => f.effect !== 'denied');
  const grants = new Set(read.map((f) => f.grantId));
  const types = new Set(read.map((f) => f.coordinate.slice(0, f.coordinate.indexOf('.'))));
  return policies.grants
    .filter((g) => grants.has(g.id))
    .map((g) => ({
      grantId: g.id,
      rows: Object.fromEntries(Object.entries(g.rows ?? {}).filter(([type]) => types.has(type))),
    }))
    .filter((g) => Object.keys(g.rows).length > 0);
}

/** One line per type a grant limits: 'grant-id: Person.districtCode = $jurisdiction'. */
export function grantRowLines({ grantId, rows }: GrantRows): string[] {
  return Object.entries(rows).map(
    ([type, conditions]) => `${grantId}: ${shownRows(type, conditions)}`,
  );
}
