import type { ContextClaims } from '../../contracts/subgraph-context';
import { LruMap } from '../../policies/lru';
import {
  rowConditionsToSql,
  unpackPolicyRules,
  type RowColumn,
  type PackedPolicyRule,
  type PolicyRule,
} from '../../policies';
import type { SqlCondition } from '../../policies/row-sql';
import { createRowGate, type RowDecision, type RowFacts, type RowGate } from './row-gate';

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

/** The rule lists of one context, compiled once and shared by every request that signs them. */
interface CompiledRules {
  readonly rules: PolicyRule[];
  readonly reads: RowGate;
  /** Row filters by type, field, parameter offset and columns. */
  readonly filters: LruMap<string, SqlCondition | null>;
}

/**
 * Compiled rule lists per department (its row facts), by the exact rules signed. A consumer
 * and purpose sign the same rules on every call, so the CASL abilities, the row gate's plans
 * and the row filters' SQL are built once per rule list, not once per request. The key is the
 * rules themselves (their JSON), never a digest the signer could get wrong.
 */
const COMPILED_PER_DEPARTMENT = 256;
/** Distinct row filters a department asks of one rule list (its loaders' call sites). */
const FILTERS_PER_RULE_LIST = 512;
const compiledByFacts = new WeakMap<RowFacts, LruMap<string, CompiledRules>>();

function compiled(claims: ContextClaims, facts: RowFacts): CompiledRules {
  let cache = compiledByFacts.get(facts);
  if (!cache) {
    cache = new LruMap(COMPILED_PER_DEPARTMENT);
    compiledByFacts.set(facts, cache);
  }
  const key = JSON.stringify([claims.rules, claims.borrowedRules]);
  let entry = cache.get(key);
  if (!entry) {
    const rules = unpackPolicyRules(claims.rules as PackedPolicyRule[]);
    const borrowed = unpackPolicyRules(claims.borrowedRules as PackedPolicyRule[]);
    entry = {
      rules,
      reads: createRowGate([...rules, ...borrowed], facts),
      filters: new LruMap(FILTERS_PER_RULE_LIST),
    };
    cache.set(key, entry);
  }
  return entry;
}

const NO_FACTS: RowFacts = {};

/** Builds the caller of one request from its verified context and the department's row facts. */
export function createCaller(claims: ContextClaims, facts: RowFacts = NO_FACTS): Caller {
  const { rules, reads, filters } = compiled(claims, facts);
  return {
    consumer: claims.consumer,
    purpose: claims.purpose,
    caseNumber: claims.caseNumber,
    requestId: claims.requestId,
    rowFilter(type, columns, params, field) {
      const key = `${type}\0${field ?? ''}\0${params.length}\0${JSON.stringify(columns)}`;
      let condition = filters.get(key);
      if (condition === undefined) {
        condition = rowConditionsToSql(rules, type, columns, params.length, field);
        filters.set(key, condition);
      }
      if (!condition) return 'FALSE';
      params.push(...condition.params);
      return `(${condition.sql})`;
    },
    reads,
  };
}
