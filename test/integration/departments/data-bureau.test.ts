import { readFileSync } from 'node:fs';
import { loadPolicies, packPolicyRules, type Grant, type PolicyRule } from '../../../policies';
import { whoCanRead } from '../../../policies/tooling';
import { isExpired } from '../../../policies';
import { SUPERGRAPH_PATH, classificationFromSupergraph } from '../../../schema';
import { createCity } from '../../../fixtures/city';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';
import { unknownDepartmentCode } from '../../support/identifiers';

const city = createCity(TEST_CITY);
const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const departments = city.departments();
const wuhouMarketRegulation = departments.find(
  (d) =>
    d.level === 'DISTRICT' &&
    d.districtCode === '510107' &&
    d.nameEn.startsWith('Market Regulation'),
)!;

let subgraph: OneSubgraph;
beforeAll(async () => {
  subgraph = await startOneSubgraph('data-bureau');
});
afterAll(() => subgraph.stop());

describe('data-bureau: the department registry', () => {
  it('returns a district bureau with its municipal parent', async () => {
    const parent = departments.find((d) => d.code === wuhouMarketRegulation.parentCode)!;
    const result = await subgraph.query(
      `query ($code: ID!) { department(code: $code) {
         code name nameEn level districtCode subgraph parent { code name level subgraph parent { code } } } }`,
      { code: wuhouMarketRegulation.code },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      department: {
        code: wuhouMarketRegulation.code,
        name: '成都市武侯区市场监督管理局',
        nameEn: wuhouMarketRegulation.nameEn,
        level: 'DISTRICT',
        districtCode: '510107',
        subgraph: null,
        parent: {
          code: parent.code,
          name: '成都市市场监督管理局',
          level: 'MUNICIPAL',
          subgraph: 'market-regulation',
          parent: null,
        },
      },
    });
  });

  it('lists the departments of one level and district, ordered by code', async () => {
    const result = await subgraph.query<{ departments: { code: string; level: string }[] }>(
      `{ municipal: departments(level: MUNICIPAL) { code level }
         departments(level: DISTRICT, districtCode: "510107") { code level } }`,
    );
    expect(result.errors).toBeUndefined();
    const wuhou = departments.filter((d) => d.level === 'DISTRICT' && d.districtCode === '510107');
    expect(result.data!.departments).toEqual(
      wuhou
        .map((d) => ({ code: d.code, level: 'DISTRICT' }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(wuhou).toHaveLength(3);
    const municipal = (result.data as unknown as { municipal: { code: string }[] }).municipal;
    expect(municipal).toHaveLength(departments.filter((d) => d.level === 'MUNICIPAL').length);
  });

  it('resolves 50 Department references with their parents in a constant number of statements', async () => {
    expect(departments).toHaveLength(50);
    const five = await entitiesCost(departments.slice(0, 5));
    expect(await entitiesCost(departments)).toBe(five);
    expect(five).toBe(1);
    const districts = departments.filter((d) => d.level === 'DISTRICT');
    const fiveDistricts = await entitiesCost(districts.slice(0, 5));
    expect(await entitiesCost(districts)).toBe(fiveDistricts);
    expect(fiveDistricts).toBe(2);
  });

  it('rejects a malformed department code or district code, naming the argument', async () => {
    const result = await subgraph.query(`{ department(code: "11510100MB0001") { code } }`);
    expect(result.errors).toMatchObject([
      {
        message: expect.stringMatching(/^code must be a department's unified social credit code/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'code' },
      },
    ]);
    const district = await subgraph.query(`{ departments(districtCode: "5101") { code } }`);
    expect(district.errors).toMatchObject([
      {
        message: expect.stringMatching(/^districtCode must be a six-digit/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'districtCode' },
      },
    ]);
  });
});

/** Statements one `_entities` call for these departments costs, after checking its answer. */
async function entitiesCost(
  wanted: readonly { code: string; parentCode: string | null }[],
): Promise<number> {
  const before = subgraph.statements();
  const result = await subgraph.query<{
    _entities: { code: string; parent: { code: string } | null }[];
  }>(
    `query ($representations: [_Any!]!) { _entities(representations: $representations) {
       ... on Department { code name level parent { code name parent { code } } } } }`,
    { representations: wanted.map((d) => ({ __typename: 'Department', code: d.code })) },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data!._entities.map((d) => [d.code, d.parent?.code ?? null])).toEqual(
    wanted.map((d) => [d.code, d.parentCode]),
  );
  return subgraph.statements() - before;
}

describe('data-bureau: the data catalogue', () => {
  it('lists the resources one department publishes, with the department resolved', async () => {
    const publisher = departments.find((d) => d.subgraph === 'tax')!;
    const expected = city
      .dataResources()
      .filter((r) => r.departmentCode === publisher.code)
      .sort((a, b) => a.code.localeCompare(b.code));
    expect(expected.length).toBeGreaterThan(0);
    const result = await subgraph.query(
      `query ($code: String) { dataResources(departmentCode: $code) {
         code name sharingClass updateFrequency department { code subgraph } } }`,
      { code: publisher.code },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      dataResources: expected.map((r) => ({
        code: r.code,
        name: r.name,
        sharingClass: r.sharingClass,
        updateFrequency: r.updateFrequency,
        department: { code: publisher.code, subgraph: 'tax' },
      })),
    });
  });

  it('reads the whole catalogue and its departments in two statements', async () => {
    const before = subgraph.statements();
    const result = await subgraph.query<{ dataResources: { department: { code: string } }[] }>(
      `{ dataResources { code department { code name } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.dataResources).toHaveLength(city.dataResources().length);
    expect(subgraph.statements() - before).toBe(2);
  });

  it('rejects a malformed department code, naming the argument', async () => {
    const result = await subgraph.query(`{ dataResources(departmentCode: "TAX") { code } }`);
    expect(result.errors).toMatchObject([
      {
        message: expect.stringMatching(/^departmentCode must be/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'departmentCode' },
      },
    ]);
  });
});

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  const codes = (list: readonly { code: string }[]) => list.map(({ code }) => ({ code }));
  const wuhou = departments.filter((d) => d.districtCode === '510107').sort(byCode);
  const publisher = departments.find((d) => d.subgraph === 'tax')!;
  const wuhouOnly = rules({
    action: 'read',
    subject: 'Department',
    conditions: { districtCode: '510107' },
  });
  const REGISTRY = `query ($code: ID!) {
    department(code: $code) { code parent { code } }
    departments { code }
    dataResources { code } }`;

  it('reads the whole registry under the condition-less rule of its UNCONDITIONAL fields', async () => {
    const unconditional = rules(
      { action: 'read', subject: 'Department', fields: ['code', 'name', 'parent'] },
      { action: 'read', subject: 'DataResource', fields: ['code', 'name'] },
    );
    const result = await subgraph.query<{ departments: unknown[]; dataResources: unknown[] }>(
      REGISTRY,
      { code: wuhouMarketRegulation.code },
      unconditional,
    );
    expect(result.data).toMatchObject({
      department: {
        code: wuhouMarketRegulation.code,
        parent: { code: wuhouMarketRegulation.parentCode },
      },
    });
    expect(result.data!.departments).toHaveLength(departments.length);
    expect(result.data!.dataResources).toHaveLength(city.dataResources().length);
  });

  it("keeps one department's rows only under a rule naming it", async () => {
    const [one, another] = departments;
    const result = await subgraph.query(
      `query ($one: ID!, $another: ID!) {
         one: department(code: $one) { code } another: department(code: $another) { code }
         departments { code } }`,
      { one: one!.code, another: another!.code },
      rules({ action: 'read', subject: 'Department', conditions: { code: one!.code } }),
    );
    expect(result.data).toEqual({
      one: { code: one!.code },
      another: null,
      departments: [{ code: one!.code }],
    });
  });

  it("keeps a district rule's departments only: a Wuhou bureau without its municipal parent", async () => {
    expect(wuhou).toHaveLength(3);
    expect(city.dataResources().filter((r) => r.departmentCode === publisher.code)).toHaveLength(3);
    const result = await subgraph.query(
      REGISTRY,
      { code: wuhouMarketRegulation.code },
      rules(
        { action: 'read', subject: 'Department', conditions: { districtCode: '510107' } },
        { action: 'read', subject: 'DataResource', conditions: { department: publisher.code } },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      department: { code: wuhouMarketRegulation.code, parent: null },
      departments: codes(wuhou),
      dataResources: codes(
        city
          .dataResources()
          .filter((r) => r.departmentCode === publisher.code)
          .sort(byCode),
      ),
    });
  });

  it('returns nothing for rules that do not open the type', async () => {
    const result = await subgraph.query(
      REGISTRY,
      { code: wuhouMarketRegulation.code },
      rules({ action: 'read', subject: 'Appeal' }),
    );
    expect(result.data).toEqual({ department: null, departments: [], dataResources: [] });
  });

  it('resolves 50 Department references under a district rule in as many statements as 5', async () => {
    // District bureaus, Wuhou's first (their parents are looked up, and filtered out), then
    // codes no department has.
    const districts = departments.filter(
      (d) => d.level === 'DISTRICT' && d.districtCode !== '510107',
    );
    const wanted = [...wuhou, ...districts].map(({ code }) => code);
    const fifty = [
      ...wanted,
      ...Array.from({ length: 50 - wanted.length }, (_, i) => unknownDepartmentCode(i)),
    ];
    const cost = async (codes: readonly string[]) => {
      const before = subgraph.statements();
      const result = await subgraph.query<{ _entities: unknown[] }>(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) {
           ... on Department { code parent { code } } } }`,
        { representations: codes.map((code) => ({ __typename: 'Department', code })) },
        wuhouOnly,
      );
      expect(result.errors).toBeUndefined();
      return { found: result.data!._entities, statements: subgraph.statements() - before };
    };
    const five = await cost(fifty.slice(0, 5));
    const all = await cost(fifty);
    expect(all.statements).toBe(five.statements);
    expect(five.statements).toBe(2);
    expect(all.found).toEqual([
      ...wuhou.map(({ code }) => ({ code, parent: null })),
      ...Array.from({ length: 50 - wuhou.length }, () => null),
    ]);
  });
});

describe('data-bureau: the policies, for auditors', () => {
  const policies = loadPolicies();
  const idsOf = (keep: (grant: Grant) => boolean) =>
    policies.grants.filter(keep).map(({ id }) => ({ id }));

  it("lists one provider's grants as its file writes them, '*' expanded and placeholders as written", async () => {
    const result = await subgraph.query<{ grants: { id: string }[] }>(
      `{ grants(provider: "health") {
         id provider consumer { department role application citizen }
         purposes { code name nameEn legalBasis } fields { coordinate access }
         rows { type field value anyOf } legalBasis expires expired note } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.grants.map(({ id }) => ({ id }))).toEqual(
      idsOf((g) => g.provider === 'health'),
    );
    const birthCertificateFields = [...classification.keys()].filter(
      (c) => c.startsWith('BirthCertificate.') && classification.get(c)!.owner === 'health',
    );
    expect(result.data!.grants[2]).toEqual({
      id: 'health-citizen-own-certificates',
      provider: 'health',
      consumer: { department: null, role: null, application: null, citizen: true },
      purposes: [
        {
          code: 'self-service',
          name: '本人信息查询',
          nameEn: 'A citizen reading their own record',
          legalBasis:
            '《中华人民共和国个人信息保护法》第四十四条、第四十五条（查阅、复制本人个人信息）',
        },
      ],
      fields: expect.arrayContaining([
        { coordinate: 'Person.birthCertificate', access: 'FULL' },
        { coordinate: 'Person.vaccinations', access: 'FULL' },
        ...birthCertificateFields.map((coordinate) => ({ coordinate, access: 'FULL' })),
      ]),
      rows: [
        { type: 'Person', field: 'id', value: '$personId', anyOf: null },
        { type: 'BirthCertificate', field: 'child', value: '$personId', anyOf: null },
      ],
      legalBasis: '《中华人民共和国个人信息保护法》第四十五条',
      expires: '2027-12-31',
      expired: isExpired('2027-12-31', new Date()),
      note: null,
    });
    expect(birthCertificateFields.length).toBeGreaterThan(3);
    expect(JSON.stringify(result.data)).not.toContain('*');
  });

  it('filters grants by purpose, and by provider and consumer department together', async () => {
    const result = await subgraph.query(
      `{ audit: grants(purpose: "audit") { id }
         caseworker: grants(provider: "public-security", consumerDepartment: "civil-affairs") { id } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      audit: idsOf((g) => g.purposes.includes('audit')),
      caseworker: idsOf(
        (g) =>
          g.provider === 'public-security' &&
          'department' in g.consumer &&
          g.consumer.department === 'civil-affairs',
      ),
    });
    expect(result.data!.audit).toContainEqual({ id: 'data-bureau-auditor-policies' });
    expect(result.data!.caseworker).toContainEqual({ id: 'public-security-caseworker-persons' });
  });

  it('lists the purpose catalogue', async () => {
    const result = await subgraph.query(`{ purposes { code name nameEn legalBasis } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      purposes: policies.purposes.map((p) => ({
        code: p.code,
        name: p.name.zh,
        nameEn: p.name.en,
        legalBasis: p.legalBasis,
      })),
    });
  });

  it("lists a type's fields with their labels and who can read them, as the policy CLI does", async () => {
    const result = await subgraph.query<{ fieldCatalogue: { coordinate: string }[] }>(
      `{ fieldCatalogue(type: "Person") {
         coordinate type field sharingClass personalInfo mask owner
         readers { consumer { department role application citizen } description purposes access
                   rows { type field value anyOf } grantId expires expired } } }`,
    );
    expect(result.errors).toBeUndefined();
    const catalogue = result.data!.fieldCatalogue;
    expect(catalogue.map((f) => f.coordinate)).toEqual(
      [...classification.keys()].filter((c) => c.startsWith('Person.')),
    );
    expect(catalogue.find((f) => f.coordinate === 'Person.idNumber')).toMatchObject({
      type: 'Person',
      field: 'idNumber',
      sharingClass: 'CONDITIONAL',
      personalInfo: 'SENSITIVE',
      mask: 'ID_NUMBER',
      owner: 'public-security',
      readers: expect.arrayContaining([
        {
          consumer: {
            department: 'civil-affairs',
            role: 'caseworker',
            application: null,
            citizen: false,
          },
          description: 'civil-affairs/caseworker',
          purposes: ['social-assistance-eligibility'],
          access: 'MASKED',
          rows: [{ type: 'Person', field: 'districtCode', value: '$jurisdiction', anyOf: null }],
          grantId: 'public-security-caseworker-persons',
          expires: '2027-12-31',
          expired: isExpired('2027-12-31', new Date()),
        },
      ]),
    });
    expect(
      (catalogue.find((f) => f.coordinate === 'Person.idNumber') as any).readers.map(
        (r: { grantId: string }) => r.grantId,
      ),
    ).toEqual(whoCanRead(policies, classification, 'Person.idNumber').map((r) => r.grantId));
  });

  it('names anyone, under any purpose, as a reader of an UNCONDITIONAL field', async () => {
    const result = await subgraph.query<{ fieldCatalogue: any[] }>(
      `{ fieldCatalogue(type: "Enterprise") { coordinate sharingClass
         readers { consumer { citizen } description purposes access grantId expires } } }`,
    );
    expect(result.errors).toBeUndefined();
    const name = result.data!.fieldCatalogue.find((f) => f.coordinate === 'Enterprise.name');
    expect(name.sharingClass).toBe('UNCONDITIONAL');
    expect(name.readers[0]).toEqual({
      consumer: null,
      description: 'anyone',
      purposes: ['*'],
      access: 'FULL',
      grantId: null,
      expires: null,
    });
  });

  it('rejects an unknown provider, purpose or type, naming the argument and the known values', async () => {
    const result = await subgraph.query(`{ grants(provider: "helth") { id } }`);
    expect(result.errors).toMatchObject([
      {
        message: expect.stringMatching(
          /^provider must be a department's subgraph name, one of: .*health.*\.$/,
        ),
        extensions: { code: 'BAD_USER_INPUT', argument: 'provider' },
      },
    ]);
    const purpose = await subgraph.query(`{ grants(purpose: "curiosity") { id } }`);
    expect(purpose.errors).toMatchObject([
      {
        message: expect.stringMatching(/^purpose must be a purpose code, one of: .*audit.*\.$/),
        extensions: { code: 'BAD_USER_INPUT', argument: 'purpose' },
      },
    ]);
    const type = await subgraph.query(`{ fieldCatalogue(type: "Persn") { coordinate } }`);
    expect(type.errors).toMatchObject([
      {
        message: expect.stringMatching(
          /^type must be an object type of the graph, one of: .*Person.*\.$/,
        ),
        extensions: { code: 'BAD_USER_INPUT', argument: 'type' },
      },
    ]);
  });
});

describe('row policy of the policies', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  const POLICIES = `{ grants { id purposes { code } } purposes { code }
    fieldCatalogue(type: "Person") { coordinate readers { grantId } } }`;

  it('reads them under rules without row conditions', async () => {
    const result = await subgraph.query<any>(
      POLICIES,
      {},
      rules(
        { action: 'read', subject: 'Grant', fields: ['id', 'purposes'] },
        { action: 'read', subject: 'Purpose', fields: ['code'] },
        { action: 'read', subject: 'FieldClassification', fields: ['coordinate', 'readers'] },
        { action: 'read', subject: 'Reader', fields: ['grantId'] },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.grants).toHaveLength(loadPolicies().grants.length);
    expect(result.data.grants[0].purposes).not.toEqual([]);
    expect(result.data.fieldCatalogue[0].readers).not.toEqual([]);
  });

  it('returns nothing for rules that do not open the types', async () => {
    const result = await subgraph.query(
      POLICIES,
      {},
      rules({ action: 'read', subject: 'Department' }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ grants: [], purposes: [], fieldCatalogue: [] });
  });

  it('leaves out the parts of a type the rules do not open: grants without their purposes', async () => {
    const result = await subgraph.query<any>(
      `{ grants(provider: "tax") { id purposes { code } } fieldCatalogue(type: "Person") { readers { grantId } } }`,
      {},
      rules(
        { action: 'read', subject: 'Grant' },
        { action: 'read', subject: 'FieldClassification' },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.grants.length).toBeGreaterThan(0);
    expect(result.data.grants.every((g: any) => g.purposes.length === 0)).toBe(true);
    expect(result.data.fieldCatalogue.every((f: any) => f.readers.length === 0)).toBe(true);
  });

  it('fails closed on a row condition: these types are not rows with columns to test it on', async () => {
    const result = await subgraph.query(
      POLICIES,
      {},
      rules(
        { action: 'read', subject: 'Grant', conditions: { provider: 'tax' } },
        { action: 'read', subject: 'Purpose', conditions: { code: 'audit' } },
        { action: 'read', subject: 'FieldClassification', conditions: { owner: 'tax' } },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ grants: [], purposes: [], fieldCatalogue: [] });
  });
});
