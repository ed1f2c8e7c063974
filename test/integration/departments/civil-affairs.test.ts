import { packPolicyRules, type PolicyRule } from '../../../policies';
import { Database } from '../../../subgraphs/kit';
import { testDatabaseUrl } from '../../support/database';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';
import { unknownPersonId } from '../../support/identifiers';

const NOBODY = unknownPersonId(1);

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

    const { persons: found } = await persons([married.id, divorced.id, NOBODY]);
    expect(found.map((p) => p.maritalStatus)).toEqual(['MARRIED', 'DIVORCED', 'SINGLE']);
    expect(found[0]!.marriageRecords.at(-1)!.spouse.id).toBe(married.spouseId);
    expect(found[2]).toEqual({
      id: NOBODY,
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

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  const ENTITIES = (selection: string) =>
    `query ($representations: [_Any!]!) {
       _entities(representations: $representations) { ... on Person { id ${selection} } } }`;
  const RELATIONS =
    'marriageRecords { registrationNumber spouse { id } } subsistenceAllowance { caseNumber }';
  const OWN_RELATIONS =
    'marriageRecords { registrationNumber } subsistenceAllowance { caseNumber }';

  async function call(query: string, variables: Record<string, unknown>, packed: unknown[]) {
    const before = subgraph.statements();
    const response = await subgraph.query<Record<string, unknown>>(query, variables, packed);
    return { ...response, statements: subgraph.statements() - before };
  }
  const representations = (ids: readonly string[]) => ({
    representations: ids.map((id) => ({ __typename: 'Person', id })),
  });

  interface Applicant extends Record<string, unknown> {
    id: string;
    caseNumber: string;
    districtCode: string;
    latestKind: string;
  }

  /** Applicants of allowance cases who have registrations, with their case and latest kind. */
  async function marriedApplicants() {
    return db.query<Applicant>(
      `SELECT a.applicant_id AS id, a.case_number AS "caseNumber", a.district_code AS "districtCode",
              (SELECT kind FROM marriage_record r WHERE a.applicant_id IN (r.party_a_id, r.party_b_id)
                ORDER BY registered_on DESC, registration_number DESC LIMIT 1) AS "latestKind"
         FROM allowance a
        WHERE EXISTS (SELECT 1 FROM marriage_record r WHERE a.applicant_id IN (r.party_a_id, r.party_b_id))
        ORDER BY a.case_number`,
    );
  }

  async function recordsOf(id: string) {
    return db.query<{ registrationNumber: string; spouse: { id: string } }>(
      `SELECT registration_number AS "registrationNumber",
              json_build_object('id', CASE WHEN party_a_id = $1 THEN party_b_id ELSE party_a_id END) AS spouse
         FROM marriage_record WHERE $1 IN (party_a_id, party_b_id)
        ORDER BY registered_on, registration_number`,
      [id],
    );
  }

  /** What the self-service grants give a citizen (the id: public security's, borrowed). */
  const citizen = (id: string) =>
    rules(
      { action: 'read', subject: 'Person', fields: ['id'], conditions: { id } },
      {
        action: 'read',
        subject: 'Person',
        fields: ['maritalStatus', 'marriageRecords', 'subsistenceAllowance'],
        conditions: { id },
      },
      { action: 'read', subject: 'MarriageRecord' },
      { action: 'read', subject: 'SubsistenceAllowance', conditions: { applicant: id } },
    );

  it("gives a citizen their own records and allowance, and nothing of another person's", async () => {
    const [me, other] = (await marriedApplicants()) as [Applicant, Applicant];
    const mine = await recordsOf(me.id);
    expect(mine.length).toBeGreaterThan(0);

    const relations = await call(
      ENTITIES(OWN_RELATIONS),
      representations([me.id, other.id]),
      citizen(me.id),
    );
    expect(relations.data).toEqual({
      _entities: [
        {
          id: me.id,
          marriageRecords: mine.map((r) => ({ registrationNumber: r.registrationNumber })),
          subsistenceAllowance: { caseNumber: me.caseNumber },
        },
        null,
      ],
    });
    expect(relations.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1, 'id'], 'FORBIDDEN'],
    ]);

    // The spouse's person id is public security's to open: the citizen's rules do not.
    const spouses = await call(ENTITIES(RELATIONS), representations([me.id]), citizen(me.id));
    expect(spouses.errors?.[0]).toMatchObject({
      path: ['_entities', 0, 'marriageRecords', 0, 'spouse', 'id'],
      extensions: { code: 'FORBIDDEN' },
    });
    const shown = JSON.stringify({ data: spouses.data, errors: spouses.errors });
    for (const record of mine) expect(shown).not.toContain(record.spouse.id);

    // Not null in the schema: another person's status is refused, never answered SINGLE.
    const status = await call(
      ENTITIES('maritalStatus'),
      representations([me.id, other.id]),
      citizen(me.id),
    );
    expect(status.data).toEqual({
      _entities: [
        { id: me.id, maritalStatus: me.latestKind === 'MARRIAGE' ? 'MARRIED' : 'DIVORCED' },
        null,
      ],
    });
    expect(status.errors).toEqual([
      expect.objectContaining({
        path: ['_entities', 1, 'id'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });

  const statusOf = (kind: string) => (kind === 'MARRIAGE' ? 'MARRIED' : 'DIVORCED');

  it("keeps a district rule's allowance cases only", async () => {
    const applicants = await marriedApplicants();
    const inside = applicants[0]!;
    const district = inside.districtCode;
    const outside = applicants.find((a) => a.districtCode !== district)!;
    const cases = await db.query<{ caseNumber: string }>(
      'SELECT case_number AS "caseNumber" FROM allowance WHERE district_code = $1 ORDER BY case_number',
      [district],
    );
    expect(cases.length).toBeGreaterThan(1);
    const caseworker = rules(
      { action: 'read', subject: 'Person' },
      { action: 'read', subject: 'SubsistenceAllowance', conditions: { districtCode: district } },
    );

    const listed = await call(
      `query ($other: String) {
         all: subsistenceAllowances(limit: 5000) { caseNumber districtCode }
         elsewhere: subsistenceAllowances(districtCode: $other) { caseNumber } }`,
      { other: outside.districtCode },
      caseworker,
    );
    expect(listed.data).toEqual({
      all: cases.map((c) => ({ caseNumber: c.caseNumber, districtCode: district })),
      elsewhere: [],
    });

    const persons = await call(
      ENTITIES('subsistenceAllowance { caseNumber districtCode }'),
      representations([inside.id, outside.id]),
      caseworker,
    );
    expect(persons.data).toEqual({
      _entities: [
        {
          id: inside.id,
          subsistenceAllowance: { caseNumber: inside.caseNumber, districtCode: district },
        },
        { id: outside.id, subsistenceAllowance: null },
      ],
    });
  });

  it("keeps a district rule's registrations only, and derives the status from all of them", async () => {
    const [here, there] = await db.query<{ id: string; districtCode: string; latestKind: string }>(
      `SELECT DISTINCT ON (m.district_code) m.party_a_id AS id, m.district_code AS "districtCode",
              (SELECT kind FROM marriage_record l WHERE m.party_a_id IN (l.party_a_id, l.party_b_id)
                ORDER BY registered_on DESC, registration_number DESC LIMIT 1) AS "latestKind"
         FROM marriage_record m ORDER BY m.district_code, m.party_a_id LIMIT 2`,
    );
    const registrar = rules(
      { action: 'read', subject: 'Person' },
      {
        action: 'read',
        subject: 'MarriageRecord',
        conditions: { districtCode: here!.districtCode },
      },
    );
    const persons = await call(
      ENTITIES('maritalStatus marriageRecords { registrationNumber spouse { id } }'),
      representations([here!.id, there!.id]),
      registrar,
    );
    expect(persons.errors).toBeUndefined();
    expect(persons.data).toEqual({
      _entities: [
        {
          id: here!.id,
          maritalStatus: statusOf(here!.latestKind),
          marriageRecords: await recordsOf(here!.id),
        },
        { id: there!.id, maritalStatus: statusOf(there!.latestKind), marriageRecords: [] },
      ],
    });
  });

  it('returns nothing for rules that do not open the types, or use columns it does not hold', async () => {
    const [me] = await marriedApplicants();
    const failClosed = [
      rules({ action: 'read', subject: 'Enterprise' }),
      // Civil affairs keeps no person's district, nor filters cases by status.
      rules(
        { action: 'read', subject: 'Person', conditions: { districtCode: me!.districtCode } },
        { action: 'read', subject: 'MarriageRecord' },
        { action: 'read', subject: 'SubsistenceAllowance', conditions: { status: 'APPROVED' } },
      ),
    ];
    for (const packed of failClosed) {
      const response = await call(
        `query ($representations: [_Any!]!) {
           subsistenceAllowances(limit: 5000) { caseNumber }
           _entities(representations: $representations) { ... on Person { id ${RELATIONS} } } }`,
        representations([me!.id]),
        packed,
      );
      expect(response.data).toEqual({ subsistenceAllowances: [], _entities: [null] });
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const status = await call(ENTITIES('maritalStatus'), representations([me!.id]), packed);
      expect(status.data).toEqual({ _entities: [null] });
      expect(status.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('resolves 50 persons under a restrictive rule in as many statements as 5', async () => {
    const applicants = (await marriedApplicants()).slice(0, 50);
    expect(applicants).toHaveLength(50);
    const me = applicants[2]!;
    const ask = (n: number) =>
      call(
        ENTITIES(`maritalStatus ${OWN_RELATIONS}`),
        representations(applicants.slice(0, n).map((a) => a.id)),
        citizen(me.id),
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(five.statements).toBe(2);
    expect(fifty.statements).toBe(five.statements);
    const served = (fifty.data as { _entities: unknown[] })._entities;
    expect(served).toHaveLength(50);
    expect(served.filter((p) => p !== null)).toEqual([
      {
        id: me.id,
        maritalStatus: statusOf(me.latestKind),
        marriageRecords: (await recordsOf(me.id)).map((r) => ({
          registrationNumber: r.registrationNumber,
        })),
        subsistenceAllowance: { caseNumber: me.caseNumber },
      },
    ]);
    expect(new Set(fifty.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(new Set(fifty.errors?.map((e) => e.path?.[1])).size).toBe(49);
  });
});
