import { randomUUID } from 'node:crypto';
import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const APPLICANT = 'PCYGN28R6'; // 510107, the caseworker's district
const NEIGHBOUR = 'PFB9YBZ34'; // 510107 too

interface RecordView {
  id: string;
  caseNumber: string | null;
  subjects: string[];
  consumer: { department: string | null; role: string | null };
  fields: { coordinate: string; pi: string; effect: string }[];
  outcome: string;
}

const SEARCH = `query Search($filter: AccessRecordFilter, $first: Int, $after: String) {
  accessRecords(filter: $filter, first: $first, after: $after) {
    records { id caseNumber subjects consumer { department role } fields { coordinate pi effect } outcome }
    next
  }
}`;

const MINE = `{ myAccessRecords { records { id subject department role purpose purposeName fields departments } next } }`;

/** A case number no other test uses. */
const newCase = () => `MZ-${randomUUID().slice(0, 8)}`;

/** The caseworker reads a person's name and income under a case number. */
async function caseworkerReads(personId: string, caseNumber: string) {
  const response = await federation.query<{ person: { name: string } }>(
    `query Applicant { person(id: "${personId}") { name annualIncomes { amount } } }`,
    {},
    { ...(await as('caseworker', 'social-assistance-eligibility')), 'x-case-number': caseNumber },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.person.name;
}

async function search(filter: Record<string, unknown>, first?: number, after?: string) {
  return federation.query<{ accessRecords: { records: RecordView[]; next: string | null } }>(
    SEARCH,
    { filter, first, after },
    await as('auditor', 'audit'),
  );
}

async function mine(personId: string) {
  return federation.query<{
    myAccessRecords: { records: { id: string; subject: string; purposeName: string | null }[] };
  }>(MINE, {}, await as('citizen', 'self-service', personId));
}

describe('auditors read access records through the graph', () => {
  it('finds the records of a case, with the persons concerned and no value that was read', async () => {
    const caseNumber = newCase();
    const name = await caseworkerReads(APPLICANT, caseNumber);
    const response = await search({ caseNumber, personId: APPLICANT });
    expect(response.errors).toBeUndefined();
    const [record, ...more] = response.data!.accessRecords.records;
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      caseNumber,
      subjects: [APPLICANT],
      consumer: { department: 'civil-affairs', role: 'caseworker' },
      outcome: 'SERVED',
    });
    expect(record!.fields).toEqual(
      expect.arrayContaining([{ coordinate: 'Person.name', pi: 'PERSONAL', effect: 'ALLOW' }]),
    );
    expect(JSON.stringify(response)).not.toContain(name);
  });

  it('pages newest first with an opaque cursor', async () => {
    const caseNumber = newCase();
    for (const person of [APPLICANT, NEIGHBOUR, APPLICANT])
      await caseworkerReads(person, caseNumber);
    const first = await search({ caseNumber }, 2);
    expect(first.errors).toBeUndefined();
    const page1 = first.data!.accessRecords;
    expect(page1.records.map((r) => r.subjects)).toEqual([[APPLICANT], [NEIGHBOUR]]);
    expect(page1.next).toEqual(expect.any(String));
    const second = await search({ caseNumber }, 2, page1.next!);
    expect(second.data!.accessRecords.records.map((r) => r.subjects)).toEqual([[APPLICANT]]);
    expect(second.data!.accessRecords.next).toBeNull();
  });

  it('records the auditor reading the records, with the persons those records concern', async () => {
    const caseNumber = newCase();
    await caseworkerReads(NEIGHBOUR, caseNumber);
    await search({ caseNumber });
    const [read] = (await recordsOf(federation.streamId)).slice(-1);
    expect(read).toMatchObject({
      consumer_department: 'data-bureau',
      consumer_role: 'auditor',
      purpose: 'audit',
      outcome: 'served',
      subjects: [NEIGHBOUR],
    });
    expect(read!.fields).toEqual(
      expect.arrayContaining([
        {
          coordinate: 'AccessRecord.subjects',
          pi: 'PERSONAL',
          effect: 'allow',
          grant: 'data-bureau-auditor-access-records',
        },
      ]),
    );
  });

  it('verifies the hash chain of a writer stream', async () => {
    await caseworkerReads(APPLICANT, newCase());
    const response = await federation.query<{
      accessRecordChain: {
        ok: boolean;
        streams: { streamId: string; records: number; headSeq: number }[];
      };
    }>(
      `query ($s: String) { accessRecordChain(streamId: $s) { ok streams { streamId records headSeq } firstBreak { description } } }`,
      { s: federation.streamId },
      await as('auditor', 'audit'),
    );
    expect(response.errors).toBeUndefined();
    const { ok, streams } = response.data!.accessRecordChain;
    expect(ok).toBe(true);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.streamId).toBe(federation.streamId);
    expect(streams[0]!.records).toBe(streams[0]!.headSeq);
    expect(streams[0]!.records).toBeGreaterThan(0);
  });

  it('names the bad criterion without repeating it', async () => {
    const badField = await search({ field: 'Person idNumber' });
    expect(badField.errors?.[0]).toMatchObject({
      message:
        'filter.field must be a field as Type.field, e.g. Person.name; the value given is not one.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const badPerson = await search({ personId: '510107199001011234 x' });
    expect(badPerson.errors?.[0]?.message).toMatch(/^filter.personId must be a person id /);
    expect(JSON.stringify(badPerson)).not.toContain('510107199001011234');
    const badCursor = await search({}, 5, 'not-a-cursor');
    expect(badCursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(badCursor.errors?.[0]?.message).toContain("pass its 'next'");
    // 201 is cheap enough for demand control; the department names its own bound.
    const badPage = await search({}, 201);
    expect(badPage.errors?.[0]?.message).toBe('first must be between 1 and 200; got 201.');
  });

  it('refuses everyone but auditors', async () => {
    for (const [consumer, purpose] of [
      ['caseworker', 'social-assistance-eligibility'],
      ['developer', 'service-development'],
    ] as const) {
      const response = await federation.query(SEARCH, {}, await as(consumer, purpose));
      expect(response.status).toBe(403);
      expect(response.data ?? null).toBeNull();
    }
    const citizen = await federation.query(
      SEARCH,
      { filter: { personId: APPLICANT } },
      await as('citizen', 'self-service', APPLICANT),
    );
    expect(citizen.status).toBe(403);
  });
});

describe('a citizen sees who read their data', () => {
  it('sees the caseworker who read them, and only records about them', async () => {
    const caseNumber = newCase();
    await caseworkerReads(APPLICANT, caseNumber);
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    const response = await mine(APPLICANT);
    expect(response.errors).toBeUndefined();
    const records = response.data!.myAccessRecords.records;
    expect(records.find((r) => r.id === record!.id)).toEqual(
      expect.objectContaining({
        subject: APPLICANT,
        department: 'civil-affairs',
        role: 'caseworker',
        purpose: 'social-assistance-eligibility',
        purposeName: expect.any(String),
        departments: expect.arrayContaining(['public-security', 'tax']),
        fields: expect.arrayContaining(['Person.name', 'PersonalIncome.amount']),
      }),
    );
    expect(records.every((r) => r.subject === APPLICANT)).toBe(true);
    const neighbour = await mine(NEIGHBOUR);
    expect(neighbour.errors).toBeUndefined();
    expect(neighbour.data!.myAccessRecords.records.map((r) => r.id)).not.toContain(record!.id);
  });

  it('does not see records under delayed disclosure until the hold ends', async () => {
    const caseNumber = newCase();
    await caseworkerReads(APPLICANT, caseNumber);
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    expect((await mine(APPLICANT)).data!.myAccessRecords.records.map((r) => r.id)).toContain(
      record!.id,
    );
    const until = new Date(Date.now() + 90 * 24 * 3600_000).toISOString();
    const hold = await federation.query<{ holdDisclosure: { caseNumber: string; setBy: string } }>(
      `mutation ($input: HoldDisclosureInput!) { holdDisclosure(input: $input) { caseNumber hiddenUntil setBy setByDepartment } }`,
      { input: { caseNumber, hiddenUntil: until, reason: '案件调查中' } },
      await as('auditor', 'audit'),
    );
    expect(hold.errors).toBeUndefined();
    expect(hold.data!.holdDisclosure).toMatchObject({ caseNumber });
    expect((await mine(APPLICANT)).data!.myAccessRecords.records.map((r) => r.id)).not.toContain(
      record!.id,
    );
    // Later reads of the same case are held too; the auditor still sees everything.
    await caseworkerReads(APPLICANT, caseNumber);
    const [later] = (await recordsOf(federation.streamId)).slice(-1);
    expect((await mine(APPLICANT)).data!.myAccessRecords.records.map((r) => r.id)).not.toContain(
      later!.id,
    );
    expect((await search({ caseNumber })).data!.accessRecords.records).toHaveLength(2);
  });

  it('holds need one target, a future date and a reason', async () => {
    const auditor = await as('auditor', 'audit');
    const hold = (input: Record<string, unknown>) =>
      federation.query(
        `mutation ($input: HoldDisclosureInput!) { holdDisclosure(input: $input) { id } }`,
        { input },
        auditor,
      );
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await hold({ hiddenUntil: future, reason: 'x' })).errors?.[0]?.message).toBe(
      'Give exactly one of input.recordId and input.caseNumber.',
    );
    expect(
      (await hold({ caseNumber: newCase(), hiddenUntil: '2020-01-01T00:00:00Z', reason: 'x' }))
        .errors?.[0]?.message,
    ).toBe('hiddenUntil must be a time in the future.');
    expect(
      (await hold({ recordId: randomUUID(), hiddenUntil: future, reason: 'x' })).errors?.[0]
        ?.message,
    ).toBe('recordId names no access record.');
    const caseworker = await federation.query(
      `mutation { holdDisclosure(input: { caseNumber: "X-1", hiddenUntil: "${future}", reason: "x" }) { id } }`,
      {},
      await as('caseworker', 'social-assistance-eligibility'),
    );
    expect(caseworker.status).toBe(403);
  });
});
