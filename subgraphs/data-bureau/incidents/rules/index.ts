import type { Finding, Observation, RuleContext } from '../observation';
import type { RuleName } from '../policy';
import { personsWithoutCase } from './breadth';
import { personManyOfficials } from './crowd';
import { householdOrColleagues } from './household';
import { sensitiveOffHours } from './off-hours';
import { sequentialPaging } from './paging';
import { probing } from './probing';
import { twoPlaces } from './two-places';
import { volumeVsPeers } from './volume';

export type Rule = (records: readonly Observation[], ctx: RuleContext) => Finding[];

/** Every anomaly rule, by the name its parameters have in policies/anomalies.yaml. */
export const RULES: Readonly<Record<RuleName, Rule>> = {
  'volume-vs-peers': volumeVsPeers,
  'persons-without-case': personsWithoutCase,
  'sensitive-off-hours': sensitiveOffHours,
  'household-or-colleagues': householdOrColleagues,
  'person-many-officials': personManyOfficials,
  'two-places': twoPlaces,
  'sequential-paging': sequentialPaging,
  probing,
};

/** Applies every rule to the records; each finding carries its rule's name. */
export function evaluate(records: readonly Observation[], ctx: RuleContext): Finding[] {
  return (Object.keys(RULES) as RuleName[]).flatMap((name) => RULES[name](records, ctx));
}
