import type { Appeal } from './types';
import type { CityContext } from './context';
import { REFERENCE_DAY, isoDate } from './calendar';
import { ENTERPRISE_TOPICS, GENERAL_TOPICS } from './appeal-terms';
import { timeline } from './appeal-timeline';
import { districtDepartment, hasDistrictLevel, municipalDepartment } from './departments';
import { DISTRICT_BY_POPULATION, districtInfo, randomPlace } from './districts';
import { enterprise } from './enterprises';
import { randomAdult } from './households';
import { stream, weights } from './random';
import { digits } from './scramble';

const CHANNELS = weights<Appeal['channel']>({ PHONE: 55, APP: 20, WECHAT: 15, WEB: 10 });
const ABOUT_ENTERPRISE = 0.4;

/** Appeal i (0 <= i < context.appeals), submitted within the year before the reference date. */
export function appeal(context: CityContext, i: number): Appeal {
  const rng = stream(context.seed, 'appeal', i);
  const { person, home } = randomAdult(context, rng);
  const concerned = rng.chance(ABOUT_ENTERPRISE)
    ? enterprise(context, rng.int(0, context.enterprises - 1))
    : null;
  const topic = rng.pick(concerned ? ENTERPRISE_TOPICS : GENERAL_TOPICS);
  const districtCode =
    concerned?.districtCode ??
    (rng.chance(0.8) ? home.districtCode : rng.weighted(DISTRICT_BY_POPULATION).code);
  const place =
    districtCode === home.districtCode
      ? person.street
      : randomPlace(rng, districtInfo(districtCode)).street;
  const assigned =
    hasDistrictLevel(topic.department) && rng.chance(0.8)
      ? districtDepartment(topic.department, districtCode)
      : municipalDepartment(topic.department);

  const day = REFERENCE_DAY - rng.int(1, 365);
  const submittedAt = day * 1_440 + rng.int(7 * 60, 22 * 60);
  const { events, satisfaction } = timeline(
    rng,
    submittedAt,
    topic,
    municipalDepartment('hotline'),
    assigned,
  );
  return {
    number: `12345-${isoDate(day).replaceAll('-', '')}-${digits(i + 1, 6)}`,
    channel: rng.weighted(CHANNELS),
    category: topic.category,
    subject: topic.subject,
    content: topic.content
      .replaceAll('{enterprise}', concerned?.name ?? '')
      .replaceAll('{place}', place.replace(/^成都市/, '')),
    submitterId: person.id,
    contactName: person.name,
    contactPhone: person.mobile!,
    enterpriseUscc: concerned?.uscc ?? null,
    districtCode,
    assignedTo: assigned.code,
    submittedAt: events[0]!.at,
    timeline: events,
    satisfaction,
  };
}
