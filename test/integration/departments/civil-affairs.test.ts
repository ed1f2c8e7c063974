import { Database } from '../../../subgraphs/kit';
import { testDatabaseUrl } from '../../support/database';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

let subgraph: OneSubgraph;
let db: Database;

beforeAll(async () => {
  subgraph = await startOneSubgraph('civil-affairs');
  db = new Database({ url: testDatabaseUrl(), schema: 'civil_affairs', maxConnections: 2 });
});

afterAll(async () => {
  await subgraph.stop();
  await db.close();
});

const PERSON_FIELDS = `
  _entities(representations: $representations) {
    ... on Person {
      id
      maritalStatus
      marriageRecords { registrationNumber kind registeredOn districtCode spouse { id } }
      subsistenceAllowance {
        caseNumber applicant { id } status monthlyAmount householdSize districtCode approvedOn reviewDue
      }
    }
  }`;

interface PersonResult {
  id: string;
  maritalStatus: string;
  marriageRecords: { registrationNumber: string; kind: string; spouse: { id: string } }[];
  subsistenceAllowance: {
    caseNumber: string;
    applicant: { id: string };
    householdSize: number;
  } | null;
}

async function persons(ids: readonly string[]) {
  const representations = ids.map((id) => ({ __typename: 'Person', id }));
  const before = subgraph.statements();
  const response = await subgraph.query<{ _entities: PersonResult[] }>(
    `query ($representations: [_Any!]!) { ${PERSON_FIELDS} }`,
    { representations },
  );
  expect(response.errors).toBeUndefined();
  return { persons: response.data!._entities, statements: subgraph.statements() - before };
}

/** Each person's latest registration kind, straight from the table. */
async function latestKinds(limit: number) {
  return db.query<{ id: string; kind: string; spouseId: string }>(
    `SELECT DISTINCT ON (id) id, kind, spouse AS "spouseId" FROM (
       SELECT party_a_id AS id, party_b_id AS spouse, kind, registered_on, registration_number FROM marriage_record
       UNION ALL
       SELECT party_b_id, party_a_id, kind, registered_on, registration_number FROM marriage_record
     ) parties ORDER BY id, registered_on DESC, registration_number DESC LIMIT $1`,
    [limit],
  );
}

describe('civil-affairs subgraph', () => {
  it('lists subsistence allowance cases by case number, filtered by district and status', async () => {
    const expected = await db.query<{
      caseNumber: string;
      applicantId: string;
      districtCode: string;
    }>(
      `SELECT case_number AS "caseNumber", applicant_id AS "applicantId", district_code AS "districtCode"
         FROM allowance WHERE status = 'APPROVED' ORDER BY case_number LIMIT 5`,
    );
    expect(expected).toHaveLength(5);
    const response = await subgraph.query<{ subsistenceAllowances: Record<string, unknown>[] }>(
      `{ subsistenceAllowances(status: APPROVED, limit: 5) {
           caseNumber status districtCode householdSize monthlyAmount applicant { id } } }`,
    );
    expect(response.errors).toBeUndefined();
    const cases = response.data!.subsistenceAllowances;
    expect(cases.map((c) => c.caseNumber)).toEqual(expected.map((e) => e.caseNumber));
    expect(cases.map((c) => (c.applicant as { id: string }).id)).toEqual(
      expected.map((e) => e.applicantId),
    );
    for (const c of cases) {
      expect(c.status).toBe('APPROVED');
      expect(c.householdSize).toBeGreaterThan(0);
      expect(c.monthlyAmount).toBeGreaterThan(0);
    }

    const district = expected[0]!.districtCode;
    const inDistrict = await subgraph.query<{ subsistenceAllowances: { districtCode: string }[] }>(
      `{ subsistenceAllowances(districtCode: "${district}", limit: 50) { districtCode } }`,
    );
    expect(inDistrict.data!.subsistenceAllowances.length).toBeGreaterThan(0);
    expect(new Set(inDistrict.data!.subsistenceAllowances.map((c) => c.districtCode))).toEqual(
      new Set([district]),
    );
  });

  it('derives marital status from the latest registration, and resolves persons with none', async () => {
    const latest = await latestKinds(3000);
    const married = latest.find((p) => p.kind === 'MARRIAGE')!;
    const divorced = latest.find((p) => p.kind === 'DIVORCE')!;
    expect(married && divorced).toBeTruthy();

    const { persons: found } = await persons([married.id, divorced.id, 'P-NO-RECORDS']);
    expect(found.map((p) => p.maritalStatus)).toEqual(['MARRIED', 'DIVORCED', 'SINGLE']);
    expect(found[0]!.marriageRecords.at(-1)!.spouse.id).toBe(married.spouseId);
    expect(found[2]).toEqual({
      id: 'P-NO-RECORDS',
      maritalStatus: 'SINGLE',
      marriageRecords: [],
      subsistenceAllowance: null,
    });
  });

  it('gives every member of an allowance household the household case', async () => {
    const [household] = await db.query<{ caseNumber: string; members: string[] }>(
      `SELECT case_number AS "caseNumber", array_agg(person_id ORDER BY person_id) AS members
         FROM allowance_member GROUP BY case_number HAVING count(*) > 1 ORDER BY case_number LIMIT 1`,
    );
    const { persons: members } = await persons(household!.members);
    for (const member of members) {
      expect(member.subsistenceAllowance?.caseNumber).toBe(household!.caseNumber);
    }
  });

  it('resolves 50 persons with the same number of statements as 5', async () => {
    const married = (await latestKinds(25)).map((p) => p.id);
    const members = await db.query<{ id: string }>(
      'SELECT person_id AS id FROM allowance_member WHERE person_id <> ALL($1) ORDER BY person_id LIMIT 25',
      [married],
    );
    const ids = [...married, ...members.map((m) => m.id)];
    expect(new Set(ids).size).toBe(50);

    const five = await persons(ids.filter((_, i) => i % 10 === 0));
    const fifty = await persons(ids);
    expect(five.persons).toHaveLength(5);
    expect(fifty.persons).toHaveLength(50);
    expect(fifty.persons.slice(0, 25).every((p) => p.marriageRecords.length > 0)).toBe(true);
    expect(fifty.persons.slice(25).every((p) => p.subsistenceAllowance !== null)).toBe(true);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(2);
  });

  it('rejects a page larger than 5000 and a malformed district code', async () => {
    const tooLarge = await subgraph.query(`{ subsistenceAllowances(limit: 5001) { caseNumber } }`);
    expect(tooLarge.errors?.[0]).toMatchObject({
      message: 'limit must be between 0 and 5000; got 5001.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badDistrict = await subgraph.query(
      `{ subsistenceAllowances(districtCode: "51O107") { caseNumber } }`,
    );
    expect(badDistrict.errors?.[0]?.message).toMatch(/^districtCode must be a six-digit/);
    expect(badDistrict.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
