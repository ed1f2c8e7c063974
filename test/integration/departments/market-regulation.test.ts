import { packPolicyRules, type PolicyRule } from '../../../policies';
import { createCity } from '../../../fixtures/city';
import type { Enterprise } from '../../../fixtures/city/types';
import { TEST_CITY } from '../../support/city';
import { startOneSubgraph, type OneSubgraph, lookupEntities } from '../../support/subgraph';
import { unknownPersonId } from '../../support/identifiers';

const NOBODY = unknownPersonId(1);

let subgraph: OneSubgraph;
const enterprises: Enterprise[] = [...createCity(TEST_CITY).enterprises()];

beforeAll(async () => {
  subgraph = await startOneSubgraph('market-regulation');
});

afterAll(async () => {
  await subgraph.stop();
});

const ENTERPRISE_FIELDS = `uscc name kind status registeredCapital establishedOn districtCode address
  businessScope legalRepresentative { id }
  penalties { decisionNumber decidedOn reason amount authority { code } }`;

/** What the subgraph should answer for an enterprise of the city. */
function expected(e: Enterprise) {
  return {
    uscc: e.uscc,
    name: e.name,
    kind: e.kind,
    status: e.status,
    registeredCapital: e.registeredCapital,
    establishedOn: e.establishedOn,
    districtCode: e.districtCode,
    address: e.address,
    businessScope: e.businessScope,
    legalRepresentative: { id: e.legalRepresentativeId },
    penalties: [...e.penalties]
      .sort(
        (a, b) =>
          b.decidedOn.localeCompare(a.decidedOn) ||
          a.decisionNumber.localeCompare(b.decisionNumber),
      )
      .map((p) => ({
        decisionNumber: p.decisionNumber,
        decidedOn: p.decidedOn,
        reason: p.reason,
        amount: p.amount,
        authority: { code: p.authorityCode },
      })),
  };
}

const entities = <T>(
  representations: Record<string, string>[],
  selection: string,
  rules?: unknown[],
  denied = false,
) => lookupEntities<T>(subgraph, representations, selection, rules, denied);

const byUscc = (a: { uscc: string }, b: { uscc: string }) =>
  a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0;

describe('market-regulation subgraph', () => {
  it('answers an enterprise by USCC with its registration, representative and penalties', async () => {
    const penalised = enterprises.find((e) => e.penalties.length > 1)!;
    const query = `query ($uscc: String!) { enterprise(uscc: $uscc) { ${ENTERPRISE_FIELDS} } }`;
    const response = await subgraph.query(query, { uscc: penalised.uscc });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ enterprise: expected(penalised) });
  });

  it('lists enterprises of a district and status in USCC order', async () => {
    const first = enterprises[0]!;
    const inDistrict = enterprises
      .filter((e) => e.districtCode === first.districtCode && e.status === 'ACTIVE')
      .sort(byUscc);
    const response = await subgraph.query<{
      enterprises: { uscc: string; districtCode: string }[];
    }>(
      `query ($district: String) { enterprises(districtCode: $district, status: ACTIVE, limit: 3, offset: 1) {
         uscc districtCode } }`,
      { district: first.districtCode },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.enterprises).toEqual(
      inDistrict.slice(1, 4).map((e) => ({ uscc: e.uscc, districtCode: e.districtCode })),
    );
  });

  it('filters enterprises by a fragment of their name', async () => {
    const fragment = enterprises[1]!.name.slice(0, 3);
    const response = await subgraph.query<{ enterprises: { uscc: string }[] }>(
      `query ($fragment: String) { enterprises(nameContains: $fragment, limit: 5000) { uscc } }`,
      { fragment },
    );
    expect(response.errors).toBeUndefined();
    const matching = enterprises.filter((e) => e.name.includes(fragment)).sort(byUscc);
    expect(response.data!.enterprises).toEqual(matching.map((e) => ({ uscc: e.uscc })));
  });

  it('resolves 5 or 50 enterprise representations with the same number of statements', async () => {
    const selection = `... on Enterprise { ${ENTERPRISE_FIELDS} }`;
    const ask = (n: number) =>
      entities<ReturnType<typeof expected>>(
        enterprises.slice(0, n).map((e) => ({ __typename: 'Enterprise', uscc: e.uscc })),
        selection,
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(enterprises.slice(0, 50).map(expected));
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(2);
  });

  it('resolves the enterprises 50 persons represent with the same number of statements as for 5', async () => {
    const representatives = [...new Set(enterprises.map((e) => e.legalRepresentativeId))];
    const ask = (n: number) =>
      entities<{ id: string; enterprisesRepresented: { uscc: string; name: string }[] }>(
        representatives.slice(0, n).map((id) => ({ __typename: 'Person', id })),
        '... on Person { id enterprisesRepresented { uscc name } }',
      );
    const five = await ask(5);
    const fifty = await ask(50);
    expect(fifty.entities).toEqual(
      representatives.slice(0, 50).map((id) => ({
        id,
        enterprisesRepresented: enterprises
          .filter((e) => e.legalRepresentativeId === id)
          .sort(byUscc)
          .map((e) => ({ uscc: e.uscc, name: e.name })),
      })),
    );
    expect(fifty.statements).toBe(five.statements);
    expect(fifty.statements).toBe(1);
  });

  it('gives a person who represents no enterprise an empty list', async () => {
    const {
      entities: [person],
    } = await entities<{ enterprisesRepresented: unknown[] }>(
      [{ __typename: 'Person', id: NOBODY }],
      '... on Person { enterprisesRepresented { uscc } }',
    );
    expect(person).toEqual({ enterprisesRepresented: [] });
  });

  it('rejects a page larger than 5000 and names limit', async () => {
    const response = await subgraph.query('{ enterprises(limit: 5001) { uscc } }');
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'limit must be between 0 and 5000; got 5001.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', limit: 5001, max: 5000 }),
      }),
    ]);
  });

  it('rejects a malformed USCC and names the argument and the fault', async () => {
    const response = await subgraph.query('{ enterprise(uscc: "91350100M000100Y44") { name } }');
    expect(response.errors).toEqual([
      expect.objectContaining({
        message:
          'uscc must be a unified social credit code (GB 32100): 18 characters of 0-9 and the capital letters other than I, O, S, V and Z, with a correct check character; the value given is not one.',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'uscc' }),
      }),
    ]);
  });

  it('rejects a district code that is not six digits', async () => {
    const response = await subgraph.query('{ enterprises(districtCode: "5101") { uscc } }');
    expect(response.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'districtCode' }),
    );
  });

  describe('row policy', () => {
    const rules = (...list: PolicyRule[]) => packPolicyRules(list);
    const wuhou = '510107';
    const inWuhou = enterprises.filter((e) => e.districtCode === wuhou).sort(byUscc);
    const elsewhere = enterprises.filter((e) => e.districtCode !== wuhou).sort(byUscc);
    const inspectorInWuhou = rules(
      { action: 'read', subject: 'Enterprise', conditions: { districtCode: wuhou } },
      { action: 'read', subject: 'AdministrativePenalty' },
    );
    const [me, other] = [...new Set(enterprises.map((e) => e.legalRepresentativeId))];
    const represented = (id: string | undefined) =>
      enterprises
        .filter((e) => e.legalRepresentativeId === id)
        .sort(byUscc)
        .map((e) => ({ uscc: e.uscc }));
    const enterpriseRefs = (list: Enterprise[]) =>
      list.map((e) => ({ __typename: 'Enterprise', uscc: e.uscc }));

    it("gives a citizen the enterprises they represent and nothing of another person's", async () => {
      const citizen = rules(
        { action: 'read', subject: 'Person', conditions: { id: me! } },
        { action: 'read', subject: 'Enterprise' },
      );
      const { entities: found } = await entities(
        [me!, other!].map((id) => ({ __typename: 'Person', id })),
        '... on Person { id enterprisesRepresented { uscc } }',
        citizen,
        true,
      );
      expect(represented(me).length).toBeGreaterThan(0);
      expect(represented(other).length).toBeGreaterThan(0);
      expect(found).toEqual([{ id: me, enterprisesRepresented: represented(me) }, null]);
    });

    it('keeps an enterprise rule on the legal representative to their enterprises', async () => {
      const mine = enterprises.find((e) => e.legalRepresentativeId === me)!;
      const theirs = enterprises.find((e) => e.legalRepresentativeId === other)!;
      const { entities: found } = await entities(
        enterpriseRefs([mine, theirs]),
        '... on Enterprise { uscc }',
        rules({ action: 'read', subject: 'Enterprise', conditions: { legalRepresentative: me! } }),
      );
      expect(found).toEqual([{ uscc: mine.uscc }, null]);
    });

    it('keeps a district rule to the enterprises of that district', async () => {
      const response = await subgraph.query<{ enterprises: { uscc: string }[] }>(
        '{ enterprises(limit: 5000) { uscc } }',
        {},
        inspectorInWuhou,
      );
      expect(response.errors).toBeUndefined();
      expect(inWuhou.length).toBeGreaterThan(0);
      expect(response.data!.enterprises).toEqual(inWuhou.map((e) => ({ uscc: e.uscc })));
      const { entities: found } = await entities(
        enterpriseRefs([elsewhere[0]!, inWuhou[0]!]),
        '... on Enterprise { uscc districtCode }',
        inspectorInWuhou,
      );
      expect(found).toEqual([null, { uscc: inWuhou[0]!.uscc, districtCode: wuhou }]);
    });

    it('lists penalties only under the rules opening Enterprise.penalties', async () => {
      const penalised = enterprises.find((e) => e.penalties.length > 0)!;
      const withoutPenalties = rules(
        { action: 'read', subject: 'Enterprise', fields: ['uscc', 'name'] },
        { action: 'read', subject: 'AdministrativePenalty' },
      );
      const { entities: found } = await entities(
        enterpriseRefs([penalised]),
        '... on Enterprise { uscc penalties { decisionNumber } }',
        withoutPenalties,
        true,
      );
      // penalties is [AdministrativePenalty!]!: its FORBIDDEN null takes the enterprise with it.
      expect(found).toEqual([null]);
    });

    it('returns nothing under rules that do not mention Enterprise', async () => {
      const personsOnly = rules({ action: 'read', subject: 'Person' });
      const response = await subgraph.query(
        `query ($uscc: String!) { enterprise(uscc: $uscc) { uscc } enterprises { uscc } }`,
        { uscc: enterprises[0]!.uscc },
        personsOnly,
      );
      expect(response.data).toEqual({ enterprise: null, enterprises: [] });
      const { entities: found } = await entities(
        [{ __typename: 'Person', id: me! }],
        '... on Person { enterprisesRepresented { uscc } }',
        personsOnly,
      );
      expect(found).toEqual([{ enterprisesRepresented: [] }]);
    });

    it('costs the same statements for 5 or 50 enterprises under a district rule', async () => {
      // Half in Wuhou, half elsewhere, alternating: both kinds are among the first 5.
      const sample = inWuhou.slice(0, 25).flatMap((e, i) => [e, elsewhere[i]!]);
      expect(
        sample.slice(0, 5).some((e) => e.penalties.length > 0 && e.districtCode === wuhou),
      ).toBe(true);
      const ask = (n: number) =>
        entities(
          enterpriseRefs(sample.slice(0, n)),
          '... on Enterprise { uscc penalties { decisionNumber } }',
          inspectorInWuhou,
        );
      const five = await ask(5);
      const fifty = await ask(50);
      expect(fifty.entities).toEqual(
        sample.map((e) => {
          const full = expected(e);
          return e.districtCode === wuhou
            ? {
                uscc: e.uscc,
                penalties: full.penalties.map((p) => ({ decisionNumber: p.decisionNumber })),
              }
            : null;
        }),
      );
      expect(fifty.statements).toBe(five.statements);
      expect(fifty.statements).toBe(2);
    });
  });
});
