import type { ContextClaims } from '../../contracts/subgraph-context';
import {
  rowConditionsToSql,
  unpackPolicyRules,
  type RowColumn,
  type PackedPolicyRule,
  type PolicyRule,
} from '../../policies';
import { createRowGate, type RowDecision, type RowFacts } from './row-gate';

/** Who is calling a department, for which purpose, as the gateway signed it. */
export interface Caller {
  readonly consumer: ContextClaims['consumer'];
  readonly purpose: string;
  readonly caseNumber: string | null;
  readonly requestId: string;
  /**
   * An SQL boolean expression keeping only the `type` rows the caller may read, built from
   * the policy rules the gateway signed; its parameters are appended to `params`. Fail closed:
   * no rule for the type, or a condition on a column the department does not map, is FALSE.
   * With `field`, only the rules opening that field count: a loader serving one relation
   * field (penalties, annualIncomes) passes it, so rows opened only for other fields stay out.
   * A column given as `{ list }` is a text[] of the fact's values (contains, or `$in`: overlaps).
   */
  rowFilter(
    type: string,
    columns: Readonly<Record<string, RowColumn>>,
    params: unknown[],
    field?: string,
  ): string;
  /**
   * Whether `field` of a loaded `type` row may be returned: a rule opening that very field
   * (its owner's, for a field the department borrows such as a reference's Person.id) must
   * admit the row, judged on the facts the department declares. Deny by default.
   */
  reads(type: string, field: string, row: unknown): RowDecision;
}

/** Builds the caller of one request from its verified context and the department's row facts. */
export function createCaller(claims: ContextClaims, facts: RowFacts = {}): Caller {
  const rules: PolicyRule[] = unpackPolicyRules(claims.rules as PackedPolicyRule[]);
  const borrowed = unpackPolicyRules(claims.borrowedRules as PackedPolicyRule[]);
  const reads = createRowGate([...rules, ...borrowed], facts);
  return {
    consumer: claims.consumer,
    purpose: claims.purpose,
    caseNumber: claims.caseNumber,
    requestId: claims.requestId,
    rowFilter(type, columns, params, field) {
      const condition = rowConditionsToSql(rules, type, columns, params.length, field);
      if (!condition) return 'FALSE';
      params.push(...condition.params);
      return `(${condition.sql})`;
    },
    reads,
  };
}
