import type { Federation } from '../../support/federation';
import { consolePage, newCaseNumber, signIn, textOf, useConsole } from '../../support/console';
import { as } from '../../support/security';

// Issue 16, item 9: a department's privacy contact sees their department as consumer AND as
// provider: the records where another department read a civil-affairs field, and not the
// records that read nothing of civil affairs. Real gateway, real departments, real SQL.
const federation = useConsole();
const PERSON = 'PCYGN28R6';
const contact = () =>
  as(
    {
      sub: 'civil-affairs-privacy-contact-9',
      kind: 'official',
      dept: 'civil-affairs',
      role: 'privacy-contact',
    },
    'privacy-oversight',
  );

/** The public-security registrar reads a person under a case number. */
async function registrarReads(f: Federation, selection: string, caseNumber: string) {
  const response = await f.query(
    `query Registration { person(id: "${PERSON}") { ${selection} } }`,
    {},
    { ...(await as('registrar', 'household-registration')), 'x-case-number': caseNumber },
  );
  expect(response.errors).toBeUndefined();
}

async function recordsOfCase(caseNumber: string) {
  const response = await federation().query<{
    accessRecords: {
      records: { caseNumber: string; departments: string[]; consumer: { department: string } }[];
    };
  }>(
    'query Search($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 20) { records { caseNumber departments consumer { department } } } }',
    { filter: { caseNumber } },
    await contact(),
  );
  expect(response.errors).toBeUndefined();
  return response.data!.accessRecords.records;
}

describe("civil affairs' privacy contact, as provider", () => {
  const provided = newCaseNumber();
  const notProvided = newCaseNumber();

  beforeAll(async () => {
    await registrarReads(federation(), 'id maritalStatus', provided);
    await registrarReads(federation(), 'id name', notProvided);
  });

  it("sees public security's read of a civil-affairs field, and not its read of public-security fields only", async () => {
    const seen = await recordsOfCase(provided);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.consumer.department).toBe('public-security');
    expect(seen[0]!.departments).toContain('civil-affairs');
    expect(await recordsOfCase(notProvided)).toEqual([]);
    // The auditor (the city) sees both: the second record exists, it is the row rule that hides it.
    const audit = await federation().query<{ accessRecords: { records: unknown[] } }>(
      'query A($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 5) { records { id } } }',
      { filter: { caseNumber: notProvided } },
      await as('auditor', 'audit'),
    );
    expect(audit.data!.accessRecords.records).toHaveLength(1);
  });

  it('reads the canonical text (client address, trace id) of no record: it is masked for the contact, full for the auditor', async () => {
    const query =
      'query A($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 5) { records { hash canonical } } }';
    const mine = await federation().query<{
      accessRecords: { records: { hash: string; canonical: string }[] };
    }>(query, { filter: { caseNumber: provided } }, await contact());
    expect(mine.errors).toBeUndefined();
    const audited = await federation().query<{
      accessRecords: { records: { hash: string; canonical: string }[] };
    }>(query, { filter: { caseNumber: provided } }, await as('auditor', 'audit'));
    const full = audited.data!.accessRecords.records[0]!.canonical;
    expect(full).toContain('"caseNumber"');
    expect(full).toContain('clientAddress');
    const masked = mine.data!.accessRecords.records[0]!.canonical;
    expect(masked).not.toBe(full);
    expect(masked).not.toContain('clientAddress');
  });

  it('sees the same in the console search, beside its own department’s reads', async () => {
    const cookie = await signIn(federation(), 'privacy-contact');
    const found = await consolePage(
      federation(),
      cookie,
      `/console/records?caseNumber=${provided}`,
    );
    expect(found.status).toBe(200);
    expect((found.html.match(/<tr data-record=/g) ?? []).length).toBe(1);
    expect(textOf(found.html)).toContain('public-security/registrar');
    const none = await consolePage(
      federation(),
      cookie,
      `/console/records?caseNumber=${notProvided}`,
    );
    expect(none.html).not.toContain('<tr data-record=');
    const home = await consolePage(federation(), cookie, '/console/');
    expect(textOf(home.html)).toContain('作为使用方和提供方');
  });

  it("shows another department's contact none of these records (tax neither read nor provided)", async () => {
    const response = await federation().query<{ accessRecords: { records: unknown[] } }>(
      'query A($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 5) { records { id } } }',
      { filter: { caseNumber: provided } },
      await as(
        { sub: 'tax-privacy-contact-9', kind: 'official', dept: 'tax', role: 'privacy-contact' },
        'privacy-oversight',
      ),
    );
    expect(response.data?.accessRecords?.records ?? []).toEqual([]);
    // Public security's contact sees it: their department's registrar read it.
    const own = await federation().query<{ accessRecords: { records: unknown[] } }>(
      'query A($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 5) { records { id } } }',
      { filter: { caseNumber: provided } },
      await as(
        {
          sub: 'public-security-privacy-contact-9',
          kind: 'official',
          dept: 'public-security',
          role: 'privacy-contact',
        },
        'privacy-oversight',
      ),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.accessRecords.records).toHaveLength(1);
  });
});
