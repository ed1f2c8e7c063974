import { createPolicyEngine, type PolicyAbility } from '../../../policies';
import {
  anonymous,
  citizen,
  classificationOf,
  grant,
  label,
  official,
  policySet,
} from './support/builders';

const NOW = new Date('2026-11-24T09:00:00+08:00');

function setup(now: () => Date = () => NOW) {
  const classification = classificationOf({
    'Person.id': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.name': label('public-security', 'CONDITIONAL', 'PERSONAL', 'NAME'),
    'Person.idNumber': label('public-security', 'CONDITIONAL', 'SENSITIVE', 'ID_NUMBER'),
    'Person.districtCode': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.annualIncomes': label('tax', 'CONDITIONAL', 'SENSITIVE'),
    'Person.medicalRecords': label('health', 'NONE', 'SENSITIVE'),
    'Enterprise.name': label('market-regulation', 'UNCONDITIONAL'),
    'Enterprise.taxArrears': label('tax', 'CONDITIONAL'),
  });
  const caseworkerPersons = grant({
    id: 'public-security-caseworker-persons',
    provider: 'public-security',
    consumer: { department: 'civil-affairs', role: 'caseworker' },
    purposes: ['social-assistance-eligibility'],
    fields: { Person: { id: 'full', name: 'full', idNumber: 'masked', districtCode: 'full' } },
    rows: { Person: { districtCode: '$jurisdiction' } },
    legalBasis: '社会救助暂行办法',
    expires: '2027-12-31',
  });
  const caseworkerIncome = grant({
    id: 'tax-caseworker-income',
    provider: 'tax',
    consumer: { department: 'civil-affairs', role: 'caseworker' },
    purposes: ['social-assistance-eligibility'],
    fields: { Person: { annualIncomes: 'full' } },
    legalBasis: '社会救助暂行办法',
    expires: '2027-12-31',
  });
  const officerIncome = grant({
    id: 'tax-officer-income',
    provider: 'tax',
    consumer: { department: 'tax', role: 'officer' },
    purposes: ['tax-administration'],
    fields: { Person: { annualIncomes: 'full' } },
    legalBasis: '税收征收管理法',
    expires: '2027-12-31',
  });
  const inspectorArrearsInProfileApp = grant({
    id: 'tax-inspector-arrears',
    provider: 'tax',
    consumer: {
      department: 'market-regulation',
      role: 'inspector',
      application: 'enterprise-profile',
    },
    purposes: ['market-supervision'],
    fields: { Enterprise: { taxArrears: 'full' } },
  });
  const doctorRecords = grant({
    id: 'health-doctor-records',
    provider: 'health',
    consumer: { department: 'health', role: 'doctor' },
    purposes: ['medical-treatment'],
    fields: { Person: { medicalRecords: 'full' } },
    legalBasis: '医疗机构病历管理规定',
    expires: '2027-12-31',
  });
  const recordsToCaseworkerAgainstTheRules = grant({
    id: 'health-caseworker-records',
    provider: 'health',
    consumer: { department: 'civil-affairs', role: 'caseworker' },
    purposes: ['social-assistance-eligibility'],
    fields: { Person: { medicalRecords: 'full' } },
    legalBasis: '(none would do)',
    expires: '2027-12-31',
  });
  const policies = policySet([
    caseworkerPersons,
    caseworkerIncome,
    officerIncome,
    inspectorArrearsInProfileApp,
    doctorRecords,
    recordsToCaseworkerAgainstTheRules,
  ]);
  return {
    engine: createPolicyEngine(policies, classification, { now }),
    policies,
    classification,
    caseworkerInWuhou: official('civil-affairs', 'caseworker', { jurisdiction: '510107' }),
    caseworkerWithoutJurisdiction: official('civil-affairs', 'caseworker'),
    inspectorInProfileApp: official('market-regulation', 'inspector', {
      application: 'enterprise-profile',
    }),
    inspectorInAnotherApp: official('market-regulation', 'inspector', {
      application: 'inspection-tablet',
    }),
    doctor: official('health', 'doctor'),
    nurseWithoutGrant: official('health', 'nurse'),
    taxOfficer: official('tax', 'officer'),
  };
}

const effect = (ability: PolicyAbility, coordinate: string) => {
  const [type, field] = coordinate.split('.') as [string, string];
  return ability.decide(type, field).effect;
};

describe('createPolicyEngine: decide', () => {
  it('opens the fields a caseworker is granted, the ID number only masked', () => {
    const { engine, caseworkerInWuhou } = setup();
    const ability = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(ability.decide('Person', 'name')).toEqual({
      effect: 'allow',
      coordinate: 'Person.name',
      grantId: 'public-security-caseworker-persons',
      reason:
        "Person.name is opened to civil-affairs/caseworker for purpose 'social-assistance-eligibility' by grant public-security-caseworker-persons.",
      openedBy: ['public-security-caseworker-persons'],
    });
    expect(ability.decide('Person', 'idNumber')).toMatchObject({
      effect: 'mask',
      grantId: 'public-security-caseworker-persons',
    });
    expect(ability.decide('Person', 'annualIncomes')).toMatchObject({
      effect: 'allow',
      grantId: 'tax-caseworker-income',
    });
  });

  it('denies by default: a field no grant opens, and a field that does not exist', () => {
    const { engine, caseworkerInWuhou } = setup();
    const ability = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(ability.decide('Enterprise', 'taxArrears')).toEqual({
      effect: 'deny',
      coordinate: 'Enterprise.taxArrears',
      grantId: null,
      reason:
        "Purpose 'social-assistance-eligibility' is not granted to civil-affairs/caseworker for Enterprise.taxArrears; grants that open this field: tax-inspector-arrears (market-supervision).",
      openedBy: ['tax-inspector-arrears'],
    });
    expect(ability.decide('Person', 'shoeSize')).toMatchObject({
      effect: 'deny',
      reason:
        'Person.shoeSize is not a field of the classified graph; check the type and field names against the supergraph.',
    });
  });

  it('denies a field under a purpose its grants do not list, naming the grants that would open it', () => {
    const { engine, caseworkerInWuhou } = setup();
    const decision = engine
      .abilityFor(caseworkerInWuhou, 'tax-administration')
      .decide('Person', 'annualIncomes');
    expect(decision).toEqual({
      effect: 'deny',
      coordinate: 'Person.annualIncomes',
      grantId: null,
      reason:
        "Purpose 'tax-administration' is not granted to civil-affairs/caseworker for Person.annualIncomes; grants that open this field: tax-caseworker-income (social-assistance-eligibility), tax-officer-income (tax-administration).",
      openedBy: ['tax-caseworker-income', 'tax-officer-income'],
    });
  });

  it('says so when the purpose is not in the catalogue', () => {
    const { engine, caseworkerInWuhou } = setup();
    expect(engine.abilityFor(caseworkerInWuhou, 'curiosity').decide('Person', 'name').reason).toBe(
      "Purpose 'curiosity' is not in the purpose catalogue, so it opens nothing; state a catalogued purpose (grants that open Person.name: public-security-caseworker-persons (social-assistance-eligibility)).",
    );
  });

  it('stops applying a grant after the last day it lists, China Standard Time', () => {
    const lastMinute = setup(() => new Date('2027-12-31T23:59:00+08:00'));
    const nextDay = setup(() => new Date('2028-01-01T00:00:00+08:00'));
    const purpose = 'social-assistance-eligibility';
    expect(
      effect(
        lastMinute.engine.abilityFor(lastMinute.caseworkerInWuhou, purpose),
        'Person.annualIncomes',
      ),
    ).toBe('allow');
    expect(
      nextDay.engine
        .abilityFor(nextDay.caseworkerInWuhou, purpose)
        .decide('Person', 'annualIncomes').reason,
    ).toBe(
      'Grant tax-caseworker-income would open Person.annualIncomes but it expired on 2027-12-31; its provider, tax, may renew it. Grants that open this field: tax-caseworker-income (social-assistance-eligibility), tax-officer-income (tax-administration).',
    );
  });

  it('applies an application-restricted grant only to that application', () => {
    const { engine, inspectorInProfileApp, inspectorInAnotherApp } = setup();
    expect(
      effect(
        engine.abilityFor(inspectorInProfileApp, 'market-supervision'),
        'Enterprise.taxArrears',
      ),
    ).toBe('allow');
    expect(
      engine
        .abilityFor(inspectorInAnotherApp, 'market-supervision')
        .decide('Enterprise', 'taxArrears').reason,
    ).toBe(
      "Purpose 'market-supervision' is not granted to market-regulation/inspector (application inspection-tablet) for Enterprise.taxArrears; grants that open this field: tax-inspector-arrears (market-supervision).",
    );
  });

  it('lets anonymous callers read UNCONDITIONAL fields only', () => {
    const { engine } = setup();
    const ability = engine.abilityFor(anonymous, 'public-information');
    expect(ability.decide('Enterprise', 'name')).toEqual({
      effect: 'allow',
      coordinate: 'Enterprise.name',
      grantId: null,
      reason:
        'Enterprise.name is UNCONDITIONAL (无条件共享): every consumer may read it, under any purpose.',
      openedBy: [],
    });
    expect(ability.decide('Person', 'name').reason).toBe(
      'Anonymous callers may read only UNCONDITIONAL fields, and Person.name is CONDITIONAL; sign in and state a purpose that a grant lists (grants that open this field: public-security-caseworker-persons (social-assistance-eligibility)).',
    );
  });

  it('lets every signed-in consumer read UNCONDITIONAL fields under any purpose', () => {
    const { engine, caseworkerInWuhou } = setup();
    expect(
      effect(engine.abilityFor(caseworkerInWuhou, 'tax-administration'), 'Enterprise.name'),
    ).toBe('allow');
    expect(effect(engine.abilityFor(citizen('P0001'), 'self-service'), 'Enterprise.name')).toBe(
      'allow',
    );
  });

  it("opens NONE fields only to the owner's own officials under the owner's grant", () => {
    const { engine, doctor, nurseWithoutGrant, caseworkerInWuhou } = setup();
    expect(effect(engine.abilityFor(doctor, 'medical-treatment'), 'Person.medicalRecords')).toBe(
      'allow',
    );
    expect(
      effect(engine.abilityFor(nurseWithoutGrant, 'medical-treatment'), 'Person.medicalRecords'),
    ).toBe('deny');
    expect(
      engine
        .abilityFor(caseworkerInWuhou, 'social-assistance-eligibility')
        .decide('Person', 'medicalRecords'),
    ).toEqual({
      effect: 'deny',
      coordinate: 'Person.medicalRecords',
      grantId: null,
      reason:
        "Person.medicalRecords is never shared outside health (sharing class NONE, 不予共享); only health's own officials may read it, under a grant by health.",
      openedBy: ['health-doctor-records'],
    });
  });

  it('does not apply a grant whose placeholder the consumer cannot fill (fail closed)', () => {
    const { engine, caseworkerWithoutJurisdiction } = setup();
    const ability = engine.abilityFor(
      caseworkerWithoutJurisdiction,
      'social-assistance-eligibility',
    );
    expect(ability.decide('Person', 'name').reason).toBe(
      'Grant public-security-caseworker-persons would open Person.name but its rows need $jurisdiction, which civil-affairs/caseworker does not have. Grants that open this field: public-security-caseworker-persons (social-assistance-eligibility).',
    );
    expect(effect(ability, 'Person.idNumber')).toBe('deny');
    expect(effect(ability, 'Person.annualIncomes')).toBe('allow');
  });

  it('opens nothing a grant names outside what its provider owns, nor sensitive fields without legal basis', () => {
    const classification = classificationOf({
      'Person.name': label('public-security', 'CONDITIONAL', 'PERSONAL', 'NAME'),
      'Person.annualIncomes': label('tax', 'CONDITIONAL', 'SENSITIVE'),
    });
    const taxOpensNames = grant({
      id: 'tax-opens-names',
      provider: 'tax',
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      purposes: ['social-assistance-eligibility'],
      fields: { Person: { name: 'full', annualIncomes: 'full' } },
    });
    const engine = createPolicyEngine(policySet([taxOpensNames]), classification, {
      now: () => NOW,
    });
    const ability = engine.abilityFor(
      official('civil-affairs', 'caseworker'),
      'social-assistance-eligibility',
    );
    expect(ability.decide('Person', 'name').reason).toBe(
      'Grant tax-opens-names names Person.name, which is owned by public-security, and only the owner grants its fields. Grants that open this field: none; ask its owner, public-security, for a grant.',
    );
    expect(ability.decide('Person', 'annualIncomes').reason).toBe(
      'Grant tax-opens-names names Person.annualIncomes, which is sensitive personal information and the grant states no legalBasis and expires. Grants that open this field: none; ask its owner, tax, for a grant.',
    );
  });
});

describe('createPolicyEngine: rulesFor', () => {
  it('packs the rules of the asked types, with placeholders resolved', () => {
    const { engine, caseworkerInWuhou } = setup();
    const ability = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(ability.rulesFor(['Person'])).toEqual([
      ['read', 'Person', { districtCode: '510107' }, 0, 'id,name,districtCode'],
      ['read:masked', 'Person', { districtCode: '510107' }, 0, 'idNumber'],
      ['read', 'Person', 0, 0, 'annualIncomes'],
    ]);
    expect(ability.rulesFor(['Person'], 'tax')).toEqual([
      ['read', 'Person', 0, 0, 'annualIncomes'],
    ]);
    expect(ability.rulesFor(['Enterprise'])).toEqual([['read', 'Enterprise', 0, 0, 'name']]);
  });

  it("gives a citizen's rules the citizen's own person id", () => {
    const classification = classificationOf({
      'Person.name': label('public-security', 'CONDITIONAL', 'PERSONAL', 'NAME'),
    });
    const ownRecord = grant({
      id: 'public-security-citizen-own-record',
      provider: 'public-security',
      consumer: { citizen: true },
      purposes: ['self-service'],
      fields: { Person: { name: 'full' } },
      rows: { Person: { id: '$personId' } },
    });
    const engine = createPolicyEngine(policySet([ownRecord]), classification);
    expect(engine.abilityFor(citizen('P0042'), 'self-service').rulesFor(['Person'])).toEqual([
      ['read', 'Person', { id: 'P0042' }, 0, 'name'],
    ]);
    expect(engine.abilityFor(anonymous, 'self-service').rulesFor(['Person'])).toEqual([]);
  });
});

describe('createPolicyEngine: cache', () => {
  it('reuses the ability of the same consumer and purpose', () => {
    const { engine, caseworkerInWuhou } = setup();
    const first = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(engine.abilityFor({ ...caseworkerInWuhou }, 'social-assistance-eligibility')).toBe(
      first,
    );
    expect(engine.abilityFor(caseworkerInWuhou, 'tax-administration')).not.toBe(first);
    expect(
      engine.abilityFor(
        { ...caseworkerInWuhou, jurisdiction: '510104' },
        'social-assistance-eligibility',
      ),
    ).not.toBe(first);
  });

  it('recompiles once a grant the ability applies has expired', () => {
    let now = new Date('2027-12-31T12:00:00+08:00');
    const { engine, caseworkerInWuhou } = setup(() => now);
    const before = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    now = new Date('2028-01-01T00:00:00+08:00');
    const after = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(after).not.toBe(before);
    expect(effect(after, 'Person.annualIncomes')).toBe('deny');
  });

  it('keeps at most cacheSize abilities, dropping the least recently used', () => {
    const { policies, classification, caseworkerInWuhou, taxOfficer } = setup();
    const engine = createPolicyEngine(policies, classification, { now: () => NOW, cacheSize: 1 });
    const caseworkerAbility = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility')).toBe(
      caseworkerAbility,
    );
    engine.abilityFor(taxOfficer, 'tax-administration');
    expect(engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility')).not.toBe(
      caseworkerAbility,
    );
  });
});
