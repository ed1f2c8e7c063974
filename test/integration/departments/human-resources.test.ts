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
  subgraph = await startOneSubgraph('human-resources');
});

afterAll(async () => {
  await subgraph.stop();
});

const ACCOUNT_FIELDS = `accountNumber holder { id } status monthlyContributionBase insuredSince employer { uscc }`;

/** The account the subgraph should show for a person of the city (null for minors). */
function expectedAccount(person: Person) {
  const e = person.employment;
  if (!e) return null;
  return {
    accountNumber: e.socialInsuranceAccount,
    holder: { id: person.id },
    status: e.socialInsuranceStatus,
    monthlyContributionBase: e.monthlyContributionBase,
    insuredSince: e.insuredSince,
    employer: e.employerUscc ? { uscc: e.employerUscc } : null,
  };
}

/** An employer's position: ACTIVE accounts it pays for, and its arrears. */
function expectedPosition(enterprise: Enterprise) {
  const insured = persons.filter(
    (p) =>
      p.employment?.employerUscc === enterprise.uscc &&
      p.employment.socialInsuranceStatus === 'ACTIVE',
  );
  return {
    uscc: enterprise.uscc,
    socialInsurance: {
      insuredHeadcount: insured.length,
      arrearsAmount: enterprise.socialInsuranceArrears,
      arrearsMonths: enterprise.socialInsuranceArrearsMonths,
    },
  };
}

const entities = <T>(
  representations: Record<string, string>[],
  selection: string,
  rules?: unknown[],
  denied = false,
) => lookupEntities<T>(subgraph, representations, selection, rules, denied);

describe('human-resources subgraph', () => {
  it('answers a social insurance account by number, with its holder and employer', async () => {
    const employed = persons.find((p) => p.employment?.employerUscc)!;
    const response = await subgraph.query(
      `query ($number: String!) { socialInsuranceAccount(accountNumber: $number) { ${ACCOUNT_FIELDS} } }`,
      { number: employed.employment!.socialInsuranceAccount },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ socialInsuranceAccount: expectedAccount(employed) });
  });

  it('answers null for an account number nobody holds', async () => {
    const response = await subgraph.query(
      '{ socialInsuranceAccount(accountNumber: "SI00000000000000") { status } }',
    );
    expect(response).toEqual({ status: 200, data: { socialInsuranceAccount: null } });
  });

  it('resolves 5 or 50 persons, adults and minors, with the same number of statements', async () => {
    const sample = persons.slice(0, 50);
    expect(sample.some((p) => p.employment === null)).toBe(true);
    const ask = (n: number) =>
      entities(
        sample.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })),
        `... on Person { id employmentStatus socialInsurance { ${ACCOUNT_FIELDS} } }`,
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(
      sample.map((p) => ({
        id: p.id,
        employmentStatus: p.employment?.status ?? null,
        socialInsurance: expectedAccount(p),
      })),
    );
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('resolves 5 or 50 employers, those without insured staff too, with one GROUP BY', async () => {
    const sample = enterprises.slice(0, 50);
    const ask = (n: number) =>
      entities(
        sample.slice(0, n).map((e) => ({ __typename: 'Enterprise', uscc: e.uscc })),
        '... on Enterprise { uscc socialInsurance { insuredHeadcount arrearsAmount arrearsMonths } }',
      );
    const five = await ask(5);
    const fifty = await ask(50);
    const expected = sample.map(expectedPosition);
    expect(expected.some((e) => e.socialInsurance.insuredHeadcount > 0)).toBe(true);
    expect(fifty.entities).toEqual(expected);
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('gives an enterprise with no employees a headcount of 0', async () => {
    const idle = enterprises.find(
      (e) => expectedPosition(e).socialInsurance.insuredHeadcount === 0,
    );
    expect(idle).toBeDefined();
    const {
      entities: [position],
    } = await entities(
      [{ __typename: 'Enterprise', uscc: idle!.uscc }],
      '... on Enterprise { uscc socialInsurance { insuredHeadcount arrearsAmount arrearsMonths } }',
    );
    expect(position).toEqual(expectedPosition(idle!));
  });

  it('rejects a malformed account number and names the argument', async () => {
    const response = await subgraph.query(
      '{ socialInsuranceAccount(accountNumber: "SI51-01") { status } }',
    );
    expect(response.errors).toEqual([
      expect.objectContaining({
        message:
          "accountNumber must be 'SI' followed by 14 digits, e.g. SI51010000012345; the value given is not one.",
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'accountNumber' }),
      }),
    ]);
  });

  describe('row policy', () => {
    const rules = (...list: PolicyRule[]) => packPolicyRules(list);
    const adults = persons.filter((p) => p.employment);
    const [me, other] = adults as [Person, Person];
    const citizen = rules(
      { action: 'read', subject: 'Person', conditions: { id: me.id } },
      { action: 'read', subject: 'SocialInsuranceAccount', conditions: { holder: me.id } },
    );
    const personRefs = (list: Person[]) => list.map((p) => ({ __typename: 'Person', id: p.id }));
    const PERSON_SELECTION = `... on Person { id employmentStatus socialInsurance { ${ACCOUNT_FIELDS} } }`;
    const everythingOf = (p: Person) => ({
      id: p.id,
      employmentStatus: p.employment?.status ?? null,
      socialInsurance: expectedAccount(p),
    });

    it("gives a citizen their own account and nothing of another person's", async () => {
      const { entities: found } = await entities(
        personRefs([me, other]),
        PERSON_SELECTION,
        citizen,
        true,
      );
      expect(found).toEqual([everythingOf(me), null]);
      const response = await subgraph.query(
        `query ($mine: String!, $theirs: String!) {
           mine: socialInsuranceAccount(accountNumber: $mine) { accountNumber holder { id } }
           theirs: socialInsuranceAccount(accountNumber: $theirs) { accountNumber } }`,
        {
          mine: me.employment!.socialInsuranceAccount,
          theirs: other.employment!.socialInsuranceAccount,
        },
        citizen,
      );
      expect(response.data).toEqual({
        mine: { accountNumber: me.employment!.socialInsuranceAccount, holder: { id: me.id } },
        theirs: null,
      });
    });

    it('opens each Person field under its own rules, from one statement', async () => {
      const statusOfAllInsuranceOfMine = rules(
        { action: 'read', subject: 'Person', fields: ['id', 'employmentStatus'] },
        {
          action: 'read',
          subject: 'Person',
          fields: ['socialInsurance'],
          conditions: { id: me.id },
        },
        { action: 'read', subject: 'SocialInsuranceAccount' },
      );
      const { entities: found, statements } = await entities(
        personRefs([me, other]),
        PERSON_SELECTION,
        statusOfAllInsuranceOfMine,
        true,
      );
      expect(found).toEqual([
        everythingOf(me),
        { id: other.id, employmentStatus: other.employment!.status, socialInsurance: null },
      ]);
      expect(statements).toBe(1);
    });

    it("keeps an employer rule on the USCC to that employer's position", async () => {
      const [mine, theirs] = enterprises;
      const { entities: found } = await entities(
        [mine!, theirs!].map((e) => ({ __typename: 'Enterprise', uscc: e.uscc })),
        '... on Enterprise { uscc socialInsurance { insuredHeadcount arrearsAmount arrearsMonths } }',
        rules(
          { action: 'read', subject: 'Enterprise', conditions: { uscc: mine!.uscc } },
          { action: 'read', subject: 'EnterpriseSocialInsurance' },
        ),
        true,
      );
      expect(found).toEqual([expectedPosition(mine!), null]);
    });

    it('returns nothing under rules that do not mention the type', async () => {
      const enterprisesOnly = rules({ action: 'read', subject: 'Enterprise' });
      const { entities: found } = await entities(
        personRefs([me, other]),
        PERSON_SELECTION,
        enterprisesOnly,
        true,
      );
      expect(found).toEqual([null, null]);
      const response = await subgraph.query(
        `query ($number: String!) { socialInsuranceAccount(accountNumber: $number) { status } }`,
        { number: me.employment!.socialInsuranceAccount },
        enterprisesOnly,
      );
      expect(response.data).toEqual({ socialInsuranceAccount: null });
      const { entities: employers } = await entities(
        [{ __typename: 'Enterprise', uscc: enterprises[0]!.uscc }],
        '... on Enterprise { uscc }',
        rules(
          { action: 'read', subject: 'Person' },
          { action: 'read', subject: 'SocialInsuranceAccount' },
        ),
        true,
      );
      expect(employers).toEqual([null]);
    });

    it('costs the same statements for 5 or 50 persons under a citizen rule', async () => {
      const sample = adults.slice(0, 50);
      const ask = (n: number) =>
        entities(personRefs(sample.slice(0, n)), PERSON_SELECTION, citizen, true);
      const five = await ask(5);
      const fifty = await ask(50);
      expect(fifty.entities).toEqual(sample.map((p) => (p.id === me.id ? everythingOf(p) : null)));
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(1);
    });
  });
});
