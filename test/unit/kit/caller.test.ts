import { packPolicyRules, type PolicyRule } from '../../../policies';
import { createCaller } from '../../../subgraphs/kit/caller';
import type { RowFacts } from '../../../subgraphs/kit/row-gate';

// A department compiles each signed rule list once and shares it between the requests that
// sign it: the sharing must never let one caller's rules decide for another.
const FACTS: RowFacts = { Person: { districtCode: 'districtCode', household: 'householdId' } };
const PERSON_ROW = { id: 'id', districtCode: 'district_code' } as const;

function caller(rules: PolicyRule[], borrowed: PolicyRule[] = [], facts: RowFacts = FACTS) {
  return createCaller(
    {
      consumer: {
        kind: 'official',
        id: 'u1',
        department: 'civil-affairs',
        role: 'caseworker',
        jurisdiction: null,
        application: null,
        personId: null,
      },
      purpose: 'test',
      caseNumber: null,
      requestId: 'r1',
      revision: 1,
      failClosed: false,
      rules: packPolicyRules(rules),
      borrowedRules: packPolicyRules(borrowed),
      bodyHash: '',
    } as Parameters<typeof createCaller>[0],
    facts,
  );
}

const inWuhou: PolicyRule = {
  action: 'read',
  subject: 'Person',
  fields: ['name', 'address'],
  conditions: { districtCode: '510107' },
};
const wuhou = { districtCode: '510107', householdId: 'H1' };
const jinjiang = { districtCode: '510104', householdId: 'H2' };

describe('createCaller: rule lists compiled once, decided per caller', () => {
  it('a caller with other rules is not decided by a cached list', () => {
    expect(caller([inWuhou]).reads('Person', 'address', wuhou)).toBe('allow');
    expect(caller([]).reads('Person', 'address', wuhou)).toBe('deny');
    const cityWide: PolicyRule = { action: 'read', subject: 'Person', fields: ['address'] };
    expect(caller([cityWide]).reads('Person', 'address', jinjiang)).toBe('allow');
    expect(caller([inWuhou]).reads('Person', 'address', jinjiang)).toBe('deny');
    // The same rules borrowed (another owner's key) are another list.
    expect(caller([], [inWuhou]).reads('Person', 'address', wuhou)).toBe('allow');
    expect(caller([], [inWuhou]).rowFilter('Person', PERSON_ROW, [])).toBe('FALSE');
  });

  it("row filters: each caller's own SQL and parameters, numbered from its offset", () => {
    const first: unknown[] = ['x'];
    expect(caller([inWuhou]).rowFilter('Person', PERSON_ROW, first, 'address')).toBe(
      '(district_code = $2)',
    );
    expect(first).toEqual(['x', '510107']);
    const again: unknown[] = [];
    expect(caller([inWuhou]).rowFilter('Person', PERSON_ROW, again, 'address')).toBe(
      '(district_code = $1)',
    );
    expect(again).toEqual(['510107']);
    const jinjiangRule = { ...inWuhou, conditions: { districtCode: '510104' } };
    const other: unknown[] = [];
    caller([jinjiangRule]).rowFilter('Person', PERSON_ROW, other, 'address');
    expect(other).toEqual(['510104']);
    // Other columns for the same type are another filter.
    expect(
      caller([inWuhou]).rowFilter('Person', { districtCode: 'p.district_code' }, [], 'address'),
    ).toBe('(p.district_code = $1)');
    expect(caller([inWuhou]).rowFilter('Person', { id: 'id' }, [], 'address')).toBe('(FALSE)');
  });

  it('a department with other row facts compiles the same rules apart', () => {
    expect(caller([inWuhou], [], {}).reads('Person', 'address', wuhou)).toBe('deny');
    expect(caller([inWuhou]).reads('Person', 'address', wuhou)).toBe('allow');
  });

  it('stays right past the bound of remembered decisions', () => {
    const byHousehold: PolicyRule = {
      action: 'read',
      subject: 'Person',
      fields: ['name'],
      conditions: { household: 'H7' },
    };
    const reads = caller([byHousehold]).reads;
    for (let i = 0; i < 3000; i++) {
      const expected = i % 500 === 7 ? 'allow' : 'deny';
      const household = i % 500 === 7 ? 'H7' : `H${1000 + i}`;
      expect(reads('Person', 'name', { householdId: household })).toBe(expected);
    }
  });
});
