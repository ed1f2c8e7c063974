import { type Grant } from '../../../policies';
import { lintPolicies } from '../../../policies/tooling';
import { classificationOf, grant, label, policySet } from './support/builders';

const NOW = new Date('2026-11-24T09:00:00+08:00');

function setup() {
  const classification = classificationOf({
    'Person.id': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.name': label('public-security', 'CONDITIONAL', 'PERSONAL', 'NAME'),
    'Person.districtCode': label('public-security', 'CONDITIONAL', 'PERSONAL'),
    'Person.idNumber': label('public-security', 'CONDITIONAL', 'SENSITIVE', 'ID_NUMBER'),
    'Person.annualIncomes': label('tax', 'CONDITIONAL', 'SENSITIVE'),
    'Person.medicalRecords': label('health', 'NONE', 'SENSITIVE'),
    'Enterprise.name': label('market-regulation', 'UNCONDITIONAL'),
  });
  const caseworkerNames = grant({
    id: 'public-security-caseworker-names',
    provider: 'public-security',
    consumer: { department: 'civil-affairs', role: 'caseworker' },
    purposes: ['social-assistance-eligibility'],
    fields: { Person: { id: 'full', name: 'masked' } },
    rows: { Person: { districtCode: '$jurisdiction' } },
  });
  const lint = (...grants: Grant[]) => lintPolicies(policySet(grants), classification, NOW);
  const finding = (
    severity: 'error' | 'warning',
    message: string,
    of: Grant = caseworkerNames,
  ) => ({
    severity,
    file: of.file,
    grantId: of.id,
    message,
  });
  return { classification, caseworkerNames, lint, finding };
}

describe('lintPolicies', () => {
  it('finds nothing wrong with a well-formed grant', () => {
    const { lint, caseworkerNames } = setup();
    expect(lint(caseworkerNames)).toEqual([]);
  });

  it('reports unknown types and fields', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(
      lint({
        ...caseworkerNames,
        fields: { Persn: { name: 'full' }, Person: { shoeSize: 'full' } },
      }),
    ).toEqual([
      finding(
        'error',
        'Persn is not a type of the graph; check the spelling against schema/*.graphql.',
      ),
      finding(
        'error',
        'Person.shoeSize is not a field of the graph; check the spelling against schema/*.graphql.',
      ),
    ]);
  });

  it('reports a NONE field granted to another department', () => {
    const { lint, finding } = setup();
    const recordsToCaseworker = grant({
      id: 'health-caseworker-records',
      provider: 'health',
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      purposes: ['social-assistance-eligibility'],
      fields: { Person: { medicalRecords: 'full' } },
      legalBasis: '医疗机构病历管理规定',
      expires: '2027-12-31',
    });
    expect(lint(recordsToCaseworker)).toEqual([
      finding(
        'error',
        "Person.medicalRecords is NONE (不予共享) and may not be granted to civil-affairs/caseworker; only health's own officials may read it.",
        recordsToCaseworker,
      ),
    ]);
  });

  it('reports sensitive fields opened without legalBasis or expires', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(
      lint({ ...caseworkerNames, fields: { Person: { id: 'full', idNumber: 'masked' } } }),
    ).toEqual([
      finding(
        'error',
        'The grant opens sensitive personal information (Person.idNumber) without a legalBasis; state the law that allows the disclosure.',
      ),
      finding(
        'error',
        'The grant opens sensitive personal information (Person.idNumber) without expires; give it an end date.',
      ),
    ]);
  });

  it('warns of an expired grant and rejects a malformed expiry date', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(lint({ ...caseworkerNames, expires: '2026-06-30' })).toEqual([
      finding(
        'warning',
        'The grant expired on 2026-06-30 and no longer applies; renew it with a new date or remove it.',
      ),
    ]);
    expect(lint({ ...caseworkerNames, expires: '2026-02-30' })).toEqual([
      finding(
        'error',
        "expires '2026-02-30' is not an ISO date; write the last day the grant applies, e.g. 2027-06-30.",
      ),
    ]);
  });

  it('reports a purpose missing from the catalogue, and a purpose listed twice', () => {
    const { classification, finding, caseworkerNames } = setup();
    const catalogue = policySet([], ['audit', 'audit']).purposes;
    expect(
      lintPolicies(
        { purposes: [...catalogue, catalogue[0]!], grants: [caseworkerNames] },
        classification,
        NOW,
      ),
    ).toEqual([
      {
        severity: 'error',
        file: 'purposes.yaml',
        grantId: null,
        message: "Purpose 'audit' is listed twice; remove one.",
      },
      finding(
        'error',
        "Purpose 'social-assistance-eligibility' is not in the purpose catalogue; add it to purposes.yaml or list a catalogued purpose.",
      ),
    ]);
  });

  it('reports a field granted by a department that does not own it', () => {
    const { lint, finding, caseworkerNames } = setup();
    const taxOpensNames = {
      ...caseworkerNames,
      id: 'tax-caseworker-names',
      provider: 'tax',
      file: 'grants/tax.yaml',
    };
    expect(lint(taxOpensNames)).toEqual([
      finding(
        'error',
        'Person.id is owned by public-security, not tax: only the owner grants its fields; move this entry to grants/public-security.yaml.',
        taxOpensNames,
      ),
      finding(
        'error',
        'Person.name is owned by public-security, not tax: only the owner grants its fields; move this entry to grants/public-security.yaml.',
        taxOpensNames,
      ),
    ]);
  });

  it("reports '*' on a type the provider owns nothing of", () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(
      lint({ ...caseworkerNames, fields: { Person: { id: 'full' }, Enterprise: { '*': 'full' } } }),
    ).toEqual([
      finding(
        'error',
        "'*' on Enterprise opens nothing: public-security owns no field of Enterprise; name fields public-security owns, or remove the entry.",
      ),
    ]);
  });

  it('reports row conditions on fields the type does not have, or with placeholders that never resolve', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(
      lint({
        ...caseworkerNames,
        rows: { Person: { district: '$jurisdiction', id: '$personId' } },
      }),
    ).toEqual([
      finding(
        'error',
        'Row condition on Person.district: Person has no field district; use one of: id, name, districtCode, idNumber, annualIncomes, medicalRecords.',
      ),
      finding(
        'error',
        'Row condition on Person.id uses $personId, which civil-affairs/caseworker never has, so the grant never applies; use a placeholder that consumer has.',
      ),
    ]);
    const citizenInJurisdiction = {
      ...caseworkerNames,
      consumer: { citizen: true } as const,
      rows: { Person: { districtCode: { $in: ['$jurisdiction', '$home'] } } },
    };
    expect(lint(citizenInJurisdiction)).toEqual([
      finding(
        'error',
        'Row condition on Person.districtCode uses $jurisdiction, which citizen never has, so the grant never applies; use a placeholder that consumer has.',
      ),
      finding(
        'error',
        'Row condition on Person.districtCode uses unknown placeholder $home; use $jurisdiction, $personId or $department.',
      ),
    ]);
  });

  it('warns of row conditions on a type the grant opens nothing of, and of masking a field without a mask style', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(
      lint({
        ...caseworkerNames,
        fields: { Person: { id: 'masked' } },
        rows: { Enterprise: { name: 'x' } },
      }),
    ).toEqual([
      finding(
        'warning',
        "Person.id has no masking style, so 'masked' shows it in full; grant it 'full' or not at all.",
      ),
      finding(
        'warning',
        'Row conditions on Enterprise have no effect: the grant opens no field of Enterprise.',
      ),
    ]);
  });

  it('reports a grant id used twice', () => {
    const { lint, finding, caseworkerNames } = setup();
    expect(lint(caseworkerNames, caseworkerNames)).toEqual([
      finding(
        'error',
        "Grant id 'public-security-caseworker-names' is used more than once; give each grant its own id.",
      ),
    ]);
  });

  it('reports quotas that count nothing or never bind', () => {
    const { lint, finding, caseworkerNames } = setup();
    const quota = (g: Grant, q: Grant['quota']): Grant => ({ ...g, quota: q });
    expect(
      lint(quota(caseworkerNames, { personsPerOfficial: 200, personsWithoutCaseNumber: 20 })),
    ).toEqual([]);
    const enterprise = grant({
      id: 'market-regulation-caseworker-enterprises',
      provider: 'market-regulation',
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      purposes: ['social-assistance-eligibility'],
      fields: { Enterprise: { name: 'full' } },
    });
    expect(lint(quota(enterprise, { personsPerOfficial: 10 }))).toEqual([
      finding(
        'warning',
        'The quota counts nothing: the grant opens no PERSONAL or SENSITIVE field, and quotas count the persons whose personal fields were disclosed; remove it.',
        enterprise,
      ),
    ]);
    const inverted = quota(caseworkerNames, {
      personsPerOfficial: 20,
      personsWithoutCaseNumber: 50,
      personsPerApplication: 10,
    });
    expect(lint(inverted)).toEqual([
      finding(
        'error',
        'quota.personsWithoutCaseNumber (50) is above quota.personsPerOfficial (20), so it never binds; lower it to at most 20.',
        inverted,
      ),
      finding(
        'warning',
        "quota.personsPerOfficial (20) is above quota.personsPerApplication (10): one official can use the whole application's quota.",
        inverted,
      ),
    ]);
  });
});
