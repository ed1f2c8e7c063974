import type { GatewayContext } from './context';

/** The packed CASL rules a department enforces on one call: its own, and the owners' for what it borrows. */
export interface DepartmentRules {
  rules: unknown[];
  borrowedRules: unknown[];
}

/** The rules to sign into a call to `subgraph` for this request. */
export type DepartmentRulesFor = (context: GatewayContext, subgraph: string) => DepartmentRules;

/**
 * The rules each department enforces for a consumer and purpose (its own types' rules, and
 * the owners' rules for the fields it borrows), under the request's pinned policy, computed
 * once per ability.
 */
export function departmentRules(
  typesBySubgraph: ReadonlyMap<string, readonly string[]>,
  borrowedBySubgraph: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>,
): DepartmentRulesFor {
  const packed = new WeakMap<object, Map<string, DepartmentRules>>();
  return (context, subgraph) => {
    const ability = context.policy.engine.abilityFor(
      context.consumer,
      context.purpose,
      context.document.id,
    );
    let bySubgraph = packed.get(ability);
    if (!bySubgraph) packed.set(ability, (bySubgraph = new Map()));
    let rules = bySubgraph.get(subgraph);
    if (!rules) {
      rules = {
        rules: ability.rulesFor(typesBySubgraph.get(subgraph) ?? [], subgraph),
        borrowedRules: ability.borrowedRulesFor(
          borrowedBySubgraph.get(subgraph) ?? new Map(),
          subgraph,
        ),
      };
      bySubgraph.set(subgraph, rules);
    }
    return rules;
  };
}
