import { maskValue, type Grant } from '../../../policies';
import {
  candidatesLeft,
  keptPositions,
  lintPolicies,
  MIN_CANDIDATES,
  VALUE_MODELS,
  type PersonFact,
} from '../../../policies/tooling';
import { classificationOf, grant, label, policySet } from './support/builders';

const NOW = new Date('2026-11-24T09:00:00+08:00');

function setup() {
  const classification = classificationOf({
    'Query.personByIdNumber': label('public-security', 'CONDITIONAL'),
    'Person.id': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.idNumber': label('public-security', 'CONDITIONAL', 'SENSITIVE', 'ID_NUMBER'),
    'Person.birthDate': label('public-security', 'CONDITIONAL', 'PERSONAL', 'DATE'),
    'Person.gender': label('public-security', 'CONDITIONAL', 'PERSONAL', 'REDACT'),
    'Person.districtCode': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.mobile': label('public-security', 'CONDITIONAL', 'PERSONAL', 'MOBILE'),
    'BirthCertificate.birthDate': label('health', 'CONDITIONAL', 'SENSITIVE', 'DATE'),
    'Appeal.contactPhone': label('hotline', 'CONDITIONAL', 'PERSONAL', 'MOBILE'),
    'Appeal.districtCode': label('hotline', 'CONDITIONAL'),
    'Household.districtCode': label('public-security', 'UNCONDITIONAL'),
  });
  const caseworker = { department: 'civil-affairs', role: 'caseworker' } as const;
  const persons = (fields: Grant['fields']['Person'], extra: Partial<Grant> = {}) =>
    grant({
      id: 'public-security-caseworker-persons',
      provider: 'public-security',
      consumer: caseworker,
      purposes: ['social-assistance-eligibility'],
      fields: { Person: fields },
      legalBasis: '《社会救助暂行办法》第十一条',
      expires: '2027-12-31',
      ...extra,
    });
  const lint = (...grants: Grant[]) =>
    lintPolicies(policySet(grants), classification, NOW).filter((f) => f.severity === 'error');
  return { caseworker, persons, lint };
}

describe('masking that survives linkage', () => {
  it('fails a grant that shows the ID number masked with the district, birth date and gender', () => {
    const { lint, persons } = setup();
    const grant = persons({
      idNumber: 'masked',
      birthDate: 'full',
      districtCode: 'full',
      gender: 'full',
    });
    expect(lint(grant)).toEqual([
      {
        severity: 'error',
        file: 'grants/public-security.yaml',
        grantId: 'public-security-caseworker-persons',
        message:
          "civil-affairs/caseworker under 'social-assistance-eligibility' reads Person.idNumber masked in the ID_NUMBER style, and with what else it reads about the person (Person.birthDate (public-security-caseworker-persons), Person.districtCode (public-security-caseworker-persons), Household.districtCode (UNCONDITIONAL), Person.gender (public-security-caseworker-persons)) only 45 full values fit (province 1 × county 1 × birth year 1 × birth day 1 × sequence 100 × gender digit 5 ÷ 11 (check character shown)), fewer than 1,000: mask or drop one of those fields, or stop opening Person.idNumber.",
      },
    ]);
  });

  it('passes it once the birth date is shown as its year', () => {
    const { lint, persons } = setup();
    expect(
      lint(
        persons({ idNumber: 'masked', birthDate: 'masked', districtCode: 'full', gender: 'full' }),
      ),
    ).toEqual([]);
  });

  it('adds up every grant for the same consumer and purpose, and UNCONDITIONAL fields', () => {
    const { lint, persons, caseworker } = setup();
    const masked = persons({ idNumber: 'masked', gender: 'full' });
    const birthDates = grant({
      id: 'public-security-caseworker-birth-dates',
      provider: 'public-security',
      consumer: { ...caseworker, application: 'dibao' },
      purposes: ['social-assistance-eligibility'],
      fields: { Person: { birthDate: 'full' } },
    });
    // Household.districtCode is UNCONDITIONAL here: everyone knows the district.
    expect(
      lint(masked, birthDates).map((f) => [f.grantId, f.message.match(/only (\S+)/)?.[1]]),
    ).toEqual([['public-security-caseworker-persons', '45']]);
    // Another purpose is another combination: nothing adds up.
    expect(lint(masked, { ...birthDates, purposes: ['audit'] })).toEqual([]);
  });

  it('fails a masked field whose value another readable field holds in full', () => {
    const { lint } = setup();
    const dispatcher = { department: 'hotline', role: 'dispatcher' } as const;
    const appeals = grant({
      id: 'hotline-dispatcher-appeals',
      provider: 'hotline',
      consumer: dispatcher,
      purposes: ['appeal-handling'],
      fields: { Appeal: { contactPhone: 'masked', districtCode: 'full' } },
    });
    const mobiles = grant({
      id: 'public-security-dispatcher-mobiles',
      provider: 'public-security',
      consumer: dispatcher,
      purposes: ['appeal-handling'],
      fields: { Person: { mobile: 'full' } },
    });
    expect(lint(appeals)).toEqual([]);
    expect(lint(appeals, mobiles).map((f) => f.message)).toEqual([
      "hotline/dispatcher under 'appeal-handling' reads Appeal.contactPhone masked, but the same value is readable in full as Person.mobile (public-security-dispatcher-mobiles): mask it there too, or open neither.",
    ]);
  });

  it('fails a masked ID number next to a lookup by ID number', () => {
    const { lint, persons } = setup();
    const grant = persons(
      { idNumber: 'masked' },
      { fields: { Query: { personByIdNumber: 'full' }, Person: { idNumber: 'masked' } } },
    );
    expect(lint(grant).map((f) => f.message)).toEqual([
      "civil-affairs/caseworker under 'social-assistance-eligibility' reads Person.idNumber masked, but can try every candidate full value with Query.personByIdNumber (public-security-caseworker-persons): do not open both to one consumer and purpose.",
    ]);
  });

  it('fails a masked field that another field tells in full: the gender from the ID number', () => {
    const { lint, persons } = setup();
    expect(lint(persons({ idNumber: 'full', gender: 'masked' })).map((f) => f.message)).toEqual([
      "civil-affairs/caseworker under 'social-assistance-eligibility' reads Person.gender masked, but Person.idNumber (public-security-caseworker-persons) tells its full value (gender): mask those too, or open Person.gender in full.",
    ]);
    expect(lint(persons({ idNumber: 'masked', birthDate: 'masked' }))).toEqual([]);
  });

  it('fails a masked birth date whose certificate is readable in full', () => {
    const { lint, persons, caseworker } = setup();
    const certificates = grant({
      id: 'health-caseworker-certificates',
      provider: 'health',
      consumer: caseworker,
      purposes: ['social-assistance-eligibility'],
      fields: { BirthCertificate: { birthDate: 'full' } },
      legalBasis: 'law',
      expires: '2027-12-31',
    });
    expect(lint(persons({ birthDate: 'masked' }), certificates).map((f) => f.grantId)).toEqual([
      'public-security-caseworker-persons',
    ]);
  });
});

describe('candidates left by each mask style', () => {
  const left = (style: 'ID_NUMBER' | 'MOBILE' | 'NAME', ...facts: PersonFact[]) => {
    const model = VALUE_MODELS[style]!;
    return candidatesLeft(model, new Set(keptPositions(style, model.length)), new Set(facts))
      .candidates;
  };

  it.each([
    ['ID_NUMBER', [], 298_636_363],
    ['ID_NUMBER', ['district'], 3_318_181],
    ['ID_NUMBER', ['district', 'birth-year', 'gender'], 16_590],
    ['ID_NUMBER', ['district', 'birth-date', 'gender'], 45],
    ['MOBILE', [], 500_000],
    ['MOBILE', ['city'], 10_000],
    ['NAME', [], 5_000],
    ['NAME', ['gender'], 2_500],
  ] as const)('%s knowing %j: %d', (style, facts, expected) => {
    expect(left(style, ...facts)).toBe(expected);
  });

  it('counts the old styles as rebuildable: 510104********1234 and 138****5678', () => {
    const id = VALUE_MODELS.ID_NUMBER!;
    const oldId = new Set([0, 1, 2, 3, 4, 5, 14, 15, 16, 17]);
    expect(candidatesLeft(id, oldId, new Set(['birth-date'])).candidates).toBe(1);
    expect(candidatesLeft(id, oldId, new Set()).candidates).toBeLessThan(MIN_CANDIDATES * 10);
    const oldMobile = new Set([0, 1, 2, 7, 8, 9, 10]);
    expect(candidatesLeft(VALUE_MODELS.MOBILE!, oldMobile, new Set(['city'])).candidates).toBe(200);
  });

  it('judges what the mask really shows', () => {
    expect(maskValue('ID_NUMBER', '510104199001011234')).toBe('51***************4');
    expect(maskValue('MOBILE', '13812345678')).toBe('*******5678');
    expect(maskValue('NAME', '张三丰')).toBe('张**');
  });
});
