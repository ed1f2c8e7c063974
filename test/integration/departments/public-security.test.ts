import { packPolicyRules, type PolicyRule } from '../../../policies';
import { createCity } from '../../../fixtures/city';
import type { Household, Person } from '../../../fixtures/city/types';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph, lookupEntities } from '../../support/subgraph';

let subgraph: OneSubgraph;
const households: Household[] = [...createCity(TEST_CITY).households()];
const persons: Person[] = households.flatMap((h) => h.members);
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

beforeAll(async () => {
  subgraph = await startOneSubgraph('public-security');
});

afterAll(async () => {
  await subgraph.stop();
});

const PERSON_FIELDS = `id idNumber name gender birthDate ethnicity districtCode address mobile
  relationToHead household { id }`;

/** What the subgraph should answer for a person of the city. */
function expected(p: Person) {
  return {
    id: p.id,
    idNumber: p.idNumber,
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    districtCode: p.districtCode,
    address: p.address,
    mobile: p.mobile,
    relationToHead: p.relationToHead,
    household: { id: p.householdId },
  };
}

const entities = <T>(
  representations: Record<string, string>[],
  selection: string,
  rules?: unknown[],
  denied = false,
) => lookupEntities<T>(subgraph, representations, selection, rules, denied);

const personRefs = (sample: Person[]) => sample.map((p) => ({ __typename: 'Person', id: p.id }));

describe('public-security subgraph', () => {
  it('answers a person by id with their identity and household', async () => {
    const person = persons[3]!;
    const response = await subgraph.query(
      `query ($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`,
      { id: person.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ person: expected(person) });
  });

  it('rejects a malformed ID number without repeating it', async () => {
    const almost = '51010719901301123X'; // month 13
    const response = await subgraph.query(
      'query ($n: String!) { personByIdNumber(idNumber: $n) { id } }',
      { n: almost },
    );
    expect(response.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'idNumber',
    });
    expect(response.errors![0]!.message).toMatch(
      /^idNumber must be a valid resident ID number \(GB 11643\)/,
    );
    expect(JSON.stringify(response)).not.toContain(almost.slice(0, 10));
  });

  it('answers a household with its head and members', async () => {
    const household = households.find((h) => h.members.length > 2)!;
    const response = await subgraph.query(
      `query ($id: ID!) { household(id: $id) { id districtCode size head { id } members { id } } }`,
      { id: household.id },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      household: {
        id: household.id,
        districtCode: household.districtCode,
        size: household.members.length,
        head: { id: household.members[0]!.id },
        members: [...household.members].sort(byId).map((m) => ({ id: m.id })),
      },
    });
  });

  it('resolves 5 or 50 persons with their households in the same number of statements', async () => {
    const ask = (n: number) =>
      entities(personRefs(persons.slice(0, n)), `... on Person { ${PERSON_FIELDS} }`);
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(persons.slice(0, 50).map(expected));
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(2);
  });

  describe('row policy', () => {
    const rules = (...list: PolicyRule[]) => packPolicyRules(list);
    const me = persons[0]!;
    const myHousehold = households.find((h) => h.id === me.householdId)!;
    const other = persons.find((p) => p.householdId !== me.householdId)!;
    const citizen = rules(
      { action: 'read', subject: 'Person', conditions: { id: me.id } },
      { action: 'read', subject: 'Household' },
    );
    const wuhou = '510107';
    const registrarInWuhou = rules(
      { action: 'read', subject: 'Person', conditions: { districtCode: wuhou } },
      { action: 'read', subject: 'Household', conditions: { districtCode: wuhou } },
    );
    const enterprisesOnly = rules({ action: 'read', subject: 'Enterprise' });

    it("gives a citizen their own record and null for another person's", async () => {
      const { entities: found } = await entities(
        personRefs([me, other]),
        '... on Person { id name }',
        citizen,
      );
      expect(found).toEqual([{ id: me.id, name: me.name }, null]);
      const response = await subgraph.query(
        `query ($id: ID!) { person(id: $id) { id } }`,
        { id: other.id },
        citizen,
      );
      expect(response.data).toEqual({ person: null });
    });

    it("shows a citizen only themselves among their household's members", async () => {
      expect(myHousehold.members.length).toBeGreaterThan(1);
      const response = await subgraph.query(
        `query ($id: ID!) { person(id: $id) { household { id size members { id } } } }`,
        { id: me.id },
        citizen,
      );
      expect(response.data).toEqual({
        person: {
          household: {
            id: myHousehold.id,
            size: myHousehold.members.length,
            members: [{ id: me.id }],
          },
        },
      });
    });

    it('keeps a district rule to persons and households of that district', async () => {
      const inWuhou = persons.filter((p) => p.districtCode === wuhou).sort(byId);
      const response = await subgraph.query<{ persons: { id: string; districtCode: string }[] }>(
        '{ persons(limit: 30) { id districtCode } }',
        {},
        registrarInWuhou,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.persons).toEqual(
        inWuhou.slice(0, 30).map((p) => ({ id: p.id, districtCode: wuhou })),
      );
      const elsewhere = households.find((h) => h.districtCode !== wuhou)!;
      const local = households.find((h) => h.districtCode === wuhou)!;
      const { entities: found } = await entities(
        [elsewhere, local].map((h) => ({ __typename: 'Household', id: h.id })),
        '... on Household { id districtCode }',
        registrarInWuhou,
      );
      expect(found).toEqual([null, { id: local.id, districtCode: wuhou }]);
    });

    it('opens a relation field only under the rules that open it', async () => {
      const householdWithoutMembers = rules(
        { action: 'read', subject: 'Person' },
        { action: 'read', subject: 'Household', fields: ['id', 'size'] },
      );
      const response = await subgraph.query(
        `query ($id: ID!) { household(id: $id) { id size members { id } } }`,
        { id: myHousehold.id },
        householdWithoutMembers,
      );
      // members is [Person!]!: its FORBIDDEN null takes the household with it.
      expect(response.data).toEqual({ household: null });
      expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
        [['household', 'members'], 'FORBIDDEN'],
      ]);
    });

    it('returns nothing under rules that do not mention Person or Household', async () => {
      const { entities: found } = await entities(
        personRefs([me, other]),
        '... on Person { id }',
        enterprisesOnly,
      );
      expect(found).toEqual([null, null]);
      const response = await subgraph.query(
        `query ($idNumber: String!, $household: ID!) {
           persons(limit: 10) { id }
           personByIdNumber(idNumber: $idNumber) { id }
           household(id: $household) { id } }`,
        { idNumber: me.idNumber, household: myHousehold.id },
        enterprisesOnly,
      );
      expect(response.data).toEqual({ persons: [], personByIdNumber: null, household: null });
    });

    it('costs the same statements for 5 or 50 persons under a district rule', async () => {
      // Half in Wuhou, half elsewhere, alternating: both kinds are among the first 5.
      const local = persons.filter((p) => p.districtCode === wuhou).slice(0, 25);
      const away = persons.filter((p) => p.districtCode !== wuhou).slice(0, 25);
      const sample = local.flatMap((p, i) => [p, away[i]!]);
      const ask = (n: number) =>
        entities<{ id: string; household: { id: string } } | null>(
          personRefs(sample.slice(0, n)),
          '... on Person { id household { id } }',
          registrarInWuhou,
        );
      const five = await ask(5);
      const fifty = await ask(50);
      expect(fifty.entities).toEqual(
        sample.map((p) =>
          p.districtCode === wuhou ? { id: p.id, household: { id: p.householdId } } : null,
        ),
      );
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(2);
    });
  });
});
