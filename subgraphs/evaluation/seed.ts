import type { City } from '../../fixtures/city/types';
import { map, type LoadTable } from '../kit';

/** Service evaluation keeps the service items and their ratings. */
export async function seed(city: City, load: LoadTable): Promise<void> {
  await load(
    'service_item',
    ['code', 'name', 'department_code', 'category', 'online_available', 'promised_days'],
    map(city.serviceItems(), (s) => [
      s.code,
      s.name,
      s.departmentCode,
      s.category,
      s.onlineAvailable,
      s.promisedDays,
    ]),
  );
  await load(
    'evaluation',
    [
      'id',
      'service_item_code',
      'evaluator_id',
      'level',
      'comment',
      'channel',
      'rated_at',
      'due_by',
      'rectified_at',
    ],
    map(city.evaluations(), (e) => [
      e.id,
      e.serviceItemCode,
      e.evaluatorId,
      e.level,
      e.comment,
      e.channel,
      e.ratedAt,
      e.rectification?.dueBy ?? null,
      e.rectification?.rectifiedAt ?? null,
    ]),
  );
}
