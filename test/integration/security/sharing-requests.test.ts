import pg from 'pg';
import { startSharingConsole } from '../../support/console';
import { testDatabaseUrl } from '../../support/database';
import { schemaName } from '../../../subgraphs/kit';
import type { SharingStack } from '../sharing/support';

// Sharing requests attacked through the graph, as an outside official with an ordinary token
// would: another department's request, self-approval, wider than asked, rows that widen
// instead of narrow, steps out of order and at once, dates at the edges, identifiers hidden
// in free text. Over two gateway replicas on a scratch live policy store of its own.

let stack: SharingStack;
beforeAll(async () => {
  stack = await startSharingConsole();
});
afterAll(() => stack?.stop());

const FIELDS = `number state requester provider rows { type field value } approvedFields { coordinate access }`;
const SUBMIT = `mutation($input: SubmitSharingRequestInput!) { submitSharingRequest(input: $input) { ${FIELDS} } }`;
const REPLY = `mutation($input: ReplySharingRequestInput!) { replySharingRequest(input: $input) { request { ${FIELDS} } } }`;
const RETURN = `mutation($n: ID!, $m: [String!]!) { returnSharingRequest(number: $n, missing: $m) { ${FIELDS} } }`;
const SUSPEND = `mutation($n: ID!) { suspendSharing(number: $n, reason: "核查超范围使用") { request { ${FIELDS} } } }`;

/** A request of the health department (the doctor's agency) for public security's addresses. */
const addressRequest = (overrides: Record<string, unknown> = {}) => ({
  provider: 'public-security',
  purpose: 'social-assistance-eligibility',
  legalBasis: '《社会救助暂行办法》第十一条',
  scenario: '核对低保家庭住址',
  scope: '武侯区低保申请家庭',
  method: 'INTERFACE',
  periodEnd: '2027-06-30',
  consent: '卫函〔2026〕3号',
  fields: [{ coordinate: 'Person.address', access: 'MASKED' }],
  ...overrides,
});

/** civil-affairs' caseworker files a request for health's vaccinations. */
const vaccinationRequest = (overrides: Record<string, unknown> = {}) => ({
  provider: 'health',
  purpose: 'social-assistance-eligibility',
  legalBasis: '《社会救助暂行办法》第十一条',
  scenario: '低保家庭成员健康状况核对',
  scope: '武侯区低保申请家庭',
  method: 'INTERFACE',
  periodEnd: '2027-06-30',
  consent: '武民函〔2026〕12号',
  fields: [
    { coordinate: 'Person.vaccinations', access: 'FULL' },
    { coordinate: 'Vaccination.vaccine', access: 'MASKED' },
  ],
  ...overrides,
});

async function file(consumer: string, input: Record<string, unknown>): Promise<string> {
  const response = await stack.as(consumer, SUBMIT, { input });
  expect(response.errors).toBeUndefined();
  return response.data.submitSharingRequest.number;
}

/** The advisory lock appends of sharing events take (subgraphs/data-bureau/sharing/events.ts). */
const CHAIN_LOCK = 7_150_016;

const codeOf = (response: any): string | undefined => response.errors?.[0]?.extensions?.code;

/** A seeded request where neither civil affairs nor health is a party (hotline asks tax). */
async function strangersRequest(): Promise<string> {
  const all = await stack.as(
    'auditor',
    `{ sharingRequests(role: AUTHORITY, limit: 100) { number state requester provider } }`,
  );
  const found = all.data.sharingRequests.find(
    (r: any) => r.requester === 'hotline' && r.provider === 'tax' && r.state === 'SUBMITTED',
  );
  expect(found).toBeDefined();
  return found.number;
}

describe("another department's request", () => {
  const steps: [string, string, (n: string) => Record<string, unknown>][] = [
    ['reply APPROVE', REPLY, (n) => ({ input: { number: n, reply: 'APPROVE' } })],
    ['return for supplement', RETURN, (n) => ({ n, m: ['同意文件'] })],
    [
      'read it',
      `query($n: ID!) { sharingRequest(number: $n) { number scenario } }`,
      (n) => ({ n }),
    ],
    [
      'preview its impact',
      `query($n: ID!) { sharingImpact(number: $n) { opens } }`,
      (n) => ({ n }),
    ],
  ];
  it.each(steps)('%s: refused, and the request is unchanged', async (_step, query, variables) => {
    const number = await strangersRequest();
    for (const consumer of ['caseworker', 'doctor']) {
      const response = await stack.as(consumer, query, variables(number));
      const data = response.data ? Object.values(response.data)[0] : null;
      expect(data ?? null).toBeNull();
      // Refused, or (a read) answered as if the request did not exist.
      if (response.errors) expect(['NOT_FOUND', 'FORBIDDEN']).toContain(codeOf(response));
    }
    const after = await stack.as(
      'auditor',
      `query($n: ID!) { sharingRequest(number: $n) { state } }`,
      {
        n: number,
      },
    );
    expect(after.data.sharingRequest.state).toBe('SUBMITTED');
  });
});

describe('inboxes list only requests of the caller’s department', () => {
  it.each([['AUTHORITY'], ['REQUESTER'], ['PROVIDER']])(
    'role %s as a department: none of two other departments',
    async (role) => {
      let seen = 0;
      for (const [consumer, department] of [
        ['caseworker', 'civil-affairs'],
        ['doctor', 'health'],
      ]) {
        const response = await stack.as(
          consumer!,
          `query($r: SharingRole!) { sharingRequests(role: $r, limit: 100) { number requester provider } }`,
          { r: role },
        );
        const listed = response.data?.sharingRequests ?? [];
        for (const r of listed) expect([r.requester, r.provider]).toContain(department);
        seen += listed.length;
      }
      expect(seen).toBeGreaterThan(0);
    },
  );
});

describe('self-approval and approving wider than asked', () => {
  it('a requester cannot approve, return or suspend its own request', async () => {
    const number = await file('caseworker', vaccinationRequest());
    const approve = await stack.as('caseworker', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(codeOf(approve)).toBe('FORBIDDEN');
    const returned = await stack.as('caseworker', RETURN, { n: number, m: ['x'] });
    expect(codeOf(returned)).toBe('FORBIDDEN');
  });

  it('a department cannot file a request for its own data', async () => {
    const response = await stack.as('doctor', SUBMIT, { input: vaccinationRequest() });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.data ?? null).toBeNull();
  });

  const wider: [string, Record<string, unknown>[]][] = [
    ['a field not asked for', [{ coordinate: 'Person.districtCode', access: 'MASKED' }]],
    ['a masked field in full', [{ coordinate: 'Vaccination.vaccine', access: 'FULL' }]],
    ['a NONE field', [{ coordinate: 'Person.medicalRecords', access: 'MASKED' }]],
    ['another provider’s field', [{ coordinate: 'Person.address', access: 'MASKED' }]],
    ['a wildcard field', [{ coordinate: 'Person.*', access: 'FULL' }]],
  ];
  it.each(wider)('APPROVE_IN_PART with %s is refused and grants nothing', async (_how, fields) => {
    const number = await file('caseworker', vaccinationRequest());
    const response = await stack.as('doctor', REPLY, {
      input: { number, reply: 'APPROVE_IN_PART', fields },
    });
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(codeOf(response));
    const after = await stack.as(
      'doctor',
      `query($n: ID!) { sharingRequest(number: $n) { state grantId } }`,
      {
        n: number,
      },
    );
    expect(after.data.sharingRequest).toEqual({ state: 'SUBMITTED', grantId: null });
  });
});

describe('rows a requester chooses narrow, never widen', () => {
  const widening: [string, Record<string, unknown>][] = [
    [
      'a row condition on a type the request opens no field of (it would limit nothing)',
      {
        fields: [{ coordinate: 'Person.address', access: 'MASKED' }],
        rows: [{ type: 'Household', field: 'districtCode', value: '510107' }],
      },
    ],
    [
      'a row condition on one type while another type asked stays open for the whole city',
      {
        fields: [
          { coordinate: 'Person.address', access: 'MASKED' },
          { coordinate: 'Household.address', access: 'MASKED' },
        ],
        rows: [{ type: 'Person', field: 'districtCode', value: '510107' }],
      },
    ],
    [
      'a row field the catalogue does not state for the provider',
      { rows: [{ type: 'Person', field: 'name', value: '张三' }] },
    ],
    [
      'a row field that is not a field of the type',
      { rows: [{ type: 'Person', field: 'district', value: '510107' }] },
    ],
    [
      'an unknown placeholder',
      { rows: [{ type: 'Person', field: 'districtCode', value: '$anything' }] },
    ],
    [
      'an ID number as the row value',
      {
        rows: [
          { type: 'Person', field: 'districtCode', value: '１１０１０５１９４９１２３１００２Ｘ' },
        ],
      },
    ],
    [
      'a placeholder no official has',
      { rows: [{ type: 'Person', field: 'districtCode', value: '$personId' }] },
    ],
  ];
  it.each(widening)('refuses %s at submission', async (_how, overrides) => {
    const response = await stack.as('doctor', SUBMIT, { input: addressRequest(overrides) });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.data ?? null).toBeNull();
  });

  it('keeps a literal row value literal (no wildcard) and a known placeholder', async () => {
    for (const value of ['510107', '$jurisdiction', '*', '%']) {
      const response = await stack.as('doctor', SUBMIT, {
        input: addressRequest({ rows: [{ type: 'Person', field: 'districtCode', value }] }),
      });
      expect(response.errors).toBeUndefined();
      expect(response.data.submitSharingRequest.rows).toEqual([
        { type: 'Person', field: 'districtCode', value },
      ]);
    }
  });
});

describe('steps out of order and at once', () => {
  const outOfOrder: [string, string, string][] = [
    [
      'supplement before any return',
      'caseworker',
      `mutation($n: ID!) { supplementSharingRequest(number: $n, note: "补充") { state } }`,
    ],
    [
      'decide an extension never asked',
      'auditor',
      `mutation($n: ID!) { decideSharingExtension(number: $n, approve: true, reason: "同意") { state } }`,
    ],
    [
      'resume what was never suspended',
      'doctor',
      `mutation($n: ID!) { resumeSharing(number: $n, reason: "恢复") { request { state } } }`,
    ],
    [
      'terminate what was never approved',
      'auditor',
      `mutation($n: ID!) { terminateSharing(number: $n, reason: "终止") { request { state } } }`,
    ],
    [
      'confirm disposal of a pending request',
      'caseworker',
      `mutation($n: ID!) { confirmSharingDisposal(number: $n, method: "已删除") { state } }`,
    ],
    [
      'open a dispute before any reply',
      'caseworker',
      `mutation($n: ID!) { openSharingDispute(number: $n, reason: "异议") { state } }`,
    ],
  ];
  it.each(outOfOrder)('%s: refused, the request still SUBMITTED', async (_how, consumer, query) => {
    const number = await file('caseworker', vaccinationRequest());
    const response = await stack.as(consumer, query, { n: number });
    expect(['BAD_USER_INPUT', 'FORBIDDEN']).toContain(codeOf(response));
    const after = await stack.as(
      'auditor',
      `query($n: ID!) { sharingRequest(number: $n) { state grantId } }`,
      { n: number },
    );
    expect(after.data.sharingRequest).toEqual({ state: 'SUBMITTED', grantId: null });
  });

  it.each([
    ['two approvals', 'APPROVE'],
    ['an approval and a refusal', 'REFUSE'],
  ])('%s at once: one wins, the other is refused, one reply on record', async (_how, second) => {
    const number = await file('caseworker', vaccinationRequest());
    const other =
      second === 'APPROVE'
        ? { number, reply: 'APPROVE' }
        : { number, reply: 'REFUSE', reason: 'OTHER', explanation: '不必要' };
    const replies = await Promise.all(
      [{ number, reply: 'APPROVE' }, other].map((input) => stack.as('doctor', REPLY, { input })),
    );
    expect(replies.filter((r) => r.errors === undefined)).toHaveLength(1);
    expect(codeOf(replies.find((r) => r.errors))).toBe('BAD_USER_INPUT');
    const after = await stack.as(
      'auditor',
      `query($n: ID!) { sharingRequest(number: $n) { timeline { kind } } }`,
      { n: number },
    );
    const kinds = after.data.sharingRequest.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k: string) => k === 'reply')).toHaveLength(1);
  });

  it('approve and suspend at once on a pending request: suspension refused', async () => {
    const number = await file('caseworker', vaccinationRequest());
    const suspend = await stack.as('auditor', SUSPEND, { n: number });
    expect(codeOf(suspend)).toBe('BAD_USER_INPUT');
    const approved = await stack.as('doctor', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(approved.errors).toBeUndefined();
    const again = await stack.as('doctor', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
  });
});

describe('dates at the edges', () => {
  const dates: [string, string][] = [
    ['a day that does not exist (30 February)', '2027-02-30'],
    ['month 13', '2027-13-01'],
    ['a day in the past', '2020-01-01'],
    ['a time, not a day', '2027-06-30T00:00:00Z'],
    ['a six-digit year', '+275760-09-13'],
    ['blank', ''],
  ];
  it.each(dates)('refuses %s as the period end, as bad input', async (_how, periodEnd) => {
    const response = await stack.as('caseworker', SUBMIT, {
      input: vaccinationRequest({ periodEnd }),
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).not.toContain('out of range');
  });
});

describe('free text with identifiers after Unicode tricks', () => {
  // A valid resident ID number and a mobile, hidden various ways.
  const ID = '11010519491231002X';
  const hidden: [string, string][] = [
    [
      'full-width digits',
      ID.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ],
    ['zero-width spaces between digits', ID.split('').join('\u200b')],
    ['spaces and hyphens', `${ID.slice(0, 6)} ${ID.slice(6, 14)}-${ID.slice(14)}`],
    ['Arabic-Indic digits', ID.replace(/[0-9]/g, (c) => String.fromCharCode(0x660 + Number(c)))],
    ['Devanagari digits', ID.replace(/[0-9]/g, (c) => String.fromCharCode(0x966 + Number(c)))],
    [
      'mathematical bold digits',
      ID.replace(/[0-9]/g, (c) => String.fromCodePoint(0x1d7ce + Number(c))),
    ],
    ['a mobile in full-width with a bidi override', '\u202e１３８００１３８０００'],
  ];
  it.each(hidden)('a scenario with an ID number in %s is refused', async (_how, text) => {
    const response = await stack.as('caseworker', SUBMIT, {
      input: vaccinationRequest({ scenario: `核对 ${text} 的家庭` }),
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.errors)).not.toContain(text);
  });

  it.each(hidden)('a return listing %s as missing is refused', async (_how, text) => {
    const number = await file('caseworker', vaccinationRequest());
    const response = await stack.as('doctor', RETURN, {
      n: number,
      m: ['同意文件', `${text} 的户籍证明`],
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    const after = await stack.as(
      'caseworker',
      `query($n: ID!) { sharingRequest(number: $n) { state missing } }`,
      {
        n: number,
      },
    );
    expect(after.data.sharingRequest).toEqual({ state: 'SUBMITTED', missing: null });
  });

  it('a return whose list is longer than a free text may be is refused', async () => {
    const number = await file('caseworker', vaccinationRequest());
    const response = await stack.as('doctor', RETURN, { n: number, m: ['材料'.repeat(5_000)] });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});

describe('a database insider cutting the tail off the events chain', () => {
  const CHAIN = `{ sharingEventChain { ok events firstBreak } }`;

  it('a request whose last steps were deleted breaks the chain, though every link left verifies', async () => {
    const number = await file('caseworker', vaccinationRequest());
    const approved = await stack.as('doctor', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(approved.errors).toBeUndefined();
    expect((await stack.as('auditor', CHAIN)).data.sharingEventChain.ok).toBe(true);
    const pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
    const client = await pool.connect();
    const table = `${schemaName({ name: 'data-bureau' })}.sharing_request_event`;
    const triggers = async (on: boolean) =>
      client.query(`ALTER TABLE ${table} ${on ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
    let cut: Record<string, unknown>[] = [];
    try {
      // Hold the chain's append lock throughout, so no other test appends onto the cut chain;
      // other test files may have appended after this request's last step: the cut takes the
      // tail from that step on, and puts it all back.
      await client.query('SELECT pg_advisory_lock($1)', [CHAIN_LOCK]);
      ({ rows: cut } = await client.query(
        `SELECT * FROM ${table}
          WHERE seq >= (SELECT max(seq) FROM ${table} WHERE number = $1) ORDER BY seq`,
        [number],
      ));
      expect(cut[0]!.number).toBe(number);
      await triggers(false);
      await client.query(`DELETE FROM ${table} WHERE seq >= $1`, [cut[0]!.seq]);
      await triggers(true);
      const chain = (await stack.as('auditor', CHAIN)).data.sharingEventChain;
      expect(chain.ok).toBe(false);
      expect(chain.firstBreak).toBe(Number(cut[0]!.seq));
    } finally {
      for (const row of cut) {
        const columns = Object.keys(row);
        await client.query(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
          columns.map((c) => row[c]),
        );
      }
      await triggers(true);
      await client.query('SELECT pg_advisory_unlock($1)', [CHAIN_LOCK]);
      client.release();
      await pool.end();
    }
    expect((await stack.as('auditor', CHAIN)).data.sharingEventChain.ok).toBe(true);
  });
});

describe('an invalid variable is refused without repeating its value', () => {
  const ID = '11010519491231002X';
  const MOBILE = '13800138000';
  const invalid: [string, string, Record<string, unknown>][] = [
    [
      'an ID number as an enum value',
      `query($r: SharingRole!) { sharingRequests(role: $r) { number } }`,
      { r: ID },
    ],
    [
      'a mobile as a whole number',
      `query($n: ID!, $d: Int) { sharingImpact(number: $n, days: $d) { opens } }`,
      { n: 'SHR00000001', d: MOBILE },
    ],
    ['an ID number inside an input object', SUBMIT, { input: vaccinationRequest({ method: ID }) }],
  ];
  it.each(invalid)('%s', async (_how, query, variables) => {
    const response = await stack.as('caseworker', query, variables);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toMatch(/^Variable "\$\w+" got an invalid value/);
    expect(JSON.stringify(response.errors)).not.toMatch(/11010519491231002X|13800138000/);
  });
});

describe('texts at the edges of what is stored', () => {
  it.each([
    ['legalBasis', 501],
    ['consent', 201],
    ['scenario', 2_001],
    ['scope', 2_001],
  ])('a %s of %d characters is bad input, not an internal error', async (field, length) => {
    const response = await stack.as('caseworker', SUBMIT, {
      input: vaccinationRequest({ [field]: '依'.repeat(length) }),
    });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
  });
});
