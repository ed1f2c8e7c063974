import { buildSchema, graphqlSync, parse } from 'graphql';
import type { PolicyRule } from '../../../policies';
import { gateFields, type GateContext } from '../../../subgraphs/kit/field-gate';
import { rowFacts } from '../../../subgraphs/kit/row-facts';
import { createRowGate, type RowFacts } from '../../../subgraphs/kit/row-gate';

const PERSON_FACTS: RowFacts = { Person: { id: 'id', districtCode: 'districtCode' } };

const wuhou = {
  id: 'P1',
  name: '张三',
  districtCode: '510107',
  address: '武侯区某街',
  mobile: '13800000001',
};
const jinjiang = {
  id: 'P2',
  name: '李四',
  districtCode: '510104',
  address: '锦江区某街',
  mobile: '13800000002',
};

/** The registrar's two grants: everything in her district, identity city-wide. */
function registrarGate(facts: RowFacts = PERSON_FACTS) {
  const rules: PolicyRule[] = [
    {
      action: 'read',
      subject: 'Person',
      fields: ['id', 'name', 'address', 'mobile'],
      conditions: { districtCode: '510107' },
    },
    { action: 'read', subject: 'Person', fields: ['id', 'name'] },
  ];
  return createRowGate(rules, facts);
}

describe('createRowGate: each field on the rows its own rules admit', () => {
  it('opens a field on the rows its own condition admits, not on the union', () => {
    const reads = registrarGate();
    expect(reads('Person', 'address', wuhou)).toBe('allow');
    expect(reads('Person', 'address', jinjiang)).toBe('deny');
    expect(reads('Person', 'mobile', jinjiang)).toBe('deny');
    expect(reads('Person', 'name', jinjiang)).toBe('allow');
  });

  it('denies a field no rule opens, and a type no rule names', () => {
    const reads = registrarGate();
    expect(reads('Person', 'ethnicity', wuhou)).toBe('deny');
    expect(reads('Household', 'id', { id: 'H1' })).toBe('deny');
  });

  it('denies when the department does not know the fact a condition names', () => {
    const reads = registrarGate({ Person: { id: 'id' } });
    expect(reads('Person', 'address', wuhou)).toBe('deny');
    expect(reads('Person', 'name', wuhou)).toBe('allow');
  });

  it('denies when the row lacks the fact (a reference carrying its key only)', () => {
    const reads = registrarGate();
    expect(reads('Person', 'address', { id: 'P1' })).toBe('deny');
    expect(reads('Person', 'address', { id: 'P1', districtCode: null })).toBe('deny');
    expect(reads('Person', 'address', null)).toBe('deny');
  });

  it('reads a fact under the property the department names', () => {
    const reads = createRowGate(
      [{ action: 'read', subject: 'MarriageRecord', conditions: { spouse: 'P9' } }],
      { MarriageRecord: { spouse: 'spouseId' } },
    );
    expect(reads('MarriageRecord', 'kind', { spouseId: 'P9' })).toBe('allow');
    expect(reads('MarriageRecord', 'kind', { spouse: 'P9' })).toBe('deny');
  });

  it('counts a masked rule as opening the row, and takes $in', () => {
    const reads = createRowGate(
      [
        {
          action: 'read:masked',
          subject: 'Person',
          fields: ['idNumber'],
          conditions: { districtCode: { $in: ['510104', '510105'] } },
        },
      ],
      PERSON_FACTS,
    );
    expect(reads('Person', 'idNumber', jinjiang)).toBe('allow');
    expect(reads('Person', 'idNumber', wuhou)).toBe('deny');
  });

  it('lets an inverted rule forbid, and forbid when it cannot be decided', () => {
    const rules: PolicyRule[] = [
      { action: 'read', subject: 'Person' },
      { action: 'read', subject: 'Person', inverted: true, conditions: { districtCode: '510104' } },
    ];
    expect(createRowGate(rules, PERSON_FACTS)('Person', 'name', wuhou)).toBe('allow');
    expect(createRowGate(rules, PERSON_FACTS)('Person', 'name', jinjiang)).toBe('deny');
    expect(createRowGate(rules, { Person: { id: 'id' } })('Person', 'name', wuhou)).toBe('deny');
  });

  it('opens everything under a rule on all subjects (benchmarks, department tests)', () => {
    const reads = createRowGate([{ action: 'read', subject: 'all' }], {});
    expect(reads('Person', 'mobile', jinjiang)).toBe('allow');
  });

  it('gives every row of a batch the answer of its facts, whatever else the rows hold', () => {
    const reads = registrarGate();
    const rows = Array.from({ length: 1000 }, (_, i) => ({ ...jinjiang, id: `P${i}` }));
    expect(new Set(rows.map((row) => reads('Person', 'mobile', row)))).toEqual(new Set(['deny']));
  });
});

describe('gateFields: the schema side', () => {
  const schema = () =>
    gateFields(
      buildSchema(`
        type Query { person(id: ID!): Person, persons: [Person!]! }
        type Person { id: ID!, name: String!, mobile: String }
      `),
    );
  const rows: Record<string, typeof wuhou> = { P1: wuhou, P2: jinjiang };
  const run = (query: string) =>
    graphqlSync({
      schema: schema(),
      source: query,
      rootValue: { person: ({ id }: { id: string }) => rows[id], persons: () => [wuhou, jinjiang] },
      contextValue: {
        caller: { purpose: 'household-registration', reads: registrarGate() },
      } satisfies GateContext,
    });

  it('returns null with FORBIDDEN at the path of a field outside its rows, and no value', () => {
    const result = run(
      '{ a: person(id: "P1") { name mobile } b: person(id: "P2") { name mobile } }',
    );
    expect(result.data).toEqual({
      a: { name: wuhou.name, mobile: wuhou.mobile },
      b: { name: jinjiang.name, mobile: null },
    });
    expect(result.errors?.map((e) => [e.path, e.extensions.code])).toEqual([
      [['b', 'mobile'], 'FORBIDDEN'],
    ]);
    expect(result.errors![0]!.message).toMatch(/^Person\.mobile is not open for this row/);
    expect(JSON.stringify(result)).not.toContain(jinjiang.mobile);
  });

  it('gates every row of a list on its own', () => {
    const result = run('{ persons { id mobile } }');
    expect(result.data).toEqual({
      persons: [
        { id: 'P1', mobile: wuhou.mobile },
        { id: 'P2', mobile: null },
      ],
    });
  });
});

describe('rowFacts', () => {
  it("takes an entity's simple key as a fact, and the department's declarations", () => {
    const typeDefs = parse(`
      type Person @key(fields: "id") { id: ID! }
      type Household @key(fields: "id") @key(fields: "code region { id }") { id: ID! }
      type MarriageRecord { kind: String }
    `);
    expect(rowFacts(typeDefs, { MarriageRecord: { spouse: 'spouseId' } })).toEqual({
      Person: { id: 'id' },
      Household: { id: 'id' },
      MarriageRecord: { spouse: 'spouseId' },
    });
  });
});

describe('createRowGate on a list-valued fact (an access record’s provider departments)', () => {
  const facts: RowFacts = {
    AccessRecord: { consumerDepartment: 'consumerDepartment', departments: 'departments' },
  };
  // A privacy contact's two grants: their department as consumer, or among the providers.
  const contact = createRowGate(
    [
      { action: 'read', subject: 'AccessRecord', conditions: { consumerDepartment: 'tax' } },
      { action: 'read', subject: 'AccessRecord', conditions: { departments: 'tax' } },
    ],
    facts,
  );

  it('admits a record whose providers include the department, or that it consumed, and no other', () => {
    const row = (consumerDepartment: string, departments: string[]) => ({
      consumerDepartment,
      departments,
    });
    expect(
      contact('AccessRecord', 'purpose', row('civil-affairs', ['public-security', 'tax'])),
    ).toBe('allow');
    expect(contact('AccessRecord', 'purpose', row('tax', ['public-security']))).toBe('allow');
    expect(contact('AccessRecord', 'purpose', row('civil-affairs', ['public-security']))).toBe(
      'deny',
    );
    expect(contact('AccessRecord', 'purpose', row('civil-affairs', []))).toBe('deny');
  });

  it('denies when the list fact is missing (cannot be decided), or not declared by the department', () => {
    expect(contact('AccessRecord', 'purpose', { consumerDepartment: 'civil-affairs' })).toBe(
      'deny',
    );
    const undeclared = createRowGate(
      [{ action: 'read', subject: 'AccessRecord', conditions: { departments: 'tax' } }],
      { AccessRecord: { consumerDepartment: 'consumerDepartment' } },
    );
    expect(undeclared('AccessRecord', 'purpose', { departments: ['tax'] })).toBe('deny');
  });
});

describe('createRowGate: remembered decisions', () => {
  // Decisions are remembered by the row's facts: a remembered one must be what a fresh gate
  // decides, whatever the facts' types and whichever row came first.
  const facts: RowFacts = { Person: { districtCode: 'districtCode', household: 'householdId' } };
  const rules: PolicyRule[] = [
    {
      action: 'read',
      subject: 'Person',
      fields: ['name'],
      conditions: { districtCode: '510107', household: 'H1' },
    },
    { action: 'read', subject: 'Person', fields: ['address'], conditions: { districtCode: '1' } },
    // Facts whose texts run together ('a' + 'sb', 'as' + 'b') are still two combinations.
    {
      action: 'read',
      subject: 'Person',
      fields: ['mobile'],
      conditions: { districtCode: 'a', household: 'sb' },
    },
  ];
  const rows: unknown[] = [
    { districtCode: '510107', householdId: 'H1' },
    { districtCode: 510107, householdId: 'H1' },
    { districtCode: '510107', householdId: null },
    { districtCode: '510107' },
    { districtCode: '1' },
    { districtCode: 1 },
    { districtCode: true },
    { districtCode: ['1'] },
    { districtCode: '5101', householdId: '07H1' },
    { districtCode: '510107H1' },
    { districtCode: 'a', householdId: 'sb' },
    { districtCode: 'as', householdId: 'b' },
    null,
    'P1',
  ];

  it.each(['name', 'address', 'mobile'])(
    '%s: the same decision as a fresh gate, in any order',
    (field) => {
      const fresh = rows.map((row) => createRowGate(rules, facts)('Person', field, row));
      const shared = createRowGate(rules, facts);
      expect(rows.map((row) => shared('Person', field, row))).toEqual(fresh);
      expect([...rows].reverse().map((row) => shared('Person', field, row))).toEqual(
        [...fresh].reverse(),
      );
      expect(fresh).toContain('allow');
      expect(fresh).toContain('deny');
    },
  );
});
