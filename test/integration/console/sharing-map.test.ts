import {
  caseworkerReads,
  consolePage,
  newCaseNumber,
  signIn,
  useConsole,
  textOf,
} from '../../support/console';
import { countFlows } from '../../../console/sharing/flows';
import { as } from '../../support/security';

const federation = useConsole();

/** The flows table as [provider, consumer, purpose, count] rows. */
const flowRows = (html: string) =>
  [...html.matchAll(/<tr data-flow="[^"]*">(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]),
  );

describe('the sharing map (item 7)', () => {
  it('counts each provider a served record called, per consumer and purpose', () => {
    expect(
      countFlows([
        {
          consumer: { department: 'civil-affairs' },
          purpose: 'p',
          departments: ['tax', 'public-security'],
        },
        { consumer: { department: 'civil-affairs' }, purpose: 'p', departments: ['tax'] },
        { consumer: { department: 'health' }, purpose: 'q', departments: ['tax', 'tax'] },
      ]),
    ).toEqual([
      { provider: 'tax', consumer: 'civil-affairs', purpose: 'p', count: 2 },
      { provider: 'public-security', consumer: 'civil-affairs', purpose: 'p', count: 1 },
      { provider: 'tax', consumer: 'health', purpose: 'q', count: 1 },
    ]);
  });

  it('draws who served whom for a case, as SVG and as a table, beside 12345 and 好差评', async () => {
    const caseNumber = newCaseNumber();
    await caseworkerReads(federation(), 'PCYGN28R6', caseNumber);
    await caseworkerReads(federation(), 'PFB9YBZ34', caseNumber);
    const cookie = await signIn(federation(), 'privacy-officer');
    const page = await consolePage(
      federation(),
      cookie,
      `/console/sharing?caseNumber=${caseNumber}`,
    );
    expect(page.status).toBe(200);
    expect(flowRows(page.html)).toEqual([
      ['public-security', 'civil-affairs', 'social-assistance-eligibility', '2'],
      ['tax', 'civil-affairs', 'social-assistance-eligibility', '2'],
    ]);
    const svg = page.html.match(/<svg\s[^>]*class="chart sharing-map".*?<\/svg>/s)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg.match(/<path\s+class="flow"/g)).toHaveLength(2);
    expect(textOf(svg)).toContain('civil-affairs (4)');
    // The department's 12345 and 好差评 figures, as the graph gives them to anyone.
    const figures = await federation().query<any>(
      `{ departments { subgraph appealSummary { received closed } ratingSummary { total } } }`,
      {},
      await as('auditor', 'audit'),
    );
    const civil = figures.data.departments.find((d: any) => d.subgraph === 'civil-affairs');
    expect(civil.appealSummary.received).toBeGreaterThan(0);
    const row = textOf(
      page.html.match(/<tr data-department="civil-affairs">.*?<\/tr>/s)?.[0] ?? '',
    );
    expect(row).toContain(
      `civil-affairs 0 4 ${civil.appealSummary.received} ${civil.appealSummary.closed} `,
    );
    expect(row).toContain(` ${civil.ratingSummary.total} `);
    expect(page.html).not.toContain('PCYGN28R6'); // a map names no person
  });
});
