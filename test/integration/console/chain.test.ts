import {
  caseworkerReads,
  consolePage,
  newCaseNumber,
  recordOfCase,
  signIn,
  useConsole,
  tamperWithRecord,
  textOf,
} from '../../support/console';

const federation = useConsole();

const APPLICANT = 'PCYGN28R6';
const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The row of one stream in the result table. */
const streamRow = (html: string, streamId: string) =>
  textOf(html.split('<tr').find((row) => row.includes(`data-stream="${streamId}"`)) ?? '');

describe('chain verification (item 6)', () => {
  it('verifies a stream now, whole, with its record count and head', async () => {
    await caseworkerReads(federation(), APPLICANT, newCaseNumber());
    const cookie = await signIn(federation(), 'auditor');
    const page = await consolePage(federation(), cookie, '/console/chain', {
      streamId: federation().streamId,
      month: '',
    });
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('所有哈希链完整');
    expect(streamRow(page.html, federation().streamId)).toMatch(
      / [1-9]\d* [1-9]\d* [0-9a-f]{16} 完整/,
    );
  });

  it('names the first break, in the whole chain and in the month, once a record is edited', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), APPLICANT, caseNumber);
    const recordId = await recordOfCase(federation(), caseNumber);
    const cookie = await signIn(federation(), 'privacy-officer');
    const restore = await tamperWithRecord(recordId);
    try {
      for (const month of ['', thisMonth()]) {
        const page = await consolePage(federation(), cookie, '/console/chain', {
          streamId: federation().streamId,
          month,
        });
        const alert = textOf(
          page.html.match(/<p class="broken" role="alert">.*?<\/p>/s)?.[0] ?? '',
        );
        expect(alert).toContain(`哈希链断裂 ：${federation().streamId} #`);
        expect(alert).toContain(recordId);
        expect(streamRow(page.html, federation().streamId)).toContain('断裂');
      }
      // A month without records of this stream has nothing to verify.
      const empty = await consolePage(federation(), cookie, '/console/chain', {
        streamId: federation().streamId,
        month: '2020-01',
      });
      expect(textOf(empty.html)).toContain('所有哈希链完整 Every chain is whole (0)');
    } finally {
      await restore();
    }
    const healed = await consolePage(federation(), cookie, '/console/chain', {
      streamId: federation().streamId,
      month: '',
    });
    expect(textOf(healed.html)).toContain('所有哈希链完整');
  });

  it('is not offered to a department’s privacy contact', async () => {
    const cookie = await signIn(federation(), 'privacy-contact');
    const page = await consolePage(federation(), cookie, '/console/chain');
    expect(page.status).toBe(403);
    const home = await consolePage(federation(), cookie, '/console/');
    expect(home.html).not.toContain('href="/console/chain"');
  });
});
