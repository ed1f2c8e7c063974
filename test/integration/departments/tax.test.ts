import { packPolicyRules, type PolicyRule } from '../../../policies';
import { createCity } from '../../../fixtures/city';
import type { Enterprise, Person } from '../../../fixtures/city/types';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph, lookupEntities } from '../../support/subgraph';

let subgraph: OneSubgraph;
const city = createCity(TEST_CITY);
const persons: Person[] = [...city.households()].flatMap((h) => h.members);
const enterprises: Enterprise[] = [...city.enterprises()];

beforeAll(async () => {
  subgraph = await startOneSubgraph('tax');
});

afterAll(async () => {
  await subgraph.stop();
});

const TAXPAYER_FIELDS = 'uscc taxCreditRating { year level } taxArrears';

function expectedTaxpayer(e: Enterprise) {
  return { uscc: e.uscc, taxCreditRating: e.taxCreditRating, taxArrears: e.taxArrears };
}

const entities = <T>(
  representations: Record<string, string>[],
  selection: string,
  rules?: unknown[],
  denied = false,
) => lookupEntities<T>(subgraph, representations, selection, rules, denied);

const byUscc = (a: { uscc: string }, b: { uscc: string }) =>
  a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0;

describe('tax subgraph', () => {
  it('lists the enterprises rated D in the latest year, in USCC order, with their arrears', async () => {
    const rated = enterprises.filter((e) => e.taxCreditRating.level === 'D').sort(byUscc);
    expect(rated.length).toBeGreaterThan(2);
    const response = await subgraph.query(
      `{ enterprisesByTaxCredit(level: D, limit: 2, offset: 1) { ${TAXPAYER_FIELDS} } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      enterprisesByTaxCredit: rated.slice(1, 3).map(expectedTaxpayer),
    });
  });

  it('lists by an explicit year, and finds nothing in a year nobody was rated', async () => {
    const year = enterprises[0]!.taxCreditRating.year;
    const rated = enterprises.filter(
      (e) => e.taxCreditRating.level === 'A' && e.taxCreditRating.year === year,
    );
    const response = await subgraph.query<{ thatYear: unknown[]; before: unknown[] }>(
      `query ($year: Int, $earlier: Int) {
         thatYear: enterprisesByTaxCredit(level: A, year: $year, limit: 5000) { uscc }
         before: enterprisesByTaxCredit(level: A, year: $earlier) { uscc } }`,
      { year, earlier: year - 5 },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.thatYear).toEqual(rated.sort(byUscc).map((e) => ({ uscc: e.uscc })));
    expect(response.data!.before).toEqual([]);
  });

  it('resolves 5 or 50 enterprises with the same number of statements', async () => {
    const sample = enterprises.slice(0, 50);
    const ask = (n: number) =>
      entities(
        sample.slice(0, n).map((e) => ({ __typename: 'Enterprise', uscc: e.uscc })),
        `... on Enterprise { ${TAXPAYER_FIELDS} }`,
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(sample.map(expectedTaxpayer));
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('resolves 5 or 50 persons’ incomes, newest first, [] without income, with the same statements', async () => {
    const sample = persons.slice(0, 50);
    expect(sample.some((p) => p.annualIncomes.length === 0)).toBe(true);
    const ask = (n: number) =>
      entities(
        sample.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })),
        '... on Person { id annualIncomes { year amount } }',
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(
      sample.map((p) => ({
        id: p.id,
        annualIncomes: [...p.annualIncomes].sort((a, b) => b.year - a.year),
      })),
    );
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('rejects a page larger than 5000 and names limit', async () => {
    const response = await subgraph.query(
      '{ enterprisesByTaxCredit(level: A, limit: 5001) { uscc } }',
    );
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'limit must be between 0 and 5000; got 5001.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 5001, max: 5000 }),
      }),
    ]);
  });

  it('rejects a year before tax credit ratings existed and names year', async () => {
    const response = await subgraph.query(
      '{ enterprisesByTaxCredit(level: A, year: 1999) { uscc } }',
    );
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'year must be a year from 2014 (the first tax credit ratings) on; got 1999.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'year' }),
      }),
    ]);
  });
});

describe('row policy', () => {
  const rules = (...list: PolicyRule[]) => packPolicyRules(list);
  const earners = persons.filter((p) => p.annualIncomes.length > 0);
  const [me, other] = earners as [Person, Person];
  const INCOMES = '... on Person { id annualIncomes { year amount } }';
  const newestFirst = (p: Person) => [...p.annualIncomes].sort((a, b) => b.year - a.year);
  const asPersons = (list: readonly Person[]) =>
    list.map((p) => ({ __typename: 'Person', id: p.id }));
  const asEnterprises = (list: readonly Enterprise[]) =>
    list.map((e) => ({ __typename: 'Enterprise', uscc: e.uscc }));
  /** What the self-service grants give a citizen (the id: public security's, borrowed). */
  const citizen = rules(
    {
      action: 'read',
      subject: 'Person',
      fields: ['id', 'annualIncomes'],
      conditions: { id: me.id },
    },
    { action: 'read', subject: 'PersonalIncome' },
  );

  it("gives a citizen their own income and nothing of another person's", async () => {
    const { entities: found } = await entities(asPersons([me, other]), INCOMES, citizen, true);
    expect(found).toEqual([{ id: me.id, annualIncomes: newestFirst(me) }, null]);
  });

  // Tax keeps no district: a rule on enterprises' keys stands in for one.
  it("keeps a key rule's enterprises only, listed or resolved", async () => {
    const rated = enterprises.filter((e) => e.taxCreditRating.level === 'D').sort(byUscc);
    const [mine, theirs] = rated as [Enterprise, Enterprise];
    const restricted = rules(
      { action: 'read', subject: 'Enterprise', conditions: { uscc: { $in: [mine.uscc] } } },
      { action: 'read', subject: 'TaxCreditRating' },
    );
    const listed = await subgraph.query(
      `{ enterprisesByTaxCredit(level: D, limit: 5000) { ${TAXPAYER_FIELDS} } }`,
      {},
      restricted,
    );
    expect(listed.data).toEqual({ enterprisesByTaxCredit: [expectedTaxpayer(mine)] });
    const { entities: found } = await entities(
      asEnterprises([mine, theirs]),
      `... on Enterprise { ${TAXPAYER_FIELDS} }`,
      restricted,
    );
    expect(found).toEqual([expectedTaxpayer(mine), null]);
  });

  it('returns nothing for rules that do not open the types, or use columns it does not hold', async () => {
    const [enterprise] = enterprises as [Enterprise];
    const query = `query ($representations: [_Any!]!) {
      enterprisesByTaxCredit(level: ${enterprise.taxCreditRating.level}, limit: 5000) { uscc }
      _entities(representations: $representations) {
        ... on Enterprise { uscc taxCreditRating { level } taxArrears } ${INCOMES} } }`;
    const variables = { representations: [...asEnterprises([enterprise]), ...asPersons([me])] };

    const unrelated = await subgraph.query(
      query,
      variables,
      rules({ action: 'read', subject: 'Appeal' }),
    );
    expect(unrelated.data).toEqual({ enterprisesByTaxCredit: [], _entities: [null, null] });

    // Tax holds no district for a person; ratings unopened are neither shown nor searched.
    const unheld = await subgraph.query(
      query,
      variables,
      rules(
        { action: 'read', subject: 'Person', conditions: { districtCode: '510107' } },
        { action: 'read', subject: 'PersonalIncome' },
        { action: 'read', subject: 'Enterprise' },
      ),
    );
    expect(unheld.data).toEqual({
      enterprisesByTaxCredit: [],
      _entities: [
        { uscc: enterprise.uscc, taxCreditRating: null, taxArrears: enterprise.taxArrears },
        null,
      ],
    });
  });

  it('resolves 50 persons or enterprises under a restrictive rule in as many statements as 5', async () => {
    const sample = [me, ...persons.filter((p) => p !== me).slice(0, 49)];
    const five = await entities(asPersons(sample.slice(0, 5)), INCOMES, citizen, true);
    const fifty = await entities(asPersons(sample), INCOMES, citizen, true);
    expect(five.statements).toBe(1);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.entities.filter((p) => p !== null)).toEqual([
      { id: me.id, annualIncomes: newestFirst(me) },
    ]);

    const firms = enterprises.slice(0, 50);
    const oneFirm = rules(
      { action: 'read', subject: 'Enterprise', conditions: { uscc: firms[3]!.uscc } },
      { action: 'read', subject: 'TaxCreditRating' },
    );
    const ask = (n: number) =>
      entities(
        asEnterprises(firms.slice(0, n)),
        `... on Enterprise { ${TAXPAYER_FIELDS} }`,
        oneFirm,
      );
    const fiveFirms = await ask(5);
    const fiftyFirms = await ask(50);
    expect(fiveFirms.statements).toBe(1);
    expect(fiftyFirms.statements).toBe(fiveFirms.statements);
    expect(fiftyFirms.entities.filter((e) => e !== null)).toEqual([expectedTaxpayer(firms[3]!)]);
  });
});
