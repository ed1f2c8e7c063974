import type { ReachSource, RowFilter } from '../kit';
import { EVALUATION_PATHS, EVALUATION_ROW } from './store';

/** The evaluators of the ratings one path opens, under the loaders' Evaluation row filter. */
function ratingsThrough(coordinate: string, path: RowFilter): ReachSource {
  return {
    // A rating's rectification is part of the rating row.
    serves: [coordinate, 'Evaluation', 'Rectification'],
    from: 'evaluation e',
    persons: ['e.evaluator_id'],
    filters: [path, ['Evaluation', EVALUATION_ROW]],
  };
}

/**
 * Where the persons behind service evaluation's shareable fields are, for counting those a
 * draft grant opens (kit/sharing-reach.ts): the evaluators of the ratings each path opens.
 * Service items and rating summaries are about no person: they have no source, so a count
 * naming them is refused.
 */
export const EVALUATION_REACH: readonly ReachSource[] = [
  ratingsThrough('ServiceItem.evaluations', EVALUATION_PATHS.ofServiceItem),
  ratingsThrough('Person.evaluations', EVALUATION_PATHS.byEvaluator),
];
