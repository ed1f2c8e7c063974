import { fieldsByType } from './openings';
import type { Grant } from './policy-set';
import type { Classification } from './types';

type Report = (severity: 'error' | 'warning', message: string) => void;

/**
 * Checks a grant's daily quotas: they count the persons whose personal fields the grant
 * opens, so a quota on a grant that opens none counts nothing; a quota another of the same
 * grant always reaches first never binds.
 */
export function lintQuota(grant: Grant, classification: Classification, report: Report): void {
  const quota = grant.quota;
  if (!quota) return;
  if (!opensPersonalField(grant, classification)) {
    report(
      'warning',
      'The quota counts nothing: the grant opens no PERSONAL or SENSITIVE field, and quotas count the persons whose personal fields were disclosed; remove it.',
    );
  }
  const { personsPerOfficial, personsWithoutCaseNumber, personsPerApplication } = quota;
  if (
    personsWithoutCaseNumber !== undefined &&
    personsPerOfficial !== undefined &&
    personsWithoutCaseNumber > personsPerOfficial
  ) {
    report(
      'error',
      `quota.personsWithoutCaseNumber (${personsWithoutCaseNumber}) is above quota.personsPerOfficial (${personsPerOfficial}), so it never binds; lower it to at most ${personsPerOfficial}.`,
    );
  }
  if (
    personsPerApplication !== undefined &&
    personsPerOfficial !== undefined &&
    personsPerOfficial > personsPerApplication
  ) {
    report(
      'warning',
      `quota.personsPerOfficial (${personsPerOfficial}) is above quota.personsPerApplication (${personsPerApplication}): one official can use the whole application's quota.`,
    );
  }
  if (personsPerApplication !== undefined && 'citizen' in grant.consumer) {
    report(
      'warning',
      'quota.personsPerApplication counts officials of an application; citizens are counted per person (personsPerOfficial).',
    );
  }
}

function opensPersonalField(grant: Grant, classification: Classification): boolean {
  return Object.entries(grant.fields).some(([type, entries]) => {
    const fields = Object.keys(entries).includes('*')
      ? (fieldsByType(classification).get(type) ?? [])
      : Object.keys(entries);
    return fields.some((f) => {
      const label = classification.get(`${type}.${f}`);
      return label !== undefined && label.owner === grant.provider && label.pi !== 'NONE';
    });
  });
}
