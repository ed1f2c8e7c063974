import { readFileSync } from 'node:fs';
import { loadPolicies, type Classification, type PolicySet } from '../../../policies';
import { SUPERGRAPH_PATH, classificationFromSupergraph } from '../../../schema';

/** The policy files and the supergraph labels the deployment runs with. */
export interface Governance {
  readonly policies: PolicySet;
  readonly classification: Classification;
}

/**
 * Read once, when the department starts, from the same files the gateway reads: they are
 * files of the deployment, and changing them is a redeployment. Invalid policy files stop
 * the department, as they stop the gateway.
 */
export const governance: Governance = Object.freeze({
  policies: loadPolicies(),
  classification: classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'))
    .classification,
});
