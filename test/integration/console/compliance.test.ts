import {
  caseworkerReads,
  consolePage,
  newCaseNumber,
  signIn,
  useConsole,
  textOf,
} from '../../support/console';
import { tally } from '../../../console/compliance/tally';

const federation = useConsole();

describe('the compliance report (item 8)', () => {
  it('tallies records per department and purpose, by the most sensitive field disclosed', () => {
    const record = (outcome: string, ...fields: [string, string][]) => ({
      consumer: { department: 'civil-affairs' },
      purpose: 'p',
      outcome,
      fields: fields.map(([pi, effect]) => ({ pi, effect })),
    });
    expect(
      tally([
        record('SERVED', ['SENSITIVE', 'MASK'], ['PERSONAL', 'ALLOW']),
        record('SERVED', ['SENSITIVE', 'DENY'], ['PERSONAL', 'ALLOW']),
        record('SERVED', ['NONE', 'ALLOW']),
        record('REFUSED', ['SENSITIVE', 'DENY']),
      ]),
    ).toEqual([
      {
        department: 'civil-affairs',
        purpose: 'p',
        served: 3,
        refused: 1,
        sensitive: 1,
        personal: 1,
      },
    ]);
  });

  it('reports the period as a printable page and as CSV, with the chain status', async () => {
    await caseworkerReads(federation(), 'PCYGN28R6', newCaseNumber());
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const cookie = await signIn(federation(), 'privacy-officer');
    const page = await consolePage(
      federation(),
      cookie,
      `/console/compliance?from=${today}&to=${tomorrow}`,
    );
    expect(page.status).toBe(200);
    const row = textOf(
      page.html.match(
        /<tr data-tally="civil-affairs\|social-assistance-eligibility">.*?<\/tr>/s,
      )?.[0] ?? '',
    );
    const [served, , sensitive] = row.trim().split(' ').slice(2).map(Number);
    expect(served).toBeGreaterThanOrEqual(1);
    expect(sensitive).toBeGreaterThanOrEqual(1); // the masked ID number is SENSITIVE
    expect(textOf(page.html)).toMatch(/所有哈希链完整|哈希链断裂/);
    const csv = await consolePage(
      federation(),
      cookie,
      `/console/compliance/export?from=${today}&to=${tomorrow}`,
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.trim().split('\r\n');
    expect(lines[1]).toMatch(new RegExp(`^period,${today},${tomorrow},\\d+,whole$`));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^disclosures,civil-affairs,social-assistance-eligibility,[1-9]\d*,\d+,[1-9]\d*,\d+$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^chain,(whole|broken),/));
  });

  it('refuses a period that ends before it begins', async () => {
    const cookie = await signIn(federation(), 'auditor');
    const page = await consolePage(
      federation(),
      cookie,
      '/console/compliance?from=2026-11-02&to=2026-11-01',
    );
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('The period must end after it begins.');
  });
});
