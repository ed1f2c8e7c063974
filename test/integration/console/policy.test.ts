import type { Federation } from '../../support/federation';
import {
  consolePage,
  policyRevisions,
  signIn,
  startConsole,
  SUSPENDED_GRANT,
  textOf,
  type PolicyRevisions,
} from '../../support/console';

let federation: Federation;
let revisions: PolicyRevisions;

beforeAll(async () => {
  revisions = await policyRevisions();
  federation = await startConsole();
});
afterAll(async () => {
  await federation?.stop();
  await revisions?.drop();
});

describe('policy revisions and diff (item 5)', () => {
  it('lists revisions with author and cause, and a replica one revision behind', async () => {
    const cookie = await signIn(federation, 'auditor');
    const page = await consolePage(federation, cookie, '/console/policy');
    expect(page.status).toBe(200);
    const row = (n: number) =>
      textOf(page.html.match(new RegExp(`<tr data-revision="${n}">.*?</tr>`, 's'))?.[0] ?? '');
    expect(row(2)).toMatch(/^ ?2 suspension demo-privacy-officer 暂停：核查中 /);
    expect(row(1)).toMatch(/^ ?1 import ops — /);
    const replica = textOf(page.html.match(/<table class="replicas">.*?<\/table>/s)?.[0] ?? '');
    expect(replica).toMatch(/gateway-lagging 1 1 \d+ 在线 live/);
  });

  it('shows what a revision closed compared with the one before', async () => {
    const cookie = await signIn(federation, 'privacy-officer');
    const page = await consolePage(federation, cookie, '/console/policy?from=1&to=2');
    expect(page.status).toBe(200);
    const rows = [...page.html.matchAll(/<tr class="change-(\w+)">(.*?)<\/tr>/gs)].map((m) => [
      m[1],
      textOf(m[2]!),
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every(([change, text]) => change === 'closed' && text.includes(SUSPENDED_GRANT)),
    ).toBe(true);
    expect(rows.map(([, text]) => text).join('\n')).toContain('PersonalIncome');
    const same = await consolePage(federation, cookie, '/console/policy?from=0&to=1');
    expect(textOf(same.html)).toContain('版本 0 与 1 相同');
  });

  it('says who could read a field at each revision: the suspended grant only before', async () => {
    const cookie = await signIn(federation, 'auditor');
    const readers = async (at: number) => {
      const page = await consolePage(
        federation,
        cookie,
        `/console/policy?field=PersonalIncome.amount&at=${at}`,
      );
      expect(page.status).toBe(200);
      return textOf(page.html.match(/<table class="readers">.*?<\/table>/s)?.[0] ?? '');
    };
    expect(await readers(1)).toContain(SUSPENDED_GRANT);
    expect(await readers(2)).not.toContain(SUSPENDED_GRANT);
    expect(await readers(2)).toContain('PersonalIncome.amount @ 2');
  });

  it('refuses a revision that does not exist, saying which', async () => {
    const cookie = await signIn(federation, 'auditor');
    const page = await consolePage(federation, cookie, '/console/policy?from=1&to=99');
    expect(page.status).toBe(400);
    expect(textOf(page.html)).toContain('There is no policy revision 99.');
  });
});
