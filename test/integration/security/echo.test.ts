import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

// A value typed where it does not belong comes back in no error: not from a variable, not from
// a literal in the document, not through an enum, an input object or a list.
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const ID_NUMBER = '11010519491231002X';
const MOBILE = '13812345678';
const caseworker = () => as('caseworker', 'social-assistance-eligibility');
const auditor = () => as('auditor', 'audit');

const ATTEMPTS: [string, string, Record<string, unknown>][] = [
  ['a Float literal where an ID goes', `{ person(id: ${MOBILE}.5) { id } }`, {}],
  [
    'a String literal where an Int goes',
    `{ persons(districtCode: "510107", limit: "${ID_NUMBER}") { id } }`,
    {},
  ],
  ['an enum literal', `{ myObjections(status: X${ID_NUMBER}) { id } }`, {}],
  ['an Int literal where a Boolean goes', `{ myObjections(overdue: ${MOBILE}) { id } }`, {}],
  [
    'a variable of the wrong type',
    'query($n: Int) { persons(districtCode: "510107", limit: $n) { id } }',
    { n: ID_NUMBER },
  ],
  [
    'an enum variable',
    'query($s: ObjectionStatus) { myObjections(status: $s) { id } }',
    { s: ID_NUMBER },
  ],
  [
    'an input object variable with a wrong field',
    'query($f: AccessRecordFilter) { accessRecords(filter: $f) { records { id } } }',
    { f: { personId: { n: ID_NUMBER }, outcome: MOBILE } },
  ],
  [
    'an input object literal with a wrong value',
    `{ accessRecords(filter: { personId: ${MOBILE}.5 }) { records { id } } }`,
    {},
  ],
  ['a String token where a name goes', `{ person(id: "x") { id "${ID_NUMBER}" } }`, {}],
  ['an Int token where a name goes', `{ person(id: "x") { ${MOBILE} } }`, {}],
  ['a Float token where a name goes', `{ person(id: "x") { ${MOBILE}.5 } }`, {}],
];

describe('no personal value echoed in an error', () => {
  it.each(ATTEMPTS)('%s', async (_what, query, variables) => {
    const who = query.includes('accessRecords') ? auditor : caseworker;
    const response = await federation.query(query, variables, await who());
    const text = JSON.stringify(response);
    expect(response.errors?.length ?? 0).toBeGreaterThan(0);
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain(MOBILE);
  });
});
