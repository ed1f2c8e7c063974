import {
  createPolicyEngine,
  loadPolicies,
  type Consumer,
  type PolicyEngine,
} from '../../../policies';
import { anonymous, citizen, official } from './support/builders';
import { classificationFromSdl } from './support/classification-from-sdl';

function setup() {
  const engine = createPolicyEngine(loadPolicies(), classificationFromSdl(), {
    now: () => new Date('2026-11-24T09:00:00+08:00'),
  });
  return {
    engine,
    caseworkerInWuhou: official('civil-affairs', 'caseworker', { jurisdiction: '510107' }),
    inspectorInJinjiang: official('market-regulation', 'inspector', { jurisdiction: '510104' }),
    registrarInQingyang: official('public-security', 'registrar', { jurisdiction: '510105' }),
    dispatcher: official('hotline', 'dispatcher'),
    citizenP0042: citizen('P0042'),
    auditor: official('data-bureau', 'auditor'),
    doctor: official('health', 'doctor'),
  };
}

/** The effect for each coordinate, as one object to compare whole. */
function effects(engine: PolicyEngine, consumer: Consumer, purpose: string, coordinates: string[]) {
  const ability = engine.abilityFor(consumer, purpose);
  return Object.fromEntries(
    coordinates.map((c) => {
      const [type, field] = c.split('.') as [string, string];
      return [c, ability.decide(type, field).effect];
    }),
  );
}

describe("the DOMAIN's example consumers, under the policy files", () => {
  it('civil-affairs caseworker, social-assistance-eligibility: a person in their district, ID number masked', () => {
    const { engine, caseworkerInWuhou } = setup();
    expect(
      effects(engine, caseworkerInWuhou, 'social-assistance-eligibility', [
        'Query.person',
        'Person.id',
        'Person.name',
        'Person.idNumber',
        'Person.household',
        'Household.size',
        'Person.annualIncomes',
        'PersonalIncome.amount',
        'Person.employmentStatus',
        'SocialInsuranceAccount.status',
        'SocialInsuranceAccount.monthlyContributionBase',
        'SocialInsuranceAccount.accountNumber',
        'Person.enterprisesRepresented',
        'Enterprise.name',
        'Person.maritalStatus',
        'SubsistenceAllowance.monthlyAmount',
        'Person.ethnicity',
        'Person.medicalRecords',
      ]),
    ).toEqual({
      'Query.person': 'allow',
      'Person.id': 'allow',
      'Person.name': 'allow',
      'Person.idNumber': 'mask',
      'Person.household': 'allow',
      'Household.size': 'allow',
      'Person.annualIncomes': 'allow',
      'PersonalIncome.amount': 'allow',
      'Person.employmentStatus': 'allow',
      'SocialInsuranceAccount.status': 'allow',
      'SocialInsuranceAccount.monthlyContributionBase': 'mask',
      'SocialInsuranceAccount.accountNumber': 'deny',
      'Person.enterprisesRepresented': 'allow',
      'Enterprise.name': 'allow',
      'Person.maritalStatus': 'allow',
      'SubsistenceAllowance.monthlyAmount': 'allow',
      'Person.ethnicity': 'deny',
      'Person.medicalRecords': 'deny',
    });
    const ability = engine.abilityFor(caseworkerInWuhou, 'social-assistance-eligibility');
    expect(ability.rulesFor(['Person', 'Household'], 'public-security')).toEqual([
      [
        'read',
        'Person',
        { districtCode: '510107' },
        0,
        'id,name,gender,districtCode,address,household,relationToHead',
      ],
      ['read:masked', 'Person', { districtCode: '510107' }, 0, 'idNumber,birthDate'],
      [
        'read',
        'Household',
        { districtCode: '510107' },
        0,
        'id,districtCode,address,head,members,size',
      ],
    ]);
  });

  it('market-regulation inspector, market-supervision: the enterprise profile without complainants', () => {
    const { engine, inspectorInJinjiang } = setup();
    expect(
      effects(engine, inspectorInJinjiang, 'market-supervision', [
        'Enterprise.name',
        'Enterprise.legalRepresentative',
        'Person.name',
        'Person.idNumber',
        'Person.mobile',
        'Enterprise.penalties',
        'AdministrativePenalty.amount',
        'Enterprise.taxCreditRating',
        'TaxCreditRating.level',
        'Enterprise.taxArrears',
        'EnterpriseSocialInsurance.arrearsAmount',
        'Enterprise.appeals',
        'Appeal.subject',
        'Appeal.content',
        'Appeal.contactName',
        'Appeal.submitter',
        'Department.name',
      ]),
    ).toEqual({
      'Enterprise.name': 'allow',
      'Enterprise.legalRepresentative': 'allow',
      'Person.name': 'allow',
      'Person.idNumber': 'deny',
      'Person.mobile': 'deny',
      'Enterprise.penalties': 'allow',
      'AdministrativePenalty.amount': 'allow',
      'Enterprise.taxCreditRating': 'allow',
      'TaxCreditRating.level': 'allow',
      'Enterprise.taxArrears': 'allow',
      'EnterpriseSocialInsurance.arrearsAmount': 'allow',
      'Enterprise.appeals': 'allow',
      'Appeal.subject': 'allow',
      'Appeal.content': 'deny',
      'Appeal.contactName': 'deny',
      'Appeal.submitter': 'deny',
      'Department.name': 'allow',
    });
  });

  it('an inspector without the purpose is told which grants would open the field', () => {
    const { engine, inspectorInJinjiang } = setup();
    const inspectorWithoutPurpose = engine.abilityFor(
      inspectorInJinjiang,
      'social-assistance-eligibility',
    );
    expect(inspectorWithoutPurpose.decide('Enterprise', 'taxArrears').reason).toBe(
      "Purpose 'social-assistance-eligibility' is not granted to market-regulation/inspector for Enterprise.taxArrears; grants that open this field: tax-inspector-credit-and-arrears (market-supervision), tax-officer-administration (tax-administration).",
    );
  });

  it('public-security registrar, household-registration: the birth certificate and the parents', () => {
    const { engine, registrarInQingyang } = setup();
    expect(
      effects(engine, registrarInQingyang, 'household-registration', [
        'Query.birthCertificate',
        'BirthCertificate.weightGrams',
        'BirthCertificate.mother',
        'Person.idNumber',
        'Person.maritalStatus',
        'Household.address',
        'Person.medicalRecords',
        'Person.annualIncomes',
      ]),
    ).toEqual({
      'Query.birthCertificate': 'allow',
      'BirthCertificate.weightGrams': 'allow',
      'BirthCertificate.mother': 'allow',
      'Person.idNumber': 'allow',
      'Person.maritalStatus': 'allow',
      'Household.address': 'allow',
      'Person.medicalRecords': 'deny',
      'Person.annualIncomes': 'deny',
    });
  });

  it("12345 dispatcher, appeal-handling: the appeal with the submitter's name and phone masked", () => {
    const { engine, dispatcher } = setup();
    expect(
      effects(engine, dispatcher, 'appeal-handling', [
        'Query.appeal',
        'Appeal.content',
        'Appeal.contactName',
        'Appeal.contactPhone',
        'Appeal.submitter',
        'Appeal.enterprise',
        'Enterprise.name',
        'Appeal.assignedTo',
        'Department.name',
      ]),
    ).toEqual({
      'Query.appeal': 'allow',
      'Appeal.content': 'allow',
      'Appeal.contactName': 'mask',
      'Appeal.contactPhone': 'mask',
      'Appeal.submitter': 'deny',
      'Appeal.enterprise': 'allow',
      'Enterprise.name': 'allow',
      'Appeal.assignedTo': 'allow',
      'Department.name': 'allow',
    });
  });

  it('citizen, self-service: their own record, rows limited to their person id', () => {
    const { engine, citizenP0042 } = setup();
    expect(
      effects(engine, citizenP0042, 'self-service', [
        'Person.name',
        'Person.idNumber',
        'Person.annualIncomes',
        'SocialInsuranceAccount.accountNumber',
        'Person.subsistenceAllowance',
        'Appeal.content',
        'Evaluation.comment',
        'Person.medicalRecords',
        'Query.persons',
      ]),
    ).toEqual({
      'Person.name': 'allow',
      'Person.idNumber': 'allow',
      'Person.annualIncomes': 'allow',
      'SocialInsuranceAccount.accountNumber': 'allow',
      'Person.subsistenceAllowance': 'allow',
      'Appeal.content': 'allow',
      'Evaluation.comment': 'allow',
      'Person.medicalRecords': 'deny',
      'Query.persons': 'deny',
    });
    const ability = engine.abilityFor(citizenP0042, 'self-service');
    expect(ability.rulesFor(['Person', 'Appeal'], 'hotline')).toEqual([
      ['read', 'Person', { id: 'P0042' }, 0, 'appeals'],
      [
        'read',
        'Appeal',
        { submitter: 'P0042' },
        0,
        'number,channel,category,subject,content,submitter,contactName,contactPhone,enterprise,districtCode,assignedTo,submittedAt,status,timeline,satisfaction',
      ],
    ]);
  });

  it('data-bureau auditor, audit: catalogue and appeal handling, no personal data', () => {
    const { engine, auditor } = setup();
    expect(
      effects(engine, auditor, 'audit', [
        'Query.dataResources',
        'DataResource.sharingClass',
        'Department.name',
        'Appeal.status',
        'AppealEvent.stage',
        'AppealEvent.note',
        'Appeal.contactName',
        'Rectification.overdue',
        'Evaluation.comment',
        'Evaluation.evaluator',
        'Person.name',
      ]),
    ).toEqual({
      'Query.dataResources': 'allow',
      'DataResource.sharingClass': 'allow',
      'Department.name': 'allow',
      'Appeal.status': 'allow',
      'AppealEvent.stage': 'allow',
      'AppealEvent.note': 'deny',
      'Appeal.contactName': 'deny',
      'Rectification.overdue': 'allow',
      'Evaluation.comment': 'deny',
      'Evaluation.evaluator': 'deny',
      'Person.name': 'deny',
    });
  });

  it('health doctor, medical-treatment: medical records, which no other department reads', () => {
    const { engine, doctor, caseworkerInWuhou } = setup();
    expect(
      effects(engine, doctor, 'medical-treatment', [
        'Person.medicalRecords',
        'MedicalRecord.diagnosis',
        'Person.name',
        'Person.idNumber',
      ]),
    ).toEqual({
      'Person.medicalRecords': 'allow',
      'MedicalRecord.diagnosis': 'allow',
      'Person.name': 'allow',
      'Person.idNumber': 'deny',
    });
    expect(
      effects(engine, caseworkerInWuhou, 'medical-treatment', ['MedicalRecord.diagnosis']),
    ).toEqual({
      'MedicalRecord.diagnosis': 'deny',
    });
  });

  it('anonymous developer: enterprise names and status, service items, rating summaries', () => {
    const { engine } = setup();
    expect(
      effects(engine, anonymous, 'public-information', [
        'Query.enterprises',
        'Enterprise.name',
        'Enterprise.status',
        'ServiceItem.name',
        'RatingSummary.satisfactionRate',
        'Department.appealSummary',
        'Enterprise.penalties',
        'Person.name',
        'Appeal.subject',
      ]),
    ).toEqual({
      'Query.enterprises': 'allow',
      'Enterprise.name': 'allow',
      'Enterprise.status': 'allow',
      'ServiceItem.name': 'allow',
      'RatingSummary.satisfactionRate': 'allow',
      'Department.appealSummary': 'allow',
      'Enterprise.penalties': 'deny',
      'Person.name': 'deny',
      'Appeal.subject': 'deny',
    });
  });
});
