import { rootPath, type ReachSource, type RowFilter } from '../kit';
import { APPEAL_PATHS, APPEAL_ROW } from './store';

/**
 * The submitters of the appeals one path opens, under the loaders' Appeal row filter. An
 * appeal's timeline is reached through the appeal, so its events count with it.
 */
function appealsThrough(coordinate: string, path: RowFilter): ReachSource {
  return {
    serves: [coordinate, 'Appeal', 'AppealEvent'],
    from: 'appeal a',
    persons: ['a.submitter_id'],
    filters: [path, ['Appeal', APPEAL_ROW]],
  };
}

/**
 * Where the persons behind the hotline's shareable fields are, for counting those a draft
 * grant opens (kit/sharing-reach.ts): the submitters of the appeals each path opens. Appeal
 * summaries are statistics about no person: they have no source, so a count naming them is
 * refused.
 */
export const HOTLINE_REACH: readonly ReachSource[] = [
  appealsThrough('Query.appeal', rootPath('appeal')),
  appealsThrough('Query.appeals', rootPath('appeals')),
  appealsThrough('Person.appeals', APPEAL_PATHS.bySubmitter),
  appealsThrough('Enterprise.appeals', APPEAL_PATHS.aboutEnterprise),
  appealsThrough('Department.appealsAssigned', APPEAL_PATHS.assignedTo),
];
