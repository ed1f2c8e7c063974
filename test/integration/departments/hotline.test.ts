import { packPolicyRules, type PolicyRule } from '../../../policies';
import { Database } from '../../../subgraphs/kit';
import { testDatabaseUrl } from '../../support/database';
import { startOneSubgraph, type OneSubgraph, lookupEntities } from '../../support/subgraph';
import { unknownDepartmentCode, unknownPersonId } from '../../support/identifiers';

/** A department no appeal was ever assigned to. */
const NO_APPEALS = unknownDepartmentCode(999_999);

let subgraph: OneSubgraph;
let db: Database;

beforeAll(async () => {
  subgraph = await startOneSubgraph('hotline');
  db = new Database({ url: testDatabaseUrl(), schema: 'hotline', maxConnections: 2 });
});

afterAll(async () => {
  await subgraph.stop();
  await db.close();
});

const APPEAL = `number status submittedAt satisfaction districtCode
  submitter { id } enterprise { uscc } assignedTo { code }
  timeline { stage at note department { code } }`;

const ENTITIES = `
  ... on Person { id appeals { ${APPEAL} } }
  ... on Enterprise { uscc appeals(limit: 3) { ${APPEAL} } }
  ... on Department {
    code
    appealSummary { received closed open averageSatisfaction }
    appealsAssigned(limit: 2) { ${APPEAL} }
  }`;

interface AppealResult {
  number: string;
  status: string;
  submittedAt: string;
  timeline: { stage: string; department: { code: string } }[];
}

type Entity = Record<string, unknown> & {
  appeals?: AppealResult[];
  appealsAssigned?: AppealResult[];
};

const entities = (
  representations: readonly Record<string, string>[],
  rules?: unknown[],
  denied = false,
) => lookupEntities<Entity | null>(subgraph, representations, ENTITIES, rules, denied);

/** Keys of one column, most appeals first, padded with keys no appeal has. */
async function keys(column: string, count: number): Promise<string[]> {
  const rows = await db.query<{ key: string }>(
    `SELECT ${column} AS key FROM appeal WHERE ${column} IS NOT NULL
      GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT $1`,
    [count],
  );
  const found = rows.map((r) => r.key);
  const unknown = column === 'submitter_id' ? unknownPersonId : unknownDepartmentCode;
  return [...found, ...Array.from({ length: count - found.length }, (_, i) => unknown(i))];
}

const isNewestFirst = (appeals: AppealResult[]) =>
  appeals.every((a, i) => i === 0 || appeals[i - 1]!.submittedAt >= a.submittedAt);

describe('hotline subgraph', () => {
  it('lists appeals newest first, each with its timeline and the stage it reached as status', async () => {
    const newest = await db.query<{ number: string }>(
      'SELECT number FROM appeal ORDER BY submitted_at DESC, number DESC LIMIT 5',
    );
    const response = await subgraph.query<{ appeals: AppealResult[] }>(
      `{ appeals(limit: 5) { ${APPEAL} } }`,
    );
    expect(response.errors).toBeUndefined();
    const appeals = response.data!.appeals;
    expect(appeals.map((a) => a.number)).toEqual(newest.map((r) => r.number));
    for (const appeal of appeals) {
      expect(appeal.timeline[0]!.stage).toBe('ACCEPTED');
      expect(appeal.status).toBe(appeal.timeline.at(-1)!.stage);
    }

    const one = await subgraph.query<{ appeal: AppealResult }>(
      `query ($n: String!) { appeal(number: $n) { ${APPEAL} } }`,
      { n: appeals[2]!.number },
    );
    expect(one.data!.appeal).toEqual(appeals[2]);
  });

  it('filters appeals by assigned department and status', async () => {
    const [department] = await keys('assigned_to', 1);
    const closed = await db.query<{ number: string }>(
      `SELECT number FROM appeal WHERE assigned_to = $1 AND status = 'CLOSED'
        ORDER BY submitted_at DESC, number DESC LIMIT 50`,
      [department],
    );
    expect(closed.length).toBeGreaterThan(0);
    const response = await subgraph.query<{ appeals: { number: string }[] }>(
      `query ($code: String!) { appeals(assignedTo: $code, status: CLOSED, limit: 50) { number } }`,
      { code: department },
    );
    expect(response.data!.appeals).toEqual(closed);
  });

  it('summarises each department from the timelines, zero for one with no appeals', async () => {
    const codes = await keys('assigned_to', 3);
    const expected = await db.query<{
      code: string;
      received: number;
      closed: number;
      mean: number;
    }>(
      `SELECT a.assigned_to AS code, count(*) AS received,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM appeal_event e WHERE e.appeal_number = a.number
                                               AND e.stage IN ('CLOSED', 'CALLED_BACK', 'RATED'))) AS closed,
              round(avg(a.satisfaction), 6) AS mean
         FROM appeal a WHERE a.assigned_to = ANY($1) GROUP BY a.assigned_to`,
      [codes],
    );
    const newest = await db.query<{ number: string }>(
      'SELECT number FROM appeal WHERE assigned_to = $1 ORDER BY submitted_at DESC, number DESC LIMIT 2',
      [codes[0]],
    );
    const { entities: found } = await entities(
      [...codes, NO_APPEALS].map((code) => ({ __typename: 'Department', code })),
    );
    for (const row of expected) {
      const summary = found.find((d) => d?.code === row.code)!.appealSummary as Record<
        string,
        number
      >;
      const { received, closed } = row;
      expect(summary).toMatchObject({ received, closed, open: received - closed });
      expect(summary.averageSatisfaction).toBeCloseTo(row.mean, 5);
    }
    expect(found[0]!.appealsAssigned!.map((a) => a.number)).toEqual(newest.map((a) => a.number));
    expect(found.at(-1)).toEqual({
      code: NO_APPEALS,
      appealSummary: { received: 0, closed: 0, open: 0, averageSatisfaction: null },
      appealsAssigned: [],
    });
  });

  it.each([
    ['Person', 'id', 'submitter_id'],
    ['Enterprise', 'uscc', 'enterprise_uscc'],
    ['Department', 'code', 'assigned_to'],
  ])(
    'resolves 50 %s representations with the same number of statements as 5',
    async (typename, key, column) => {
      const all = (await keys(column, 50)).map((value) => ({ __typename: typename, [key]: value }));
      const five = await entities(all.slice(0, 5));
      const fifty = await entities(all);
      expect(fifty.entities).toHaveLength(50);
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(typename === 'Department' ? 3 : 2);
      for (const entity of fifty.entities) {
        const appeals = entity!.appeals ?? entity!.appealsAssigned!;
        expect(isNewestFirst(appeals)).toBe(true);
        if (typename === 'Enterprise') expect(appeals.length).toBeLessThanOrEqual(3);
      }
      expect(fifty.entities[0]!.appeals ?? fifty.entities[0]!.appealsAssigned).not.toHaveLength(0);
    },
  );

  it('rejects a page larger than 5000, a malformed department code and a malformed ticket number', async () => {
    const tooLarge = await subgraph.query(
      `{ _entities(representations: [{ __typename: "Enterprise", uscc: "91350100M000100Y43" }]) {
           ... on Enterprise { appeals(limit: 5001) { number } } } }`,
    );
    const badCode = await subgraph.query(`{ appeals(assignedTo: "11510100MB123456") { number } }`);
    const badNumber = await subgraph.query(`{ appeal(number: "20261103-123") { number } }`);
    expect([tooLarge, badCode, badNumber].map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
    ]);
    expect(tooLarge.errors![0]!.message).toBe('limit must be between 0 and 5000; got 5001.');
    expect(badCode.errors![0]!.message).toMatch(
      /^assignedTo must be a department's unified social credit code \(GB 32100\)/,
    );
    expect(JSON.stringify(badCode)).not.toContain('11510100MB123456');
    expect(badNumber.errors![0]!.message).toMatch(/^number must be a 12345 ticket number/);
  });
});

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  /** What the self-service grant gives a citizen: their own appeals, nobody else's. */
  const citizen = (id: string) =>
    rules(
      { action: 'read', subject: 'Person', fields: ['id', 'appeals'], conditions: { id } },
      { action: 'read', subject: 'Appeal', conditions: { submitter: id } },
      { action: 'read', subject: 'AppealEvent' },
    );
  /** Appeals of Wuhou only, through the root list or a department's assigned appeals. */
  const wuhouDispatcher = rules(
    { action: 'read', subject: 'Appeal', conditions: { districtCode: '510107' } },
    { action: 'read', subject: 'AppealEvent' },
    { action: 'read', subject: 'Department', fields: ['appealSummary', 'appealsAssigned'] },
    { action: 'read', subject: 'AppealSummary' },
    { action: 'read', subject: 'Person', fields: ['id'] },
  );

  const numbersOf = async (where: string, params: unknown[], limit = 50) =>
    (
      await db.query<{ number: string }>(
        `SELECT number FROM appeal WHERE ${where} ORDER BY submitted_at DESC, number DESC LIMIT ${limit}`,
        params,
      )
    ).map((r) => r.number);

  it("gives a citizen their own appeals and nothing of another person's", async () => {
    const [me, other] = await keys('submitter_id', 2);
    const mine = await numbersOf('submitter_id = $1', [me]);
    const theirs = await numbersOf('submitter_id = $1', [other]);
    expect(mine).toHaveLength(4);

    const { entities: found } = await entities(
      [me!, other!].map((id) => ({ __typename: 'Person', id })),
      citizen(me!),
      true,
    );
    expect(found.map((p) => p && [p.id, p.appeals!.map((a) => a.number)])).toEqual([
      [me, mine],
      null,
    ]);
    expect(found[0]!.appeals![0]!.timeline.length).toBeGreaterThan(0);

    const response = await subgraph.query<Record<string, unknown>>(
      `query ($mine: String!, $theirs: String!) {
         mine: appeal(number: $mine) { number submitter { id } }
         theirs: appeal(number: $theirs) { number }
         appeals(limit: 50) { number } }`,
      { mine: mine[0], theirs: theirs[0] },
      citizen(me!),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      mine: { number: mine[0], submitter: { id: me } },
      theirs: null,
      appeals: mine.map((number) => ({ number })),
    });
  });

  it("keeps a district rule's appeals only, ranking a department's newest after the filter", async () => {
    const [department] = await keys('assigned_to', 1);
    const wuhou = await numbersOf(`district_code = '510107'`, []);
    const wuhouAssigned = await numbersOf(`district_code = '510107' AND assigned_to = $1`, [
      department,
    ]);
    const allAssigned = await numbersOf('assigned_to = $1', [department], 2);
    expect(wuhouAssigned.slice(0, 2)).not.toEqual(allAssigned);

    const list = await subgraph.query<{ appeals: { number: string; districtCode: string }[] }>(
      `{ appeals(limit: 50) { number districtCode } }`,
      {},
      wuhouDispatcher,
    );
    expect(list.data!.appeals).toEqual(wuhou.map((number) => ({ number, districtCode: '510107' })));

    const { entities: found } = await entities(
      [{ __typename: 'Department', code: department! }],
      wuhouDispatcher,
    );
    expect(found[0]!.appealsAssigned!.map((a) => a.number)).toEqual(wuhouAssigned.slice(0, 2));
  });

  it('returns nothing for rules that do not open the type, or name a field it does not map', async () => {
    const [me] = await keys('submitter_id', 1);
    const [mine] = await numbersOf('submitter_id = $1', [me]);
    const without = [
      // Person.appeals is open, but no rule reads Appeal rows.
      rules({ action: 'read', subject: 'Person', fields: ['appeals'], conditions: { id: me } }),
      // A household registrar's district condition: the hotline keeps no person's district.
      rules(
        {
          action: 'read',
          subject: 'Person',
          fields: ['appeals'],
          conditions: { districtCode: '510107' },
        },
        { action: 'read', subject: 'Appeal' },
      ),
      rules({ action: 'read', subject: 'Evaluation' }),
    ];
    for (const closed of without) {
      const { entities: found } = await entities([{ __typename: 'Person', id: me! }], closed, true);
      expect(found).toEqual([null]);
    }
    const response = await subgraph.query(
      `query ($n: String!) { appeal(number: $n) { number } appeals { number } }`,
      { n: mine },
      without[2],
    );
    expect(response.data).toEqual({ appeal: null, appeals: [] });
  });

  it('counts every appeal in a summary, whatever the rules: statistics, not personal data', async () => {
    const [department] = await keys('assigned_to', 1);
    const [all] = await db.query<{ received: number }>(
      'SELECT count(*)::int AS received FROM appeal WHERE assigned_to = $1',
      [department],
    );
    const { entities: found } = await entities(
      [{ __typename: 'Department', code: department! }],
      rules(
        { action: 'read', subject: 'Department', fields: ['appealSummary', 'appealsAssigned'] },
        { action: 'read', subject: 'AppealSummary' },
      ),
    );
    expect(found[0]).toMatchObject({
      appealSummary: { received: all!.received },
      appealsAssigned: [],
    });
  });

  it.each([
    ['Person', 'id', 'submitter_id'],
    ['Department', 'code', 'assigned_to'],
  ])(
    'resolves 50 %s representations under a restrictive rule in as many statements as 5',
    async (typename, key, column) => {
      const all = (await keys(column, 50)).map((value) => ({ __typename: typename, [key]: value }));
      const restrictive = typename === 'Person' ? citizen(all[0]![key]!) : wuhouDispatcher;
      const five = await entities(all.slice(0, 5), restrictive, true);
      const fifty = await entities(all, restrictive, true);
      expect(fifty.entities).toHaveLength(50);
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(typename === 'Department' ? 3 : 2);
      const appeals = fifty.entities.flatMap((e) => e?.appeals ?? e?.appealsAssigned ?? []);
      if (typename === 'Person') expect(appeals).toHaveLength(4);
      else expect(appeals.length).toBeGreaterThan(0);
    },
  );
});
