import {
  caseworkerReads,
  consolePage,
  FULL_ID_OR_MOBILE,
  newCaseNumber,
  signIn,
  useConsole,
  textOf,
} from '../../support/console';
import { as } from '../../support/security';

const federation = useConsole();

const APPLICANT = 'PCYGN28R6'; // 510107, the caseworker's district
const NEIGHBOUR = 'PFB9YBZ34'; // 510107 too

/** Record ids in the order a page lists them. */
const recordIds = (html: string) => [...html.matchAll(/data-record="([^"]+)"/g)].map((m) => m[1]);

describe('records search, person timeline and export (item 1)', () => {
  it('finds a case’s records with the person they concern, and no value that was read', async () => {
    const caseNumber = newCaseNumber();
    const read = await caseworkerReads(federation(), APPLICANT, caseNumber);
    const cookie = await signIn(federation(), 'privacy-officer');
    const page = await consolePage(
      federation(),
      cookie,
      `/console/records?caseNumber=${caseNumber}`,
    );
    expect(page.status).toBe(200);
    expect(recordIds(page.html)).toHaveLength(1);
    const text = textOf(page.html);
    expect(text).toContain('civil-affairs/caseworker');
    expect(text).toContain('social-assistance-eligibility');
    expect(text).toContain('Person.idNumber');
    expect(page.html).toContain(`href="/console/person?id=${APPLICANT}"`);
    expect(page.html).not.toContain(read.name);
    expect(page.html).not.toContain(read.idNumber.slice(2, 16));
    expect(page.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it('pages by keyset: two pages of one, then none, in time order', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    await caseworkerReads(federation(), NEIGHBOUR, caseNumber);
    const cookie = await signIn(federation(), 'auditor');
    const first = await consolePage(
      federation(),
      cookie,
      `/console/records?caseNumber=${caseNumber}&first=1`,
    );
    const next = first.html.match(/rel="next" href="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toContain(`caseNumber=${caseNumber}`);
    const second = await consolePage(federation(), cookie, next!);
    expect(second.html).toContain(`person?id=${APPLICANT}`); // the older read comes second
    expect(first.html).toContain(`person?id=${NEIGHBOUR}`);
    expect(recordIds(second.html)).toHaveLength(1);
    expect(recordIds(second.html)[0]).not.toBe(recordIds(first.html)[0]);
  });

  it('shows a person’s timeline with a hold’s reason and end, and records the reading itself', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    const hold = await federation().query(
      `mutation Hold($input: HoldDisclosureInput!) { holdDisclosure(input: $input) { id } }`,
      {
        input: { caseNumber, hiddenUntil: '2027-06-30T00:00:00Z', reason: '案件调查中，暂缓告知' },
      },
      await as('auditor', 'audit'),
    );
    expect(hold.errors).toBeUndefined();
    const cookie = await signIn(federation(), 'privacy-officer');
    const page = await consolePage(federation(), cookie, `/console/person?id=${APPLICANT}`);
    expect(page.status).toBe(200);
    const row = page.html.split('<tr').find((r) => r.includes(caseNumber))!;
    expect(textOf(row)).toMatch(/暂缓至 2027-06-30\s*：案件调查中，暂缓告知/);
    // The console read the timeline as the privacy officer: its own record names the person.
    const own = await federation().query<any>(
      `query Own($filter: AccessRecordFilter) { accessRecords(filter: $filter, first: 5) { records { consumer { id } purpose subjects } } }`,
      { filter: { consumerId: 'demo-privacy-officer', personId: APPLICANT } },
      await as('auditor', 'audit'),
    );
    expect(own.data.accessRecords.records[0]).toMatchObject({
      consumer: { id: 'demo-privacy-officer' },
      purpose: 'privacy-oversight',
    });
    expect(own.data.accessRecords.records[0].subjects).toContain(APPLICANT);
  });

  it('exports CSV and JSON Lines with each record’s links and the chain verification', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    const cookie = await signIn(federation(), 'auditor');
    const csv = await consolePage(
      federation(),
      cookie,
      `/console/records/export?format=csv&caseNumber=${caseNumber}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="access-records-.*\.csv"$/,
    );
    const lines = csv.html.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,time,stream_id,seq,consumer_kind,consumer_id,consumer_department,consumer_role,purpose,case_number,operation_name,outcome,policy_revision,departments,fields,subjects,prev_hash,hash,format,canonical',
    );
    expect(lines[1]).toContain(`,${caseNumber},Applicant,SERVED,`);
    expect(lines[1]).toMatch(/,[0-9a-f]{64},[0-9a-f]{64},6,"\{/);
    expect(lines[2]).toMatch(/^# hash = hex\(SHA-256/);
    expect(lines[3]).toMatch(/^# chain verified at .*: (whole|BROKEN)$/);
    expect(lines.some((l) => l.startsWith(`# stream ${federation().streamId} records=`))).toBe(
      true,
    );
    const jsonl = await consolePage(
      federation(),
      cookie,
      `/console/records/export?format=jsonl&caseNumber=${caseNumber}`,
    );
    const [record, proof, ...rest] = jsonl.html
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ type: 'record', caseNumber, subjects: [APPLICANT] });
    expect(proof).toMatchObject({ type: 'chain-proof', records: 1 });
    const stream = proof.chain.streams.find((s: any) => s.streamId === record.streamId);
    expect(stream.headSeq).toBeGreaterThanOrEqual(record.seq);
  });

  it('keeps a department’s privacy contact to their department’s records', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    const inspector = await federation().query(
      `query Firm { enterprise(uscc: "91510107MA5B0A7H79") { name } }`,
      {},
      { ...(await as('inspector', 'market-supervision')), 'x-case-number': caseNumber },
    );
    expect(inspector.errors).toBeUndefined();
    const officer = await signIn(federation(), 'privacy-officer');
    const all = await consolePage(
      federation(),
      officer,
      `/console/records?caseNumber=${caseNumber}`,
    );
    expect(recordIds(all.html)).toHaveLength(2);
    const contact = await signIn(federation(), 'privacy-contact');
    const own = await consolePage(
      federation(),
      contact,
      `/console/records?caseNumber=${caseNumber}`,
    );
    expect(own.status).toBe(200);
    expect(recordIds(own.html)).toHaveLength(1);
    expect(textOf(own.html)).toContain('civil-affairs/caseworker');
    expect(textOf(own.html)).not.toContain('market-regulation/inspector');
  });
});
