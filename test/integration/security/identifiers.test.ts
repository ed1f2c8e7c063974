import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

// A person in the caseworker's own district (武侯区 510107) and an enterprise of the city.
const APPLICANT = 'PFB9YBZ34';
const APPLICANT_NAME = '王天';
const ENTERPRISE = '91510107MA5B0A7H79';
const VALID_ID_NUMBER = '11010519491231002X';

/** Full-width form of ASCII letters and digits (NFKC maps them back). */
const fullWidth = (text: string) =>
  text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const ZWSP = '\u200b';
const ZWJ = '\u200d';
const RLO = '\u202e';

type Who = () => Promise<Record<string, string>>;
const caseworker: Who = () => as('caseworker', 'social-assistance-eligibility');
const registrar: Who = () => as('registrar', 'household-registration');
const inspector: Who = () => as('inspector', 'market-supervision');
const dispatcher: Who = () => as('dispatcher', 'appeal-handling');
const doctor: Who = () => as('doctor', 'medical-treatment');
const developer: Who = () => as('developer', 'service-development');
const auditor: Who = () => as('auditor', 'audit');
const objector: Who = () => as('inspector', 'data-objection');
const hrOfficer: Who = () =>
  as(
    { sub: 'hr-officer-1', kind: 'official', dept: 'human-resources', role: 'officer' },
    'social-insurance-administration',
  );

const RAISE = `mutation($input: RaiseObjectionInput!) { raiseObjection(input: $input) { id } }`;
const HOLD = `mutation($input: HoldDisclosureInput!) { holdDisclosure(input: $input) { caseNumber } }`;
const objection = (input: Record<string, string>) => ({
  input: {
    entityType: 'Person',
    entityKey: 'PCYGN28R6',
    coordinate: 'Person.name',
    reason: 'The name differs from the one on the business licence.',
    ...input,
  },
});
const hold = (input: Record<string, string>) => ({
  input: { caseNumber: 'JJ-2026-0042', hiddenUntil: '2099-01-01T00:00:00Z', reason: 'x', ...input },
});

// [attack, who, operation, variables, argument named, the raw value that must not come back]
const attacks: [string, Who, string, Record<string, unknown>, string, string][] = [
  ...(
    [
      ['a Cyrillic Р opening a person id', `Р${APPLICANT.slice(1)}`],
      ['a trailing space after a person id', `${APPLICANT} `],
      ['an ideographic space (U+3000) inside a person id', `PFB9\u3000YBZ34`],
      ['a lowercase person id', APPLICANT.toLowerCase()],
      ['a bidi override hiding an extra character', `${APPLICANT}${RLO}7`],
      ['a 300-character person id', APPLICANT.repeat(34)],
      ['a NUL character in a person id', `${APPLICANT}\u0000`],
    ] as const
  ).map(
    ([attack, id]) =>
      [
        `person(id): ${attack}`,
        caseworker,
        'query($v: ID!) { person(id: $v) { name idNumber } }',
        { v: id },
        'id',
        id,
      ] as [string, Who, string, Record<string, unknown>, string, string],
  ),
  [
    'personByIdNumber: full-width digits and a wrong check character',
    registrar,
    'query($v: String!) { personByIdNumber(idNumber: $v) { id } }',
    { v: fullWidth('110105194912310021') },
    'idNumber',
    '110105194912310021',
  ],
  [
    "personByIdNumber: a lowercase check letter 'x'",
    registrar,
    'query($v: String!) { personByIdNumber(idNumber: $v) { id } }',
    { v: VALID_ID_NUMBER.toLowerCase() },
    'idNumber',
    VALID_ID_NUMBER.toLowerCase(),
  ],
  [
    'personByIdNumber: Arabic-Indic digits (NFKC keeps them)',
    registrar,
    'query($v: String!) { personByIdNumber(idNumber: $v) { id } }',
    { v: '١١٠١٠٥١٩٤٩١٢٣١٠٠٢X' },
    'idNumber',
    '١١٠١٠٥١٩٤٩١٢٣١٠٠٢X',
  ],
  [
    'persons(districtCode): a letter O for a zero',
    registrar,
    'query($v: String) { persons(districtCode: $v) { id } }',
    { v: '5101O7' },
    'districtCode',
    '5101O7',
  ],
  [
    'household(id): a Cyrillic Н',
    registrar,
    'query($v: ID!) { household(id: $v) { id } }',
    { v: 'Н1Q7TZ0CM' },
    'id',
    'Н1Q7TZ0CM',
  ],
  [
    'enterprise(uscc): a Cyrillic А homoglyph',
    inspector,
    'query($v: String!) { enterprise(uscc: $v) { name } }',
    { v: ENTERPRISE.replace('A', 'А') },
    'uscc',
    ENTERPRISE.replace('A', 'А'),
  ],
  [
    'enterprise(uscc): lowercase letters',
    inspector,
    'query($v: String!) { enterprise(uscc: $v) { name } }',
    { v: ENTERPRISE.toLowerCase() },
    'uscc',
    ENTERPRISE.toLowerCase(),
  ],
  [
    'enterprises(districtCode): Arabic-Indic digits',
    inspector,
    'query($v: String) { enterprises(districtCode: $v) { uscc } }',
    { v: '٥١٠١٠٧' },
    'districtCode',
    '٥١٠١٠٧',
  ],
  [
    'subsistenceAllowances(districtCode): a no-break space',
    caseworker,
    'query($v: String) { subsistenceAllowances(districtCode: $v) { status } }',
    { v: '510107\u00a0' },
    'districtCode',
    '510107\u00a0',
  ],
  [
    'birthCertificate(certificateNumber): a full-width lowercase letter',
    doctor,
    'query($v: String!) { birthCertificate(certificateNumber: $v) { certificateNumber } }',
    { v: `ｑ510107000123` },
    'certificateNumber',
    'q510107000123',
  ],
  [
    'socialInsuranceAccount(accountNumber): a Cyrillic Ѕ',
    hrOfficer,
    'query($v: String!) { socialInsuranceAccount(accountNumber: $v) { accountNumber } }',
    { v: 'ЅI51010000012345' },
    'accountNumber',
    'ЅI51010000012345',
  ],
  [
    'appeal(number): an over-long ticket number',
    dispatcher,
    'query($v: String!) { appeal(number: $v) { number } }',
    { v: `12345-20261103-${'9'.repeat(40)}` },
    'number',
    '9'.repeat(40),
  ],
  [
    'appeals(assignedTo): a Greek Α in a department code',
    dispatcher,
    'query($v: String) { appeals(assignedTo: $v) { number } }',
    { v: '11510100MB0000000Α' },
    'assignedTo',
    '11510100MB0000000Α',
  ],
  [
    'serviceItem(code): Cyrillic Х and К',
    developer,
    'query($v: ID!) { serviceItem(code: $v) { name } }',
    { v: '510100-007-ХК-0001' },
    'code',
    '510100-007-ХК-0001',
  ],
  [
    'department(code): a bidi override around a department code',
    developer,
    'query($v: ID!) { department(code: $v) { name } }',
    { v: `${RLO}11510100MB0000000X` },
    'code',
    '11510100MB0000000X',
  ],
  [
    'dataResources(departmentCode): a zero-width joiner and a lowercase letter',
    developer,
    'query($v: String) { dataResources(departmentCode: $v) { name } }',
    { v: `1151010${ZWJ}0mb0000000X` },
    'departmentCode',
    '0mb0000000X',
  ],
  [
    'accessRecords(filter.personId): full-width lowercase',
    auditor,
    'query($v: AccessRecordFilter) { accessRecords(filter: $v) { next } }',
    { v: { personId: fullWidth('pfb9ybz34') } },
    'filter.personId',
    'pfb9ybz34',
  ],
  [
    'accessRecords(filter.caseNumber): full-width brackets and Chinese characters',
    auditor,
    'query($v: AccessRecordFilter) { accessRecords(filter: $v) { next } }',
    { v: { caseNumber: '（2026）川0107民初123号' } },
    'filter.caseNumber',
    '川0107民初123号',
  ],
  [
    'accessRecords(after): a cursor with spaces',
    auditor,
    'query($v: String) { accessRecords(after: $v) { next } }',
    { v: 'eyJ0 aW1l' },
    'after',
    'eyJ0 aW1l',
  ],
  [
    'disclosureHolds(caseNumber): an ideographic space',
    auditor,
    'query($v: String) { disclosureHolds(caseNumber: $v) { caseNumber } }',
    { v: 'MZ-2026\u30000042' },
    'caseNumber',
    '0042',
  ],
  [
    'holdDisclosure(input.recordId): an uppercase UUID',
    auditor,
    HOLD,
    hold({
      caseNumber: undefined as unknown as string,
      recordId: 'ABCDEF01-2345-6789-ABCD-EF0123456789',
    }),
    'input.recordId',
    'ABCDEF01-2345-6789-ABCD-EF0123456789',
  ],
  [
    'holdDisclosure(input.reason): a full-width ID number inside the reason',
    auditor,
    HOLD,
    hold({ reason: `Held for the case of ${fullWidth(VALID_ID_NUMBER)}.` }),
    'input.reason',
    VALID_ID_NUMBER,
  ],
  [
    'holdDisclosure(input.reason): a spaced-out full-width mobile number',
    auditor,
    HOLD,
    hold({ reason: `Witness reachable at ${fullWidth('138 1234 5678')}.` }),
    'input.reason',
    '5678',
  ],
  [
    'raiseObjection(input.entityKey): a full-width ID number',
    objector,
    RAISE,
    objection({ entityKey: fullWidth(VALID_ID_NUMBER) }),
    'input.entityKey',
    VALID_ID_NUMBER,
  ],
  [
    'raiseObjection(input.entityKey): a Cyrillic Р in a person id',
    objector,
    RAISE,
    objection({ entityKey: 'РCYGN28R6' }),
    'input.entityKey',
    'РCYGN28R6',
  ],
  [
    'raiseObjection(input.reason): an ID number split by zero-width spaces',
    objector,
    RAISE,
    objection({ reason: `His ID is ${[...VALID_ID_NUMBER].join(ZWSP)} per the licence.` }),
    'input.reason',
    '19491231',
  ],
  [
    'raiseObjection(input.reason): a social insurance account number',
    objector,
    RAISE,
    objection({ reason: 'See account ＳＩ５１０１０００００１２３４５.' }),
    'input.reason',
    '51010000012345',
  ],
  [
    'raiseObjection(input.coordinate): a Cyrillic е in the type name',
    objector,
    RAISE,
    objection({ coordinate: 'Pеrson.name' }),
    'input.coordinate',
    'Pеrson',
  ],
  [
    'grants(consumerDepartment): capital letters',
    auditor,
    'query($v: String) { grants(consumerDepartment: $v) { id } }',
    { v: 'Civil-Affairs' },
    'consumerDepartment',
    'Civil-Affairs',
  ],
  [
    'fieldCatalogue(type): a Cyrillic е',
    auditor,
    'query($v: String) { fieldCatalogue(type: $v) { coordinate } }',
    { v: 'Pеrson' },
    'type',
    'Pеrson',
  ],
];

describe('an identifier is normalized, then must match its alphabet exactly', () => {
  it.each(attacks)(
    '%s: 400 BAD_USER_INPUT naming the argument, without the value or any data',
    async (_attack, who, query, variables, argument, raw) => {
      const response = await federation.query(query, variables, await who());
      expect(response.status).toBe(400);
      expect(response.data).toBeUndefined();
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument,
      });
      const body = JSON.stringify(response);
      expect(body).not.toContain(raw);
      expect(body).not.toContain(JSON.stringify(raw).slice(1, -1));
      expect(body).not.toContain(APPLICANT_NAME);
    },
  );

  it('refuses a bad argument next to a good one without releasing the good one', async () => {
    const response = await federation.query(
      `{ a: person(id: "${APPLICANT}") { name } b: persons(districtCode: "5101") { name } }`,
      {},
      await caseworker(),
    );
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(JSON.stringify(response)).not.toContain(APPLICANT_NAME);
  });

  it('stores no objection whose reason carried an ID number', async () => {
    const mine = `{ myObjections(limit: 200) { reason } }`;
    const before = await federation.query<{ myObjections: { reason: string }[] }>(
      mine,
      {},
      await objector(),
    );
    await federation.query(
      RAISE,
      objection({ reason: `ID ${fullWidth(VALID_ID_NUMBER)}` }),
      await objector(),
    );
    const after = await federation.query<{ myObjections: { reason: string }[] }>(
      mine,
      {},
      await objector(),
    );
    expect(after.data!.myObjections).toHaveLength(before.data!.myObjections.length);
  });
});

describe('a value that normalizes to a valid identifier is judged as that identifier', () => {
  const same: [string, Who, string, string][] = [
    ['a full-width person id', caseworker, `{ person(id: "%s") { name idNumber } }`, APPLICANT],
    ['a person id with zero-width joiners', caseworker, `{ person(id: "%s") { name } }`, APPLICANT],
    ['a full-width USCC', inspector, `{ enterprise(uscc: "%s") { name status } }`, ENTERPRISE],
    [
      'a full-width district code',
      registrar,
      `{ persons(districtCode: "%s", limit: 3) { id } }`,
      '510107',
    ],
  ];

  it.each(same)('%s: the same answer as the ASCII form', async (what, who, query, value) => {
    const disguised = what.includes('joiners') ? [...value].join(ZWJ) : fullWidth(value);
    const plain = await federation.query(query.replace('%s', value), {}, await who());
    const normalized = await federation.query(query.replace('%s', disguised), {}, await who());
    expect(plain.status).toBe(200);
    expect(plain.errors).toBeUndefined();
    expect(normalized).toEqual(plain);
  });

  it("still meets the policy: a full-width id of a person outside the caseworker's district gets what the ASCII id gets", async () => {
    const outside = 'PCYGN28R6';
    const plain = await federation.query(
      `{ person(id: "${outside}") { name } }`,
      {},
      await caseworker(),
    );
    const disguised = await federation.query(
      `{ person(id: "${fullWidth(outside)}") { name } }`,
      {},
      await caseworker(),
    );
    expect(disguised.status).toBe(plain.status);
    expect(disguised.data).toEqual(plain.data);
  });

  it('a citizen reaches their own record through the full-width form of their id', async () => {
    const citizen = await as('citizen', 'self-service', APPLICANT);
    const response = await federation.query(
      `{ person(id: "${fullWidth(APPLICANT)}") { id name } }`,
      {},
      citizen,
    );
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ person: { id: APPLICANT, name: APPLICANT_NAME } });
  });
});
