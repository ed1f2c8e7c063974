import { packPolicyRules, type PolicyRule } from '../../../policies';
import { REFERENCE_DATE, createCity } from '../../../fixtures/city';
import type { Evaluation, RatingLevel, ServiceItem } from '../../../fixtures/city/types';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

const LEVELS: readonly RatingLevel[] = [
  'VERY_SATISFIED',
  'SATISFIED',
  'BASICALLY_SATISFIED',
  'DISSATISFIED',
  'VERY_DISSATISFIED',
];

const city = createCity(TEST_CITY);
const items = [...city.serviceItems()].sort((a, b) => a.code.localeCompare(b.code));
const evaluations = [...city.evaluations()];

/** The rating summary the subgraph should give for these evaluations. */
function expectedSummary(rated: readonly Evaluation[]) {
  const byLevel = LEVELS.map((level) => ({
    level,
    count: rated.filter((e) => e.level === level).length,
  }));
  const satisfied = byLevel.slice(0, 3).reduce((sum, { count }) => sum + count, 0);
  return {
    total: rated.length,
    byLevel,
    satisfactionRate: rated.length === 0 ? null : satisfied / rated.length,
    overdueRectifications: rated.filter(
      (e) =>
        e.rectification !== null &&
        e.rectification.rectifiedAt === null &&
        e.rectification.dueBy < REFERENCE_DATE,
    ).length,
  };
}

/** Newest first, as ServiceItem.evaluations and Person.evaluations list them. */
function newestFirst(rated: readonly Evaluation[]): Evaluation[] {
  return [...rated].sort((a, b) => b.ratedAt.localeCompare(a.ratedAt) || b.id.localeCompare(a.id));
}

const ofItem = (item: ServiceItem) => evaluations.filter((e) => e.serviceItemCode === item.code);
const ofDepartment = (code: string) =>
  evaluations.filter(
    (e) => items.find((i) => i.code === e.serviceItemCode)!.departmentCode === code,
  );

const SUMMARY = 'total byLevel { level count } satisfactionRate overdueRectifications';

let subgraph: OneSubgraph;
beforeAll(async () => {
  subgraph = await startOneSubgraph('evaluation');
});
afterAll(() => subgraph.stop());

describe('evaluation: service items', () => {
  it("lists a department's service items with their rating summaries and newest ratings", async () => {
    const department = items[0]!.departmentCode;
    const expected = items.filter((i) => i.departmentCode === department).slice(0, 3);
    const result = await subgraph.query(
      `query ($department: String) { serviceItems(departmentCode: $department, limit: 3) {
         code name category onlineAvailable promisedDays department { code }
         ratingSummary { ${SUMMARY} }
         evaluations(limit: 2) { id level channel ratedAt evaluator { id } serviceItem { code }
           rectification { dueBy rectifiedAt overdue } } } }`,
      { department },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      serviceItems: expected.map((item) => ({
        code: item.code,
        name: item.name,
        category: item.category,
        onlineAvailable: item.onlineAvailable,
        promisedDays: item.promisedDays,
        department: { code: department },
        ratingSummary: expectedSummary(ofItem(item)),
        evaluations: newestFirst(ofItem(item))
          .slice(0, 2)
          .map((e) => ({
            id: e.id,
            level: e.level,
            channel: e.channel,
            ratedAt: e.ratedAt,
            evaluator: { id: e.evaluatorId },
            serviceItem: { code: item.code },
            rectification: e.rectification && {
              ...e.rectification,
              overdue:
                e.rectification.rectifiedAt === null && e.rectification.dueBy < REFERENCE_DATE,
            },
          })),
      })),
    });
  });

  it('reads different per-item limits of one request in one statement', async () => {
    const item = items.reduce((most, i) => (ofItem(i).length > ofItem(most).length ? i : most));
    const ids = newestFirst(ofItem(item)).map((e) => ({ id: e.id }));
    const { statements, data } = await cost(
      `query ($code: ID!) { serviceItem(code: $code) { newest: evaluations(limit: 1) { id } recent: evaluations(limit: 4) { id } } }`,
      { code: item.code },
    );
    expect(data).toEqual({ serviceItem: { newest: ids.slice(0, 1), recent: ids.slice(0, 4) } });
    expect(ids.length).toBeGreaterThan(4);
    expect(statements).toBe(2);
  });

  it('counts overdue rectifications against the reference date, not the wall clock', async () => {
    const overdue = evaluations.filter(
      (e) =>
        e.rectification !== null &&
        e.rectification.rectifiedAt === null &&
        e.rectification.dueBy < REFERENCE_DATE,
    );
    expect(overdue.length).toBeGreaterThan(0);
    const item = items.find((i) => i.code === overdue[0]!.serviceItemCode)!;
    const result = await subgraph.query<{
      serviceItem: { ratingSummary: { overdueRectifications: number } };
    }>(
      `query ($code: ID!) { serviceItem(code: $code) { ratingSummary { overdueRectifications } } }`,
      { code: item.code },
    );
    expect(result.data!.serviceItem.ratingSummary.overdueRectifications).toBe(
      overdue.filter((e) => e.serviceItemCode === item.code).length,
    );
  });
});

/** The statements one query costs, after checking it answered without errors. */
async function cost(
  query: string,
  variables: Record<string, unknown>,
  rules?: unknown[],
  denied = false,
): Promise<{ statements: number; data: unknown }> {
  const before = subgraph.statements();
  const result = await subgraph.query(query, variables, rules);
  if (denied) for (const e of result.errors ?? []) expect(e.extensions?.code).toBe('FORBIDDEN');
  else expect(result.errors).toBeUndefined();
  return { statements: subgraph.statements() - before, data: result.data };
}

const SELECTIONS = {
  ServiceItem: `code department { code } ratingSummary { ${SUMMARY} }
    evaluations(limit: 3) { id evaluator { id } serviceItem { name } rectification { overdue } }`,
  Department: `code serviceItems { code name } ratingSummary { ${SUMMARY} }`,
  Person: 'id evaluations { id level serviceItem { code name } }',
};

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ${Object.entries(SELECTIONS)
    .map(([type, selection]) => `... on ${type} { ${selection} }`)
    .join('\n')} } }`;

describe('evaluation: entities', () => {
  const departmentCodes = [...new Set(items.map((i) => i.departmentCode))];
  const evaluatorIds = [...new Set(newestFirst(evaluations).map((e) => e.evaluatorId))];
  const keys = {
    ServiceItem: items.map((i) => ({ code: i.code })),
    Department: city.departments().map((d) => ({ code: d.code })),
    Person: evaluatorIds.map((id) => ({ id })),
  };

  it.each(Object.keys(keys) as (keyof typeof keys)[])(
    'resolves 50 %s representations, every field selected, in as many statements as 5',
    async (typename) => {
      expect(keys[typename].length).toBeGreaterThanOrEqual(50);
      const representations = (count: number) =>
        keys[typename].slice(0, count).map((key) => ({ __typename: typename, ...key }));
      const five = await cost(ENTITIES, { representations: representations(5) });
      const fifty = await cost(ENTITIES, { representations: representations(50) });
      expect((fifty.data as { _entities: unknown[] })._entities).toHaveLength(50);
      expect(fifty.statements).toBe(five.statements);
      expect(five.statements).toBe({ ServiceItem: 3, Department: 2, Person: 2 }[typename]);
    },
  );

  it("answers the entities with the city's ratings", async () => {
    const department = departmentCodes[0]!;
    const person = evaluatorIds[0]!;
    const { data } = await cost(ENTITIES, {
      representations: [
        { __typename: 'Department', code: department },
        { __typename: 'Person', id: person },
      ],
    });
    const rated = newestFirst(evaluations.filter((e) => e.evaluatorId === person));
    expect(data).toEqual({
      _entities: [
        {
          code: department,
          serviceItems: items
            .filter((i) => i.departmentCode === department)
            .map((i) => ({ code: i.code, name: i.name })),
          ratingSummary: expectedSummary(ofDepartment(department)),
        },
        {
          id: person,
          evaluations: rated.map((e) => ({
            id: e.id,
            level: e.level,
            serviceItem: {
              code: e.serviceItemCode,
              name: items.find((i) => i.code === e.serviceItemCode)!.name,
            },
          })),
        },
      ],
    });
  });

  it('resolves every Department key, even one without service items', async () => {
    const withoutItems = city.departments().find((d) => !departmentCodes.includes(d.code))!;
    const { data } = await cost(ENTITIES, {
      representations: [{ __typename: 'Department', code: withoutItems.code }],
    });
    expect(data).toEqual({
      _entities: [
        { code: withoutItems.code, serviceItems: [], ratingSummary: expectedSummary([]) },
      ],
    });
  });
});

describe('evaluation: bad input', () => {
  it.each([
    ['serviceItems(limit: 5001) { code }', 'limit', /^limit must be between 0 and 5000; got 5001/],
    [
      'serviceItems(departmentCode: "12345") { code }',
      'departmentCode',
      /^departmentCode must be a department's unified social credit code/,
    ],
  ])('rejects %s naming %s', async (field, argument, message) => {
    const result = await subgraph.query(`{ ${field} }`);
    expect(result.errors).toMatchObject([
      { message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(result.errors![0]!.message).toContain(argument);
  });

  it('rejects a per-item evaluations limit over 5000', async () => {
    const result = await subgraph.query(
      `query ($code: ID!) { serviceItem(code: $code) { code evaluations(limit: 5001) { id } } }`,
      { code: items[0]!.code },
    );
    expect(result.errors).toMatchObject([
      {
        message: 'limit must be between 0 and 5000; got 5001.',
        path: ['serviceItem', 'evaluations'],
        extensions: { code: 'BAD_USER_INPUT', limit: 5001, max: 5000 },
      },
    ]);
  });
});

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  const evaluatorIds = [...new Set(newestFirst(evaluations).map((e) => e.evaluatorId))];
  const [me, other] = evaluatorIds as [string, string];
  const mine = newestFirst(evaluations.filter((e) => e.evaluatorId === me));
  /** What the self-service grant gives a citizen (service items are UNCONDITIONAL). */
  const citizen = rules(
    { action: 'read', subject: 'Person', fields: ['id', 'evaluations'], conditions: { id: me } },
    { action: 'read', subject: 'Evaluation', conditions: { evaluator: me } },
    { action: 'read', subject: 'ServiceItem' },
  );
  const PERSONS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Person { id evaluations { id serviceItem { code } } } } }`;
  const persons = (ids: readonly string[]) => ({
    representations: ids.map((id) => ({ __typename: 'Person', id })),
  });

  it("gives a citizen their own ratings and nothing of another person's", async () => {
    expect(mine.length).toBeGreaterThan(0);
    const { data } = await cost(PERSONS, persons([me, other]), citizen, true);
    expect(data).toEqual({
      _entities: [
        {
          id: me,
          evaluations: mine.map((e) => ({ id: e.id, serviceItem: { code: e.serviceItemCode } })),
        },
        null,
      ],
    });
  });

  it("ranks an item's newest ratings among those the rules keep", async () => {
    const newestOf = (code: string) =>
      newestFirst(evaluations.filter((e) => e.serviceItemCode === code));
    // A rating that is not its item's newest, and its evaluator's newest of that item.
    const older = evaluations.find((e) => newestOf(e.serviceItemCode)[0]!.id !== e.id)!;
    const item = older.serviceItemCode;
    const theirs = newestOf(item).find((e) => e.evaluatorId === older.evaluatorId)!;
    expect(theirs.id).not.toBe(newestOf(item)[0]!.id);
    const { data } = await cost(
      `query ($code: ID!) { serviceItem(code: $code) { code evaluations(limit: 1) { id } } }`,
      { code: item },
      rules(
        { action: 'read', subject: 'ServiceItem' },
        { action: 'read', subject: 'Evaluation', conditions: { evaluator: older.evaluatorId } },
      ),
    );
    expect(data).toEqual({ serviceItem: { code: item, evaluations: [{ id: theirs.id }] } });
  });

  // The evaluation tables keep no district: a department's rule stands in for one.
  it("keeps a department rule's service items only", async () => {
    const [first, second] = [...new Set(items.map((i) => i.departmentCode))] as [string, string];
    const restricted = rules({
      action: 'read',
      subject: 'ServiceItem',
      conditions: { department: first },
    });
    const { data } = await cost(
      `query ($other: ID!) { serviceItems(limit: 5000) { code } serviceItem(code: $other) { code } }`,
      { other: items.find((i) => i.departmentCode === second)!.code },
      restricted,
    );
    expect(data).toEqual({
      serviceItems: items.filter((i) => i.departmentCode === first).map((i) => ({ code: i.code })),
      serviceItem: null,
    });
  });

  it('returns nothing for rules that do not open the type, but every rating in a summary', async () => {
    const department = items[0]!.departmentCode;
    const unrelated = rules({ action: 'read', subject: 'Appeal' });
    const { data } = await cost(
      `query ($code: ID!, $representations: [_Any!]!) {
         serviceItem(code: $code) { code } serviceItems { code }
         _entities(representations: $representations) {
           ... on Person { id evaluations { id } }
           ... on Department { code serviceItems { code } ratingSummary { ${SUMMARY} } } } }`,
      {
        code: items[0]!.code,
        representations: [
          { __typename: 'Person', id: me },
          { __typename: 'Department', code: department },
        ],
      },
      unrelated,
      true,
    );
    expect(data).toEqual({
      serviceItem: null,
      serviceItems: [],
      _entities: [
        null,
        {
          code: department,
          serviceItems: [],
          ratingSummary: expectedSummary(ofDepartment(department)),
        },
      ],
    });
  });

  it('resolves 50 Person representations under a restrictive rule in as many statements as 5', async () => {
    const five = await cost(PERSONS, persons(evaluatorIds.slice(0, 5)), citizen, true);
    const fifty = await cost(PERSONS, persons(evaluatorIds.slice(0, 50)), citizen, true);
    expect(fifty.statements).toBe(five.statements);
    expect(five.statements).toBe(2);
    const rated = (fifty.data as { _entities: ({ evaluations: unknown[] } | null)[] })._entities;
    expect(rated).toHaveLength(50);
    expect(rated.flatMap((p) => p?.evaluations ?? [])).toHaveLength(mine.length);
  });
});
