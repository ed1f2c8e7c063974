import type { Appeal, AppealStage, City } from '../../fixtures/city/types';
import { flatMap, map, type LoadTable } from '../kit';

/** The hotline keeps appeals and every stage of their handling. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'appeal',
    [
      'number',
      'channel',
      'category',
      'subject',
      'content',
      'submitter_id',
      'contact_name',
      'contact_phone',
      'enterprise_uscc',
      'district_code',
      'assigned_to',
      'submitted_at',
      'status',
      'satisfaction',
    ],
    map(city.appeals(), (a) => [
      a.number,
      a.channel,
      a.category,
      a.subject,
      a.content,
      a.submitterId,
      a.contactName,
      a.contactPhone,
      a.enterpriseUscc,
      a.districtCode,
      a.assignedTo,
      a.submittedAt,
      statusOf(a),
      a.satisfaction,
    ]),
  );
  await load(
    'appeal_event',
    ['appeal_number', 'seq', 'stage', 'at', 'department_code', 'note'],
    flatMap(city.appeals(), (a) =>
      a.timeline.map((e, i) => [a.number, i + 1, e.stage, e.at, e.departmentCode, e.note]),
    ),
  );
}

function statusOf(appeal: Appeal): AppealStage {
  const last = appeal.timeline.at(-1);
  if (!last) throw new Error(`Appeal ${appeal.number} has an empty timeline: it has no status.`);
  return last.stage;
}
