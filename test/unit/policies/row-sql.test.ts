import {
  createPolicyEngine,
  rowConditionsToSql,
  unpackPolicyRules,
  type PolicyRule,
} from '../../../policies';
import { classificationOf, grant, label, official, policySet } from './support/builders';

function setup() {
  const personColumns = { id: 'p.id', districtCode: 'p.district_code', gender: 'p.gender' };
  const inWuhou: PolicyRule = {
    action: 'read',
    subject: 'Person',
    fields: ['name'],
    conditions: { districtCode: '510107' },
  };
  const womenInWuhou: PolicyRule = {
    action: 'read',
    subject: 'Person',
    fields: ['name'],
    conditions: { districtCode: '510107', gender: 'FEMALE' },
  };
  const twoPersonsMasked: PolicyRule = {
    action: 'read:masked',
    subject: 'Person',
    fields: ['idNumber'],
    conditions: { id: { $in: ['P0001', 'P0002'] } },
  };
  const everyPersonsId: PolicyRule = { action: 'read', subject: 'Person', fields: ['id'] };
  const byHousehold: PolicyRule = {
    action: 'read',
    subject: 'Person',
    fields: ['name'],
    conditions: { householdId: 'H01' },
  };
  const olderThan: PolicyRule = {
    action: 'read',
    subject: 'Person',
    fields: ['name'],
    conditions: { age: { $gt: 60 } },
  };
  const enterpriseNames: PolicyRule = { action: 'read', subject: 'Enterprise', fields: ['name'] };
  return {
    personColumns,
    inWuhou,
    womenInWuhou,
    twoPersonsMasked,
    everyPersonsId,
    byHousehold,
    olderThan,
    enterpriseNames,
  };
}

describe('rowConditionsToSql', () => {
  it('turns an equality into a parameter', () => {
    const { inWuhou, personColumns } = setup();
    expect(rowConditionsToSql([inWuhou], 'Person', personColumns, 0)).toEqual({
      sql: 'p.district_code = $1',
      params: ['510107'],
    });
  });

  it('ORs rules and ANDs the conditions of one rule, $in as a list, numbered after the offset', () => {
    const { womenInWuhou, twoPersonsMasked, personColumns } = setup();
    expect(
      rowConditionsToSql([womenInWuhou, twoPersonsMasked], 'Person', personColumns, 2),
    ).toEqual({
      sql: '(p.id IN ($3, $4) OR (p.district_code = $5 AND p.gender = $6))',
      params: ['P0001', 'P0002', '510107', 'FEMALE'],
    });
  });

  it('makes a field missing from the column map FALSE, and so any operator but equality and $in', () => {
    const { inWuhou, byHousehold, olderThan, personColumns } = setup();
    expect(rowConditionsToSql([byHousehold], 'Person', personColumns, 0)).toEqual({
      sql: 'FALSE',
      params: [],
    });
    expect(
      rowConditionsToSql([olderThan, inWuhou], 'Person', { ...personColumns, age: 'p.age' }, 0),
    ).toEqual({
      sql: '(p.district_code = $1 OR FALSE)',
      params: ['510107'],
    });
  });

  it('is TRUE when a rule has no conditions', () => {
    const { inWuhou, everyPersonsId, personColumns } = setup();
    expect(rowConditionsToSql([inWuhou, everyPersonsId], 'Person', personColumns, 0)).toEqual({
      sql: 'TRUE',
      params: [],
    });
  });

  it('is null (select nothing) when no rule reads the type', () => {
    const { enterpriseNames, personColumns } = setup();
    expect(rowConditionsToSql([], 'Person', personColumns, 0)).toBeNull();
    expect(rowConditionsToSql([enterpriseNames], 'Person', personColumns, 0)).toBeNull();
  });

  it('counts only the rules opening a field, when given one', () => {
    const { inWuhou, twoPersonsMasked, personColumns } = setup();
    expect(
      rowConditionsToSql([inWuhou, twoPersonsMasked], 'Person', personColumns, 0, 'idNumber'),
    ).toEqual({
      sql: 'p.id IN ($1, $2)',
      params: ['P0001', 'P0002'],
    });
  });

  describe("a list column (a record's provider departments)", () => {
    const columns = { departments: { list: 'r.departments' }, purpose: 'r.purpose' };
    const provided = (conditions: Record<string, unknown>): PolicyRule => ({
      action: 'read',
      subject: 'AccessRecord',
      conditions,
    });

    it('holds when the list contains the value (@>, which the GIN index serves), $in when it shares one (&&)', () => {
      expect(
        rowConditionsToSql([provided({ departments: 'tax' })], 'AccessRecord', columns, 1),
      ).toEqual({ sql: 'r.departments @> ARRAY[$2]::text[]', params: ['tax'] });
      expect(
        rowConditionsToSql(
          [provided({ departments: { $in: ['tax', 'health'] }, purpose: 'audit' })],
          'AccessRecord',
          columns,
          0,
        ),
      ).toEqual({
        sql: '(r.departments && ARRAY[$1, $2]::text[] AND r.purpose = $3)',
        params: ['tax', 'health', 'audit'],
      });
    });

    it('is FALSE for any other operator, a value that is not text, an empty $in, or a scalar column name it does not know', () => {
      for (const conditions of [
        { departments: { $all: ['tax'] } },
        { departments: { $ne: 'tax' } },
        { departments: 7 },
        { departments: { $in: [] } },
        { departments: { $in: ['tax', 7] } },
        { departments: { $eq: 'tax', $ne: 'health' } },
        { toString: 'x' },
      ]) {
        expect(rowConditionsToSql([provided(conditions)], 'AccessRecord', columns, 0)?.sql).toBe(
          'FALSE',
        );
      }
    });
  });

  it("works on the rules a department unpacks from the engine's packed rules", () => {
    const classification = classificationOf({
      'Person.name': label('public-security', 'CONDITIONAL', 'PERSONAL', 'NAME'),
    });
    const caseworkerPersons = grant({
      id: 'public-security-caseworker-persons',
      provider: 'public-security',
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      purposes: ['social-assistance-eligibility'],
      fields: { Person: { name: 'full' } },
      rows: { Person: { districtCode: '$jurisdiction' } },
    });
    const engine = createPolicyEngine(policySet([caseworkerPersons]), classification);
    const caseworkerInWuhou = official('civil-affairs', 'caseworker', { jurisdiction: '510107' });
    const packed = engine
      .abilityFor(caseworkerInWuhou, 'social-assistance-eligibility')
      .rulesFor(['Person'], 'public-security');
    const shipped = JSON.parse(JSON.stringify(packed));
    expect(
      rowConditionsToSql(
        unpackPolicyRules(shipped),
        'Person',
        { districtCode: 'person.district_code' },
        0,
      ),
    ).toEqual({
      sql: 'person.district_code = $1',
      params: ['510107'],
    });
  });
});
