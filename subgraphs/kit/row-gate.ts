import { createPolicyCaslAbility, type PolicyAction, type PolicyRule } from '../../policies';

/**
 * Per type, the row facts a department knows: the field a row condition names → the property
 * of the row objects its resolvers receive (`{ household: 'householdId' }`).
 */
export type RowFacts = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Whether one field of one row may be returned. */
export type RowDecision = 'allow' | 'deny';

/** Decides one field of one loaded row under the caller's rules. */
export type RowGate = (type: string, field: string, row: unknown) => RowDecision;

const ACTIONS: readonly PolicyAction[] = ['read', 'read:masked'];
/** Distinct combinations of facts remembered per field (a household per row would be many). */
const DECISIONS_PER_FIELD = 1024;

type Rule = ReturnType<ReturnType<typeof createPolicyCaslAbility>['rulesFor']>[number];

interface FieldPlan {
  readonly rules: ReadonlyMap<PolicyAction, readonly Rule[]>;
  /** Every condition name any of the rules uses (the facts a decision depends on). */
  readonly names: readonly string[];
  /** The row property of each name, undefined where the department declares no such fact. */
  readonly properties: readonly (string | undefined)[];
  /** Decisions by the row's values of `names` (emptied when full: the gate outlives a request). */
  readonly decided: Map<string, RowDecision>;
  /** The decision when the rules name no fact: the same for every row. */
  readonly always: RowDecision | null;
}

/**
 * The per-field row gate: a field of a row is returned only when a rule opening that field
 * (in full or masked) has conditions this row meets. Conditions are matched on the facts the
 * department declares for the type; a condition on a fact it does not declare, or that the row
 * lacks (null or undefined), cannot be decided and denies (fail closed). Decisions are cached
 * per field and per combination of the facts its rules name, so a batch of rows costs a few
 * CASL evaluations, not one per row; a gate is built once per rule list (`caller.ts`) and
 * serves every request that signs that list.
 */
export function createRowGate(rules: PolicyRule[], facts: RowFacts): RowGate {
  const ability = createPolicyCaslAbility(rules);
  const plans = new Map<string, Map<string, FieldPlan>>();

  function planFor(type: string, field: string): FieldPlan {
    let ofType = plans.get(type);
    if (!ofType) {
      ofType = new Map();
      plans.set(type, ofType);
    }
    let plan = ofType.get(field);
    if (!plan) {
      const byAction = new Map(ACTIONS.map((a) => [a, ability.rulesFor(a, type, field)]));
      const names = new Set(
        [...byAction.values()].flat().flatMap((rule) => Object.keys(rule.conditions ?? {})),
      );
      const always = names.size === 0 ? decide(byAction, {}) : null;
      const sorted = [...names].sort();
      const declared = facts[type] ?? {};
      plan = {
        rules: byAction,
        names: sorted,
        properties: sorted.map((name) =>
          Object.hasOwn(declared, name) ? declared[name] : undefined,
        ),
        decided: new Map(),
        always,
      };
      ofType.set(field, plan);
    }
    return plan;
  }

  return (type, field, row) => {
    const plan = planFor(type, field);
    if (plan.always) return plan.always;
    const key = factsKey(row, plan.properties);
    let decision = plan.decided.get(key);
    if (!decision) {
      const known = factsOf(row, plan.names, plan.properties);
      decision = decide(plan.rules, known);
      if (plan.decided.size >= DECISIONS_PER_FIELD) plan.decided.clear();
      plan.decided.set(key, decision);
    }
    return decision;
  };
}

/** The row's values of `names`, keeping only the facts the department declares and the row has. */
function factsOf(
  row: unknown,
  names: readonly string[],
  properties: readonly (string | undefined)[],
): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  if (typeof row !== 'object' || row === null) return known;
  names.forEach((name, i) => {
    const property = properties[i];
    const value = property === undefined ? undefined : (row as Record<string, unknown>)[property];
    if (value !== undefined && value !== null) known[name] = value;
  });
  return known;
}

/**
 * The cache key of a row's facts: one value per name, tagged by its type so that no two
 * different fact combinations share a key (the string '1' and the number 1 differ; a missing
 * fact differs from every value). Allocates little: it runs for every field of every row.
 */
function factsKey(row: unknown, properties: readonly (string | undefined)[]): string {
  if (typeof row !== 'object' || row === null) return '';
  if (properties.length === 1) return factKey(row, properties[0]);
  let key = '';
  for (const property of properties) {
    const part = factKey(row, property);
    key += `${part.length}:${part}`;
  }
  return key;
}

function factKey(row: object, property: string | undefined): string {
  const value = property === undefined ? undefined : (row as Record<string, unknown>)[property];
  switch (typeof value) {
    case 'undefined':
      return '-';
    case 'string':
      return `s${value}`;
    case 'number':
      return `n${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'bigint':
      return `g${value}`;
    default:
      return value === null ? '-' : `j${JSON.stringify(value)}`;
  }
}

/** Allowed when the rules of either action (in full, masked) admit the facts. */
function decide(
  rules: ReadonlyMap<PolicyAction, readonly Rule[]>,
  known: Record<string, unknown>,
): RowDecision {
  return ACTIONS.some((action) => admits(rules.get(action) ?? [], known)) ? 'allow' : 'deny';
}

/** CASL's order: the first rule that applies decides; one that cannot be decided never allows. */
function admits(rules: readonly Rule[], known: Record<string, unknown>): boolean {
  for (const rule of rules) {
    const decidable = Object.keys(rule.conditions ?? {}).every((name) =>
      Object.hasOwn(known, name),
    );
    if (!decidable) {
      if (rule.inverted) return false;
      continue;
    }
    // The ability's subjects are typed as type names; conditions match the facts object.
    if (rule.matchesConditions(known as never)) return !rule.inverted;
  }
  return false;
}
