import type { Enterprise } from './types';
import type { CityContext } from './context';
import { LAST_YEAR, REFERENCE_DAY, isoDate, toDay } from './calendar';
import { DISTRICT_BY_POPULATION, randomPlace, type DistrictInfo } from './districts';
import { enterpriseName } from './enterprise-names';
import { USCC_ALPHABET, organizationCodeCheckChar, usccCheckChar } from './identifiers';
import { personId } from './identity';
import { penaltiesOf } from './penalties';
import { hash, stream, weights, type Rng } from './random';
import { affine, digits } from './scramble';

/** The registration facts of enterprise k, cheap enough to compute for every employee. */
interface Registration {
  rng: Rng;
  district: DistrictInfo;
  kind: Enterprise['kind'];
  status: Enterprise['status'];
  establishedDay: number;
  uscc: string;
}

const KINDS = weights<Enterprise['kind']>({
  LIMITED_LIABILITY: 70,
  JOINT_STOCK: 3,
  SOLE_PROPRIETORSHIP: 5,
  PARTNERSHIP: 2,
  INDIVIDUAL_BUSINESS: 20,
});
const STATUSES = weights<Enterprise['status']>({ ACTIVE: 90, REVOKED: 4, CANCELLED: 6 });
const TAX_LEVELS = weights<Enterprise['taxCreditRating']['level']>({
  A: 30,
  B: 45,
  M: 15,
  C: 7,
  D: 3,
});
const FIRST_DAY = toDay('1995-01-01');
const NEW_CODES_FROM = toDay('2015-10-01');

/** GB 11714 organisation code: 8 digits before the 2015 reform, 'MA' + 6 characters after. */
function organizationCode(seed: number, k: number, establishedDay: number): string {
  let body: string;
  if (establishedDay < NEW_CODES_FROM) {
    body = digits(affine(k, 100_000_000, 39_916_801, hash(seed, 'org-code', 0)), 8);
  } else {
    let value = affine(k, 31 ** 6, 7_919, hash(seed, 'org-code', 1));
    body = 'MA';
    for (let i = 0; i < 6; i++, value = Math.floor(value / 31)) body += USCC_ALPHABET[value % 31];
  }
  return body + organizationCodeCheckChar(body);
}

function registration(context: CityContext, k: number): Registration {
  const rng = stream(context.seed, 'enterprise', k);
  const district = rng.weighted(DISTRICT_BY_POPULATION);
  const kind = rng.weighted(KINDS);
  const status = rng.weighted(STATUSES);
  const establishedDay =
    REFERENCE_DAY - 30 - Math.floor((REFERENCE_DAY - 30 - FIRST_DAY) * rng.float() ** 2);
  const registeredAs = kind === 'INDIVIDUAL_BUSINESS' ? '92' : '91';
  const first17 = registeredAs + district.code + organizationCode(context.seed, k, establishedDay);
  return { rng, district, kind, status, establishedDay, uscc: first17 + usccCheckChar(first17) };
}

/** USCC of an active enterprise employing the person with this ordinal. */
export function employerUscc(context: CityContext, ordinal: number): string {
  const start = hash(context.seed, 'employer', ordinal) % context.enterprises;
  let fallback = '';
  for (let step = 0; step < 8; step++) {
    const candidate = registration(context, (start + step * 7_919) % context.enterprises);
    if (candidate.status === 'ACTIVE') return candidate.uscc;
    fallback ||= candidate.uscc;
  }
  return fallback;
}

const CAPITAL: Record<Enterprise['kind'], [number, number]> = {
  LIMITED_LIABILITY: [10, 5_000],
  JOINT_STOCK: [1_000, 50_000],
  SOLE_PROPRIETORSHIP: [1, 100],
  PARTNERSHIP: [10, 1_000],
  INDIVIDUAL_BUSINESS: [0.1, 50],
};

/** Enterprise k (0 <= k < context.enterprises). */
export function enterprise(context: CityContext, k: number): Enterprise {
  const reg = registration(context, k);
  const { rng } = reg;
  const { name, industry } = enterpriseName(
    context.seed,
    k,
    context.enterprises,
    reg.kind,
    reg.district,
  );
  const [low, high] = CAPITAL[reg.kind];
  const representative = hash(context.seed, 'legal-representative', k) % context.layout.households;
  const level = reg.status === 'REVOKED' ? 'D' : rng.weighted(TAX_LEVELS);
  const siArrearsMonths = rng.chance(level === 'C' || level === 'D' ? 0.3 : 0.04)
    ? rng.int(1, 12)
    : 0;
  return {
    uscc: reg.uscc,
    name,
    kind: reg.kind,
    status: reg.status,
    registeredCapital: Math.round(low + (high - low) * rng.float() ** 3) * 10_000,
    establishedOn: isoDate(reg.establishedDay),
    districtCode: reg.district.code,
    address: randomPlace(rng, reg.district).road,
    businessScope: industry.businessScope,
    legalRepresentativeId: personId(context.seed, context.layout.ordinal(representative, 0)),
    penalties: penaltiesOf(rng, k, reg.district, reg.establishedDay, reg.status !== 'ACTIVE'),
    taxCreditRating: { year: LAST_YEAR, level },
    taxArrears: taxArrears(rng, level),
    socialInsuranceArrears: siArrearsMonths * rng.int(3, 40) * 1_180,
    socialInsuranceArrearsMonths: siArrearsMonths,
  };
}

function taxArrears(rng: Rng, level: Enterprise['taxCreditRating']['level']): number {
  if (level === 'D') return rng.chance(0.7) ? rng.int(10_000, 800_000) : 0;
  if (level === 'C') return rng.chance(0.5) ? rng.int(1_000, 100_000) : 0;
  return rng.chance(0.02) ? rng.int(100, 5_000) : 0;
}
