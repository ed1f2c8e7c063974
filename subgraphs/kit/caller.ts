import type { ContextClaims } from '../../gateway/subgraph-context';
import {
  rowConditionsToSql,
  unpackPolicyRules,
  type PackedPolicyRule,
  type PolicyRule,
} from '../../policies';

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
   */
  rowFilter(
    type: string,
    columns: Readonly<Record<string, string>>,
    params: unknown[],
    field?: string,
  ): string;
}

/** Builds the caller of one request from its verified context. */
export function createCaller(claims: ContextClaims): Caller {
  const rules: PolicyRule[] = unpackPolicyRules(claims.rules as PackedPolicyRule[]);
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
  };
}
