import type { ReachSource } from '../kit';
import { EVALUATION_ROW } from './store';

/**
 * Where the persons behind service evaluation's shareable fields are, for counting those a
 * draft grant opens (kit/sharing-reach.ts): the evaluators of the ratings the loaders'
 * Evaluation row filter keeps, whichever path reaches them (a rectification is part of its
 * rating). Service items and rating summaries are about no person: they have no source, so a
 * count naming them is refused.
 */
export const EVALUATION_REACH: readonly ReachSource[] = [
  {
    serves: ['ServiceItem.evaluations', 'Person.evaluations', 'Evaluation', 'Rectification'],
    from: 'evaluation e',
    persons: ['e.evaluator_id'],
    filters: [['Evaluation', EVALUATION_ROW]],
  },
];
