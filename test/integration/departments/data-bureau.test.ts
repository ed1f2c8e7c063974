import { packPolicyRules, type PolicyRule } from '../../../policies';
import { createCity } from '../../../subgraphs/city';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

const city = createCity(TEST_CITY);
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
      ...Array.from({ length: 50 - wanted.length }, (_, i) => `UNKNOWN-${i}`),
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
