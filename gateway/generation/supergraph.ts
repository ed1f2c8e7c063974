import { Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import type { Classification } from '../../policies';
import { classificationFromSupergraph } from '../../schema/classification';
import { readCostDirectives, type CostDirectives } from '../cost/directives';
import { departmentRules, type DepartmentRulesFor } from '../department-rules';
import type { Logger } from '../logger';

/** What the security layer and the subgraph calls derive from one supergraph. */
export interface SupergraphParts {
  readonly supergraphSdl: string;
  readonly classification: Classification;
  readonly typesBySubgraph: ReadonlyMap<string, readonly string[]>;
  /** Per subgraph, the fields it resolves that another subgraph owns (type → fields). */
  readonly borrowedBySubgraph: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  /** The rules each department call is signed with. */
  readonly departmentRules: DepartmentRulesFor;
  /** Its @cost weights and @listSize sizes: demand control estimates under them. */
  readonly costDirectives: CostDirectives;
}

/**
 * Checks a supergraph (it parses, Federation builds it) and derives the classification and per-subgraph types from it; throws, naming the fault,
 * when it cannot serve. Unlabelled and unowned fields are allowed (closed, denied) and logged.
 */
export function checkSupergraph(supergraphSdl: string, logger: Logger): SupergraphParts {
  try {
    Supergraph.build(parse(supergraphSdl));
  } catch (error) {
    throw new Error(`The supergraph does not build: ${(error as Error).message}`);
  }
  const { classification, unlabelled, unowned, typesBySubgraph, borrowedBySubgraph } =
    classificationFromSupergraph(supergraphSdl);
  if (unlabelled.length > 0) {
    logger.warn(
      { count: unlabelled.length, sample: unlabelled.slice(0, 5) },
      'fields without @classify: closed unless a grant opens them',
    );
  }
  if (unowned.length > 0) {
    logger.warn(
      { count: unowned.length, sample: unowned.slice(0, 5) },
      'fields the supergraph names no resolving subgraph for: denied to everyone',
    );
  }
  return {
    supergraphSdl,
    classification,
    typesBySubgraph,
    borrowedBySubgraph,
    departmentRules: departmentRules(typesBySubgraph, borrowedBySubgraph),
    costDirectives: readCostDirectives(supergraphSdl),
  };
}
