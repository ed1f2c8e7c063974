import type { SharingStack } from '../sharing/support';
import {
  consolePage,
  FULL_ID_OR_MOBILE,
  signIn,
  startSharingConsole,
  textOf,
  type ConsoleAnswer,
} from '../../support/console';
import type { Federation } from '../../support/federation';
import { as } from '../../support/security';
import { SESSION_COOKIE } from '../../../console';

// The sharing-request pages of the console over two gateway replicas on a live policy store:
// every step of 《政务数据共享条例》 art. 20-28 as a form, walked by the requester (civil
// affairs), the provider (health) and the data authority, as they would in the browser.
const PERSON = 'PCYGN28R6';
const VACCINATIONS = `query($id: ID!) { person(id: $id) { vaccinations { vaccine dose } } }`;

let stack: SharingStack;
let federation: Federation;
let requester: string;
let provider: string;
let authority: string;
let draft: Record<string, unknown>;
let number: string;

const readVaccinations = async () =>
  federation.query<any>(
    VACCINATIONS,
    { id: PERSON },
    await as('caseworker', 'social-assistance-eligibility'),
  );

/** The fields of a complete request form, the fields from the denial's draft. */
const requestForm = (overrides: Record<string, string> = {}) => ({
  provider: 'health',
  purpose: 'social-assistance-eligibility',
  legalBasis: '《社会救助暂行办法》第十一条',
  scenario: '低保家庭成员健康状况核对',
  scope: '武侯区低保申请家庭',
  method: 'INTERFACE',
  periodEnd: '2027-06-30',
  consent: '武民函〔2026〕12号',
  fields: 'Person.vaccinations FULL\nVaccination.dose FULL\nVaccination.vaccine FULL',
  ...overrides,
});

const requestPage = (cookie: string, n = number) =>
  consolePage(federation, cookie, `/console/request?number=${n}`);
const act = (cookie: string, action: string, form: Record<string, string> = {}) =>
  consolePage(federation, cookie, '/console/request/act', { number, action, ...form });

/** Files a request through the console's form; returns its number. */
async function file(overrides: Record<string, string> = {}): Promise<string> {
  const filed = await consolePage(
    federation,
    requester,
    '/console/request/new',
    requestForm(overrides),
  );
  expect(filed.status).toBe(303);
  const location = filed.headers.get('location')!;
  expect(location).toMatch(/^\/console\/request\?number=SHR\d{8}$/);
  return new URL(location, federation.url).searchParams.get('number')!;
}

/** A step went through and the request page shows the new state. */
async function stepped(answer: ConsoleAnswer, state: string) {
  expect([200, 303]).toContain(answer.status);
  const page = await requestPage(provider);
  expect(textOf(page.html)).toContain(state);
  return page;
}

beforeAll(async () => {
  stack = await startSharingConsole();
  federation = stack.gateways[0];
  requester = await signIn(federation, 'sharing-civil-affairs');
  provider = await signIn(federation, 'sharing-health');
  authority = await signIn(federation, 'data-authority');
});
afterAll(() => stack?.stop());

/**
 * The inbox page (following `page=`) that lists `number`, or null: other test files file
 * requests to the same departments meanwhile, and an inbox is ordered by reply due date.
 */
async function inboxListing(
  federation: Federation,
  cookie: string,
  path: string,
  number: string,
): Promise<string | null> {
  for (let page = 1; page <= 200; page += 1) {
    const answer = await consolePage(
      federation,
      cookie,
      `${path}${path.includes('?') ? '&' : '?'}page=${page}`,
    );
    expect(answer.status).toBe(200);
    if (answer.html.includes(`data-request="${number}"`)) return answer.html;
    if (!answer.html.includes('data-request=')) return null;
  }
  return null;
}

describe('the sharing-request pages', () => {
  it("offer the sharing agencies' officials and the data authority at sign-in, under data-sharing", async () => {
    const page = await consolePage(federation, null, '/console/sign-in');
    for (const value of ['sharing-civil-affairs', 'sharing-health', 'data-authority'])
      expect(page.html).toContain(`value="${value}"`);
    const home = await consolePage(federation, requester, '/console/');
    expect(textOf(home.html)).toContain('部门共享工作机构');
    expect(home.html).toContain('href="/console/requests"');
    expect(home.html).toContain('href="/console/requests/statistics"');
    // A sharing agency is offered no page of the privacy officer's.
    expect(home.html).not.toContain('href="/console/records"');
    expect((await consolePage(federation, requester, '/console/records')).status).toBe(403);
  });

  it("show the graph's refusal to an official under data-sharing whose department role has no sharing grant", async () => {
    // civil affairs' privacy contact, signed in with a token for data-sharing: a sharing
    // agency to the console, but no grant of the data bureau lets that role read requests.
    const token = (await as('privacy-contact', 'data-sharing')).authorization!.slice(7);
    const session = Buffer.from(JSON.stringify({ token, purpose: 'data-sharing' })).toString(
      'base64url',
    );
    const inbox = await consolePage(
      federation,
      `${SESSION_COOKIE}=${session}`,
      '/console/requests',
    );
    expect(inbox.status).toBe(403);
    expect(inbox.html).toContain('<code>FORBIDDEN</code>');
    expect(inbox.html).not.toContain('data-request=');
  });

  it("pre-fill a new request from a denial's FORBIDDEN error", async () => {
    const denied = await readVaccinations();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    draft = (denied.errors![0]!.extensions!.sharingRequests as any[])[0].input;
    const form = await consolePage(
      federation,
      requester,
      `/console/request/new?input=${encodeURIComponent(JSON.stringify(draft))}`,
    );
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="provider" value="health"');
    expect(form.html).toContain('name="purpose" value="social-assistance-eligibility"');
    expect(form.html).toMatch(/Person\.vaccinations FULL\s*\n\s*Vaccination\.dose FULL/);
    expect(textOf(form.html)).toContain('已根据被拒绝的查询预填');
    const broken = await consolePage(federation, requester, '/console/request/new?input=%7Bnope');
    expect(broken.status).toBe(400);
  });

  it('file the request: the requester sees it with its 10-working-day clock and the submit event', async () => {
    number = await file();
    const page = await requestPage(requester);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('待答复');
    expect(text).toContain('剩 10 个工作日');
    expect(text).toContain('《社会救助暂行办法》第十一条');
    expect(page.html).toContain('data-event="submit"');
    // The requester is offered no provider's step, and no impact preview.
    expect(page.html).not.toContain('step-reply');
    expect(page.html).not.toContain('class="impact"');
  });

  it("refuse a form the graph refuses, with the graph's words beside the form kept", async () => {
    const refused = await consolePage(
      federation,
      requester,
      '/console/request/new',
      requestForm({ fields: 'Person.medicalRecords FULL' }),
    );
    expect(refused.status).toBe(200);
    expect(refused.html).toContain(
      '<code>FORBIDDEN</code> Person.medicalRecords is classified NONE',
    );
    expect(refused.html).toContain('name="legalBasis" value="《社会救助暂行办法》第十一条"');
  });

  it("list it in the provider's inbox with its clock, and show the provider the impact preview", async () => {
    const inbox = await inboxListing(
      federation,
      provider,
      '/console/requests?side=PROVIDER&state=SUBMITTED',
      number,
    );
    const row = inbox!.split(`data-request="${number}"`)[1]!.split('</tr>')[0]!;
    expect(textOf(row)).toContain('剩 10 个工作日');
    expect(textOf(row)).toContain('civil-affairs / caseworker');
    expect(
      await inboxListing(federation, requester, '/console/requests?side=PROVIDER', number),
    ).toBeNull();
    const page = await requestPage(provider);
    expect(page.html).toContain('class="impact"');
    expect(page.html).toContain('<code>Person.vaccinations</code></li>');
    expect(Number(/class="denied-attempts">(\d+)</.exec(page.html)![1])).toBeGreaterThanOrEqual(1);
    // The provider (health) counted the persons the draft opens in its own data.
    expect(Number(/class="persons">(\d+)</.exec(page.html)?.[1])).toBeGreaterThan(0);
    for (const step of ['return', 'request-extension', 'reply'])
      expect(page.html).toContain(`step-${step}`);
    expect(page.html).not.toContain('step-supplement');
    expect(page.html).not.toMatch(FULL_ID_OR_MOBILE);
  });

  it("refuse the requester's reply with the graph's FORBIDDEN, and a cross-site post", async () => {
    const reply = await act(requester, 'reply', { reply: 'APPROVE' });
    expect(reply.status).toBe(403);
    expect(reply.html).toContain('FORBIDDEN');
    expect(textOf(reply.html)).toContain("'reply' is for the provider");
    const crossSite = await fetch(`${federation.url}/console/request/act`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: provider,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://elsewhere.example',
      },
      body: new URLSearchParams({ number, action: 'reply', reply: 'APPROVE' }).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect(textOf(await (await requestPage(provider)).html)).toContain('待答复');
  });

  it("show the graph's error for a step the state does not allow", async () => {
    const resume = await act(provider, 'resume', { reason: '核查完毕' });
    expect(resume.status).toBe(400);
    expect(resume.html).toContain('BAD_USER_INPUT');
    expect(textOf(resume.html)).toContain(
      `Request ${number} is SUBMITTED: 'resume' is possible only when it is SUSPENDED`,
    );
  });

  it('return for supplement once, and take the supplement', async () => {
    await stepped(
      await act(provider, 'return', { missing: '主要负责人同意文件\n使用范围说明' }),
      '退回补正',
    );
    const page = await requestPage(requester);
    expect(page.html).toContain('step-supplement');
    expect(textOf(page.html)).toContain('主要负责人同意文件；使用范围说明');
    await stepped(await act(requester, 'supplement', { note: '附上主要负责人同意文件' }), '待答复');
    expect((await requestPage(provider)).html).not.toContain('step-return');
  });

  it('ask for an extension, which the data authority grants from its inbox', async () => {
    await stepped(
      await act(provider, 'request-extension', { workingDays: '5', reason: '需要开展安全评估' }),
      '申请延期',
    );
    expect(
      await inboxListing(
        federation,
        authority,
        '/console/requests?state=EXTENSION_REQUESTED',
        number,
      ),
    ).not.toBeNull();
    const page = await requestPage(authority);
    expect(page.html).toContain('step-decide-extension');
    await act(authority, 'decide-extension', { approve: 'true', reason: '同意延期' });
    const after = await requestPage(provider);
    expect(textOf(after.html)).toContain('5 个工作日');
    expect(after.html).toContain('data-event="decide-extension"');
  });

  it('approve: the receipt names the revision and both replicas, and the caseworker reads the field', async () => {
    const approved = await act(provider, 'reply', { reply: 'APPROVE' });
    expect(approved.status).toBe(200);
    const revision = Number(/class="revision">(\d+)</.exec(approved.html)![1]);
    expect(revision).toBeGreaterThan(1);
    const live = /class="live">([^<]*)</.exec(approved.html)![1]!;
    expect(live).toContain('sharing-a');
    expect(live).toContain('sharing-b');
    expect(textOf(approved.html)).toContain('已同意');
    const read = await readVaccinations();
    expect(read.errors).toBeUndefined();
    const page = await requestPage(requester);
    expect(page.html).toContain(`@ ${revision}`);
  });

  it('suspend and resume with receipts, and walk a dispute through negotiation and coordination', async () => {
    const suspended = await act(provider, 'suspend', { reason: '发现超范围使用，核查中' });
    expect(textOf(suspended.html)).toContain('已暂停');
    expect(suspended.html).toContain('class="revision"');
    expect((await readVaccinations()).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const resumed = await act(provider, 'resume', { reason: '核查完毕，恢复共享' });
    expect(textOf(resumed.html)).toContain('已同意');
    await act(requester, 'open-dispute', { reason: '部分同意范围过窄' });
    expect(textOf((await requestPage(requester)).html)).toContain('协商');
    await act(provider, 'advance-dispute', { note: '协商未果，提请协调' });
    const coordinating = await requestPage(requester);
    expect(textOf(coordinating.html)).toContain('数据主管部门协调');
    // Only the data authority moves a dispute out of coordination: no form for the requester.
    expect(coordinating.html).not.toContain('step-advance-dispute');
    expect((await requestPage(authority)).html).toContain('step-advance-dispute');
    await act(authority, 'advance-dispute', { note: '协调后报本级政府决定' });
    expect(textOf((await requestPage(provider)).html)).toContain('本级政府决定');
    // The decision is the data authority's, by decideSharingDispute: no advance form any more.
    const deciding = await requestPage(authority);
    expect(deciding.html).toContain('step-decide-dispute');
    expect(deciding.html).not.toContain('step-advance-dispute');
    expect((await requestPage(provider)).html).not.toContain('step-decide-dispute');
    const decided = await act(authority, 'decide-dispute', {
      outcome: 'UPHOLD',
      note: '维持部分同意的答复',
    });
    expect(decided.status).toBe(200);
    const resolved = await requestPage(provider);
    expect(textOf(resolved.html)).toContain('已解决');
    expect(textOf(resolved.html)).toContain('争议决定');
  });

  it('file a narrowing of the approved grant (备案): the provider keeps fewer fields, with its receipt', async () => {
    const page = await requestPage(provider);
    expect(page.html).toContain('step-file-narrowing');
    expect((await requestPage(requester)).html).not.toContain('step-file-narrowing');
    const filed = await act(provider, 'file-narrowing', {
      field: 'Person.vaccinations',
      'access:Person.vaccinations': 'MASKED',
      reason: '仅需核实是否接种，改为脱敏共享',
    });
    expect(filed.status).toBe(200);
    expect(filed.html).toContain('class="revision"');
    const after = await requestPage(provider);
    const fields = after.html.split('class="fields"')[1]!.split('</table>')[0]!;
    expect(textOf(fields)).toMatch(/Person\.vaccinations FULL MASKED/);
    expect(textOf(after.html)).toContain('缩小范围备案');
  });

  it('terminate, then the requester confirms disposal', async () => {
    const terminated = await act(provider, 'terminate', { reason: '使用目的已完成' });
    expect(textOf(terminated.html)).toContain('已终止');
    const page = await requestPage(requester);
    expect(page.html).toContain('step-confirm-disposal');
    await stepped(await act(requester, 'confirm-disposal', { method: '已删除本地副本' }), '已处置');
    const done = await requestPage(requester);
    expect(done.html).not.toContain('<form method="post" action="/console/request/act"');
  });

  it('approve in part with fewer fields; a right ending within 90 days is listed as near expiry', async () => {
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    number = await file({ periodEnd: soon });
    const partial = await act(provider, 'reply', {
      reply: 'APPROVE_IN_PART',
      field: 'Person.vaccinations',
      'access:Person.vaccinations': 'FULL',
    });
    expect(partial.status).toBe(200);
    const page = await requestPage(provider);
    const fields = page.html.split('class="fields"')[1]!.split('</table>')[0]!;
    expect(textOf(fields)).toMatch(/Person\.vaccinations FULL FULL/);
    expect(textOf(fields)).toMatch(/Vaccination\.dose FULL —/);
    const stats = await consolePage(federation, authority, '/console/requests/statistics');
    const expiring = stats.html.split('class="expiring"')[1]?.split('</table>')[0] ?? '';
    expect(textOf(expiring.split(`data-request="${number}"`)[1] ?? '')).toContain(soon);
    await act(provider, 'terminate', { reason: '测试结束，终止共享' });
    const after = await consolePage(federation, authority, '/console/requests/statistics');
    expect(after.html).not.toContain(`data-request="${number}"`);
  });

  it('count a refusal with its reason by reason code and by provider; a refusal without explanation is refused', async () => {
    const statistics = async () => {
      const page = await consolePage(federation, authority, '/console/requests/statistics');
      expect(page.status).toBe(200);
      return page.html;
    };
    /** A count of one of the tables, and the listed refusals that have the same key. */
    const counted = (page: string, id: string, key: string, column: string) => {
      const table = page.split(`id="${id}"`)[1]?.split('</table>')[0] ?? '';
      const row = table.split(`data-key="${key}"`)[1]?.split('</tr>')[0] ?? '';
      const list = page.split('id="refusals"')[1]?.split('</table>')[0] ?? '';
      const listed = list.split('<tr data-request=').filter((r) => {
        const cell = r.split(`class="${column}">`)[1]?.split('</td>')[0] ?? '';
        return textOf(cell).trim() === key;
      });
      return { count: Number(/class="num">(\d+)</.exec(row)?.[1] ?? 0), listed: listed.length };
    };
    number = await file();
    const bare = await act(provider, 'reply', { reply: 'REFUSE', reason: 'NO_LEGAL_BASIS' });
    expect(bare.status).toBe(400);
    expect(bare.html).toContain('BAD_USER_INPUT');
    const refused = await act(provider, 'reply', {
      reply: 'REFUSE',
      reason: 'NO_LEGAL_BASIS',
      explanation: '所述依据不涵盖健康数据的使用',
    });
    expect(textOf(refused.html)).toContain('不予共享');
    // Other test files refuse, and overturn refusals of, health's requests at the same time:
    // the counts are checked against the list on the same page, and this refusal is in both.
    const stats = await statistics();
    const mine = stats.split(`<tr data-request="${number}"`)[1]?.split('</tr>')[0] ?? '';
    expect(textOf(mine)).toContain('health');
    expect(textOf(mine)).toContain('NO_LEGAL_BASIS');
    const byReason = counted(stats, 'by-reason', 'NO_LEGAL_BASIS', 'reason');
    expect(byReason.count).toBeGreaterThanOrEqual(1);
    expect(byReason.count).toBe(byReason.listed);
    const byProvider = counted(stats, 'by-provider', 'health', 'provider');
    expect(byProvider.count).toBeGreaterThanOrEqual(1);
    expect(byProvider.count).toBe(byProvider.listed);
    const page = await requestPage(requester);
    expect(textOf(page.html)).toContain('无法定依据');
    expect(page.html).toContain('step-open-dispute');
  });

  it("show the provider's side of the statistics and the quota note; the requester's inbox pages", async () => {
    const stats = await consolePage(
      federation,
      provider,
      '/console/requests/statistics?side=PROVIDER',
    );
    expect(stats.status).toBe(200);
    expect(textOf(stats.html)).toContain('配额使用');
    const bad = await consolePage(
      federation,
      provider,
      '/console/requests/statistics?from=yesterday',
    );
    expect(bad.status).toBe(400);
    const inbox = await inboxListing(
      federation,
      requester,
      '/console/requests?side=REQUESTER',
      number,
    );
    expect(inbox).toContain('aria-current="page"');
    expect((await consolePage(federation, authority, '/console/requests?page=0')).status).toBe(400);
    const first = await consolePage(federation, authority, '/console/requests');
    const second = await consolePage(federation, authority, '/console/requests?page=2');
    expect(second.status).toBe(200);
    const numbers = (html: string) =>
      [...html.matchAll(/data-request="(SHR\d{8})"/g)].map((m) => m[1]);
    expect(numbers(first.html).length).toBeGreaterThan(0);
    for (const n of numbers(second.html)) expect(numbers(first.html)).not.toContain(n);
    const overdue = await consolePage(federation, authority, '/console/requests?overdue=true');
    expect(overdue.status).toBe(200);
    const rows = overdue.html.split('<tr data-request=').slice(1);
    expect(rows.length).toBeGreaterThan(0); // the seeded city's requests filed in October
    const late = Number(/超期未答复 (\d+) 件/.exec(textOf(first.html))![1]);
    expect(rows.length).toBe(Math.min(late, 20));
    for (const row of rows) expect(row.split('</tr>')[0]).toContain('已超期');
  });
});
