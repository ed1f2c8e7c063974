import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';
import { startOneSubgraph, type OneSubgraph } from '../../support/subgraph';

let federation: Federation;
let tax: OneSubgraph;
beforeAll(async () => {
  [federation, tax] = await Promise.all([startFederation(), startOneSubgraph('tax')]);
});
afterAll(() => Promise.all([federation.stop(), tax.stop()]));

const APPLICANT = 'PCYGN28R6'; // lives in 510107, the caseworker's district
const OUTSIDE = 'P004E3S05'; // lives in 510104
const ENTERPRISE = '91510107MA5B0A7H79';

/** The records the last `count` operations of this federation left. */
async function lastRecords(count: number) {
  return (await recordsOf(federation.streamId)).slice(-count);
}

describe('whose data: departments report the persons they disclosed', () => {
  it('records the person read, and the client never sees the report', async () => {
    const response = await federation.query(
      `{ person(id: "${APPLICANT}") { name annualIncomes { amount } } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.subjects).toBeUndefined();
    const [record] = await lastRecords(1);
    expect(record!.subjects).toEqual([APPLICANT]);
  });

  it('records every person of a list, and exactly those returned', async () => {
    const response = await federation.query<{ persons: { id: string; name: string }[] }>(
      `{ persons(districtCode: "510107", limit: 25) { id name socialInsurance { status } } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(response.errors).toBeUndefined();
    const returned = response.data!.persons.map((p) => p.id);
    expect(returned).toHaveLength(25);
    const [record] = await lastRecords(1);
    expect([...record!.subjects].sort()).toEqual([...returned].sort());
  });

  it('names the legal representative when an enterprise profile discloses them', async () => {
    const withPerson = await federation.query<{
      enterprise: { legalRepresentative: { id: string } };
    }>(
      `{ enterprise(uscc: "${ENTERPRISE}") { name legalRepresentative { id name } } }`,
      {},
      await as('inspector', 'market-supervision'),
    );
    expect(withPerson.errors).toBeUndefined();
    const withoutPerson = await federation.query(
      `{ enterprise(uscc: "${ENTERPRISE}") { name status } }`,
      {},
      await as('inspector', 'market-supervision'),
    );
    expect(withoutPerson.errors).toBeUndefined();
    const [first, second] = await lastRecords(2);
    expect(first!.subjects).toEqual([withPerson.data!.enterprise.legalRepresentative.id]);
    expect(second!.subjects).toEqual([]);
  });

  it('records nobody when the row rules kept the person out', async () => {
    const response = await federation.query<{ person: unknown }>(
      `{ person(id: "${OUTSIDE}") { name } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(response.data?.person ?? null).toBeNull();
    const [record] = await lastRecords(1);
    expect(record!.subjects).toEqual([]);
  });

  it('is what a department sends with its own response, for personal fields only', async () => {
    const personal = await tax.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { annualIncomes { amount } } } }`,
      { r: [{ __typename: 'Person', id: APPLICANT }] },
    );
    expect(personal.errors).toBeUndefined();
    expect(personal.extensions).toEqual({ subjects: [APPLICANT] });
    const none = await tax.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { taxArrears } } }`,
      { r: [{ __typename: 'Enterprise', uscc: ENTERPRISE }] },
    );
    expect(none.extensions?.subjects).toBeUndefined();
  });
});
