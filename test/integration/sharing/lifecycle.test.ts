import pg from 'pg';
import { testDatabaseUrl } from '../../support/database';
import { as } from '../../support/security';
import { run } from '../../../scripts/policy';
import { SHARING_POLICY_SCHEMA, sql, startSharingStack, type SharingStack } from './support';

const PERSON = 'PCYGN28R6';
const VACCINATIONS = `query($id: ID!) { person(id: $id) { vaccinations { vaccine dose } } }`;
const REQUEST = `number state replyDue workingDaysLeft overdue returned missing extensionDays
  grantId revision disputeStage disposalDue timeline { seq kind actorDepartment detail }`;
const SUBMIT = `mutation($input: SubmitSharingRequestInput!) { submitSharingRequest(input: $input) { ${REQUEST} } }`;
const RETURN = `mutation($n: ID!, $m: [String!]!) { returnSharingRequest(number: $n, missing: $m) { ${REQUEST} } }`;
const SUPPLEMENT = `mutation($n: ID!) { supplementSharingRequest(number: $n, note: "附上主要负责人同意文件") { ${REQUEST} } }`;
const EXTEND = `mutation($n: ID!, $d: Int!) { requestSharingExtension(number: $n, workingDays: $d, reason: "需要开展安全评估") { ${REQUEST} } }`;
const DECIDE_EXTENSION = `mutation($n: ID!) { decideSharingExtension(number: $n, approve: true, reason: "同意延期") { ${REQUEST} } }`;
const REPLY = `mutation($input: ReplySharingRequestInput!) { replySharingRequest(input: $input) {
  request { ${REQUEST} } receipt { revision committedAt inForceEverywhereAt live lagging } } }`;
const CLOSE = (
  step: string,
) => `mutation($n: ID!) { ${step}(number: $n, reason: "超出批准范围使用") {
  request { ${REQUEST} } receipt { revision inForceEverywhereAt live lagging } } }`;
const DISPOSE = `mutation($n: ID!) { confirmSharingDisposal(number: $n, method: "已删除本地副本") { ${REQUEST} } }`;

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
    { coordinate: 'Vaccination.vaccine', access: 'FULL' },
    { coordinate: 'Vaccination.dose', access: 'FULL' },
  ],
  ...overrides,
});

describe('sharing requests walk the Regulation, over the real federation and live policy', () => {
  let stack: SharingStack;
  let number: string;
  let draft: Record<string, unknown>;

  const readVaccinations = async (replica: 0 | 1) =>
    stack.gateways[replica].query<any>(
      VACCINATIONS,
      { id: PERSON },
      await as('caseworker', 'social-assistance-eligibility'),
    );

  beforeAll(async () => {
    stack = await startSharingStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('starts from a seeded city with requests in every state, on one verified chain', async () => {
    const all = await stack.as(
      'auditor',
      `{ sharingRequests(role: AUTHORITY, limit: 100) { number state } sharingEventChain { ok } }`,
    );
    expect(all.errors).toBeUndefined();
    const states = new Set(all.data.sharingRequests.map((r: { state: string }) => r.state));
    expect([...states].sort()).toEqual([
      'APPROVED',
      'DISPOSED',
      'EXPIRED',
      'EXTENSION_REQUESTED',
      'REFUSED',
      'RETURNED',
      'SUBMITTED',
      'SUSPENDED',
      'TERMINATED',
    ]);
    expect(all.data.sharingEventChain.ok).toBe(true);
  });

  it('denies the field before any request, with a pre-filled request for what to ask', async () => {
    const response = await readVaccinations(0);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data ?? null).toBeNull();
    const drafts = response.errors![0]!.extensions!.sharingRequests as any[];
    expect(drafts).toEqual([
      {
        provider: 'health',
        sharingClass: 'CONDITIONAL',
        fields: [
          { coordinate: 'Person.vaccinations', access: 'FULL' },
          { coordinate: 'Vaccination.dose', access: 'FULL' },
          { coordinate: 'Vaccination.vaccine', access: 'FULL' },
        ],
        input: {
          provider: 'health',
          purpose: 'social-assistance-eligibility',
          method: 'INTERFACE',
          fields: drafts[0].fields,
        },
      },
    ]);
    draft = drafts[0].input;
  });

  it('files the pre-filled request for CONDITIONAL items: 10 working days to reply', async () => {
    const response = await stack.as('caseworker', SUBMIT, {
      input: { ...vaccinationRequest(), ...draft },
    });
    expect(response.errors).toBeUndefined();
    const request = response.data.submitSharingRequest;
    number = request.number;
    expect(request).toMatchObject({ state: 'SUBMITTED', workingDaysLeft: 10, overdue: false });
    expect(request.timeline.map((e: any) => e.kind)).toEqual(['submit']);
  });

  it('refuses a request for a NONE field (art. 15)', async () => {
    const response = await stack.as('caseworker', SUBMIT, {
      input: vaccinationRequest({
        fields: [{ coordinate: 'Person.medicalRecords', access: 'FULL' }],
      }),
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toMatch(/NONE.*art\. 15/);
  });

  it('previews the impact for the provider: the fields it opens, denied attempts, the diff', async () => {
    const query = `query($n: ID!) { sharingImpact(number: $n, days: 30) { opens deniedAttempts diff } }`;
    const response = await stack.as('doctor', query, { n: number });
    expect(response.errors).toBeUndefined();
    const impact = response.data.sharingImpact;
    expect(impact.opens).toEqual([
      'Person.vaccinations',
      'Vaccination.dose',
      'Vaccination.vaccine',
    ]);
    // The caseworker's refused read in the first test is on record.
    expect(impact.deniedAttempts).toBeGreaterThanOrEqual(1);
    expect(impact.diff).toContain(
      `opened sharing-request-${number.toLowerCase()} field Person.vaccinations to full`,
    );
    const byRequester = await stack.as('caseworker', query, { n: number });
    expect(byRequester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts the distinct persons the draft opens, in the provider, as an independent SQL count does', async () => {
    const impact = await stack.as(
      'doctor',
      `query($n: ID!) { sharingImpact(number: $n) { fields rows reachField } }`,
      { n: number },
    );
    expect(impact.errors).toBeUndefined();
    const { fields, rows, reachField } = impact.data.sharingImpact;
    expect({ rows, reachField }).toEqual({ rows: [], reachField: 'healthSharingReach' });
    const REACH = `query($f: [String!]!, $r: [String!]) { healthSharingReach(fields: $f, rows: $r) }`;
    const [{ everyone }] = await sql(
      'SELECT count(DISTINCT person_id)::int AS everyone FROM health.vaccination',
    );
    const [{ clinic, atClinic }] = await sql(
      `SELECT clinic, count(DISTINCT person_id)::int AS "atClinic" FROM health.vaccination
        GROUP BY clinic ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    expect(atClinic).toBeGreaterThan(0);
    expect(atClinic).toBeLessThan(everyone);
    const all = await stack.as('doctor', REACH, { f: fields, r: rows });
    expect(all.errors).toBeUndefined();
    expect(all.data.healthSharingReach).toBe(everyone);
    const scoped = await stack.as('auditor', REACH, {
      f: fields,
      r: [`Vaccination.clinic=${clinic}`],
    });
    expect(scoped.errors).toBeUndefined();
    expect(scoped.data.healthSharingReach).toBe(atClinic);
    // Fail closed: what health cannot count is an error, never 0.
    for (const [f, r, message] of [
      [['Person.medicalRecords'], [], /Person\.medicalRecords is not a field whose persons/],
      [fields, ['Vaccination.dose=1'], /Vaccination\.dose is not a fact/],
      [fields, ['Vaccination.clinic=$jurisdiction'], /placeholder/],
    ] as const) {
      const refused = await stack.as('doctor', REACH, { f, r });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
    // Only health's sharing agency and the data authority, under data-sharing.
    const byRequester = await stack.as('caseworker', REACH, { f: fields, r: [] });
    expect(byRequester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const treating = await stack.gateways[0].query<any>(
      REACH,
      { f: fields, r: [] },
      await as('doctor', 'medical-treatment'),
    );
    expect(treating.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The CLI twin: the data bureau's preview, then the provider's count.
    const token = (await as('doctor', 'data-sharing')).authorization!.replace('Bearer ', '');
    const cli = await run([
      'request',
      'impact',
      number,
      '--token',
      token,
      '--gateway',
      stack.gateways[1].url,
    ]);
    expect(cli).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(cli.stdout)).toMatchObject({
      sharingImpact: { reachField: 'healthSharingReach' },
      persons: everyone,
    });
  });

  it("counts persons in public security's data too, each department in its own", async () => {
    const REACH = `query($f: [String!]!, $r: [String!]) { publicSecuritySharingReach(fields: $f, rows: $r) }`;
    const [{ district, inDistrict }] = await sql(
      `SELECT district_code AS district, count(*)::int AS "inDistrict" FROM public_security.person
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    const [{ housed }] = await sql(
      'SELECT count(*)::int AS housed FROM public_security.person WHERE household_id IS NOT NULL',
    );
    const byDistrict = await stack.as('registrar', REACH, {
      f: ['Person.name', 'Person.birthDate'],
      r: [`Person.districtCode=${district}`],
    });
    expect(byDistrict.errors).toBeUndefined();
    expect(byDistrict.data.publicSecuritySharingReach).toBe(inDistrict);
    const members = await stack.as('auditor', REACH, { f: ['Household.address'], r: [] });
    expect(members.data.publicSecuritySharingReach).toBe(housed);
    // Health's fields are not public security's to count.
    const foreign = await stack.as('registrar', REACH, { f: ['Vaccination.vaccine'], r: [] });
    expect(foreign.errors?.[0]?.message).toMatch(
      /Vaccination\.vaccine is not a field whose persons/,
    );
    const registering = await stack.gateways[0].query<any>(
      REACH,
      { f: ['Person.name'], r: [] },
      await as('registrar', 'household-registration'),
    );
    expect(registering.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('returns for supplement once; a second return is refused', async () => {
    const first = await stack.as('doctor', RETURN, { n: number, m: ['主要负责人同意文件'] });
    expect(first.errors).toBeUndefined();
    expect(first.data.returnSharingRequest).toMatchObject({ state: 'RETURNED', returned: true });
    const supplied = await stack.as('caseworker', SUPPLEMENT, { n: number });
    expect(supplied.data.supplementSharingRequest.state).toBe('SUBMITTED');
    const second = await stack.as('doctor', RETURN, { n: number, m: ['其他材料'] });
    expect(second.errors?.[0]?.message).toMatch(/already returned for supplement once/);
    expect(second.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an extension past 10 working days; grants one of 5 with the authority', async () => {
    const tooLong = await stack.as('doctor', EXTEND, { n: number, d: 11 });
    expect(tooLong.errors?.[0]?.message).toMatch(/1 to 10 working days/);
    const asked = await stack.as('doctor', EXTEND, { n: number, d: 5 });
    expect(asked.data.requestSharingExtension).toMatchObject({
      state: 'EXTENSION_REQUESTED',
      extensionDays: 5,
    });
    const byProvider = await stack.as('doctor', DECIDE_EXTENSION, { n: number });
    expect(byProvider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const decided = await stack.as('auditor', DECIDE_EXTENSION, { n: number });
    expect(decided.errors).toBeUndefined();
    expect(decided.data.decideSharingExtension).toMatchObject({
      state: 'SUBMITTED',
      workingDaysLeft: 15,
    });
  });

  it('refuses a requester approving its own request', async () => {
    const response = await stack.as('caseworker', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a refusal without a reason', async () => {
    const response = await stack.as('doctor', REPLY, { input: { number, reply: 'REFUSE' } });
    expect(response.errors?.[0]?.message).toMatch(/A refusal states its reason/);
  });

  it('approves: a live grant on both replicas within a second, and records name the request', async () => {
    const response = await stack.as('doctor', REPLY, { input: { number, reply: 'APPROVE' } });
    expect(response.errors).toBeUndefined();
    const { request, receipt } = response.data.replySharingRequest;
    expect(request).toMatchObject({
      state: 'APPROVED',
      grantId: `sharing-request-${number.toLowerCase()}`,
    });
    expect(receipt.live.sort()).toEqual(['sharing-a', 'sharing-b']);
    expect(receipt.inForceEverywhereAt).not.toBeNull();
    // In force on both replicas within a second of the revision's commit.
    expect(Date.parse(receipt.inForceEverywhereAt) - Date.parse(receipt.committedAt)).toBeLessThan(
      1_000,
    );
    for (const replica of [0, 1] as const) {
      const read = await readVaccinations(replica);
      expect(read.errors).toBeUndefined();
      expect(Array.isArray(read.data.person.vaccinations)).toBe(true);
    }
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT fields FROM access_records.access_record WHERE stream_id = $1 ORDER BY seq DESC LIMIT 1`,
        [stack.gateways[1].streamId],
      );
      expect(rows[0].fields).toContainEqual({
        coordinate: 'Person.vaccinations',
        pi: 'SENSITIVE',
        effect: 'allow',
        grant: request.grantId,
        request: number,
      });
    } finally {
      await client.end();
    }
    const audit = await as('auditor', 'audit');
    const lawful = await stack.gateways[0].query<any>(
      `query($r: String!) { accessRecords(filter: { request: $r }) { records { fields { coordinate grant request } } } }`,
      { r: number },
      audit,
    );
    expect(lawful.errors).toBeUndefined();
    expect(lawful.data.accessRecords.records.length).toBeGreaterThanOrEqual(2);
    for (const record of lawful.data.accessRecords.records) {
      expect(record.fields).toContainEqual({
        coordinate: 'Vaccination.vaccine',
        grant: request.grantId,
        request: number,
      });
    }
    const grants = await stack.gateways[1].query<any>(
      `{ grants(provider: "health") { id } }`,
      {},
      audit,
    );
    expect(grants.data.grants.map((g: { id: string }) => g.id)).toContain(request.grantId);
  });

  it('suspends with an urgent revision and its receipt: refused again on both replicas', async () => {
    const response = await stack.as('doctor', CLOSE('suspendSharing'), { n: number });
    expect(response.errors).toBeUndefined();
    const { request, receipt } = response.data.suspendSharing;
    expect(request.state).toBe('SUSPENDED');
    expect(receipt.live.sort()).toEqual(['sharing-a', 'sharing-b']);
    const revision = await stack.store.get(receipt.revision);
    expect(revision).toMatchObject({ cause: 'suspension', urgent: true });
    for (const replica of [0, 1] as const) {
      expect((await readVaccinations(replica)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('terminates: disposal due; the requester confirms disposal', async () => {
    const terminated = await stack.as('auditor', CLOSE('terminateSharing'), { n: number });
    expect(terminated.errors).toBeUndefined();
    expect(terminated.data.terminateSharing.request).toMatchObject({
      state: 'TERMINATED',
      disposalDue: true,
    });
    const byProvider = await stack.as('doctor', DISPOSE, { n: number });
    expect(byProvider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const disposed = await stack.as('caseworker', DISPOSE, { n: number });
    expect(disposed.data.confirmSharingDisposal).toMatchObject({
      state: 'DISPOSED',
      disposalDue: false,
    });
    expect(disposed.data.confirmSharingDisposal.timeline.map((e: any) => e.kind)).toEqual([
      'submit',
      'return',
      'supplement',
      'request-extension',
      'decide-extension',
      'reply',
      'suspend',
      'terminate',
      'confirm-disposal',
    ]);
  });

  it('keeps the events append-only and hash-chained', async () => {
    const chain = await stack.as('auditor', `{ sharingEventChain { ok events firstBreak } }`);
    expect(chain.data.sharingEventChain).toMatchObject({ ok: true, firstBreak: null });
    expect(chain.data.sharingEventChain.events).toBeGreaterThanOrEqual(9);
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await expect(
        client.query(`UPDATE data_bureau.sharing_request_event SET actor = 'x'`),
      ).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('ends an approval when its period ends: EXPIRED, disposal due, until disposal', async () => {
    const filed = await stack.as('caseworker', SUBMIT, { input: vaccinationRequest() });
    const expiring = filed.data.submitSharingRequest.number;
    const approved = await stack.as('doctor', REPLY, {
      input: {
        number: expiring,
        reply: 'APPROVE_IN_PART',
        fields: [
          { coordinate: 'Person.vaccinations', access: 'FULL' },
          { coordinate: 'Vaccination.vaccine', access: 'FULL' },
        ],
      },
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.data.replySharingRequest.request.state).toBe('APPROVED');
    // Time passes: the period ended yesterday (the grant's own expiry is the policy engine's).
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await client.query(
        `UPDATE data_bureau.sharing_request SET period_end = current_date - 1 WHERE number = $1`,
        [expiring],
      );
    } finally {
      await client.end();
    }
    const query = `query($n: ID!) { sharingRequest(number: $n) { state disposalDue } }`;
    const shown = await stack.as('caseworker', query, { n: expiring });
    expect(shown.data.sharingRequest).toEqual({ state: 'EXPIRED', disposalDue: true });
    const inbox = await stack.as(
      'caseworker',
      `{ sharingRequests(role: REQUESTER, state: EXPIRED) { number } }`,
    );
    expect(inbox.data.sharingRequests).toContainEqual({ number: expiring });
    const disposed = await stack.as('caseworker', DISPOSE, { n: expiring });
    expect(disposed.errors).toBeUndefined();
    expect(disposed.data.confirmSharingDisposal).toMatchObject({
      state: 'DISPOSED',
      disposalDue: false,
    });
  });

  describe("a dispute's decision changes the request (art. 28)", () => {
    const ADVANCE = `mutation($n: ID!) { advanceSharingDispute(number: $n, note: "协商未果，提请协调") { number disputeStage } }`;
    const DECIDE = `mutation($input: DecideSharingDisputeInput!) { decideSharingDispute(input: $input) {
      request { ${REQUEST} state approvedFields { coordinate access } refusalReason }
      receipt { revision inForceEverywhereAt live } } }`;
    /** A request the provider refused, disputed by the requester up to the decision. */
    const refusedAndDisputed = async () => {
      const filed = await stack.as('caseworker', SUBMIT, { input: vaccinationRequest() });
      const n = filed.data.submitSharingRequest.number as string;
      const refused = await stack.as('doctor', REPLY, {
        input: { number: n, reply: 'REFUSE', reason: 'NOT_NECESSARY', explanation: '无需接种记录' },
      });
      expect(refused.data.replySharingRequest.request.state).toBe('REFUSED');
      const opened = await stack.as(
        'caseworker',
        `mutation($n: ID!) { openSharingDispute(number: $n, reason: "低保核对确需接种记录") { disputeStage } }`,
        { n },
      );
      expect(opened.data.openSharingDispute.disputeStage).toBe('NEGOTIATION');
      const coordination = await stack.as('caseworker', ADVANCE, { n });
      expect(coordination.data.advanceSharingDispute.disputeStage).toBe('COORDINATION');
      const decision = await stack.as('auditor', ADVANCE, { n });
      expect(decision.data.advanceSharingDispute.disputeStage).toBe('DECISION');
      return n;
    };
    const grantIn = async (revision: number, n: string) => {
      const stored = await stack.store.get(revision);
      return JSON.parse(stored!.content).grants.find(
        (g: { id: string }) => g.id === `sharing-request-${n.toLowerCase()}`,
      );
    };

    it('orders approval in part: the grant in a live revision, with the decision as its event', async () => {
      const n = await refusedAndDisputed();
      // The decision is the authority's: advancing past it, or the provider deciding, is refused.
      const advanced = await stack.as('auditor', ADVANCE, { n });
      expect(advanced.errors?.[0]?.message).toMatch(/awaits the decision.*decideSharingDispute/);
      const input = {
        number: n,
        outcome: 'APPROVE_IN_PART',
        fields: [
          { coordinate: 'Person.vaccinations', access: 'FULL' },
          { coordinate: 'Vaccination.vaccine', access: 'FULL' },
        ],
        note: '核对低保资格需要接种种类，不需要剂次',
      };
      const byProvider = await stack.as('doctor', DECIDE, { input });
      expect(byProvider.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const decided = await stack.as('auditor', DECIDE, { input });
      expect(decided.errors).toBeUndefined();
      const { request, receipt } = decided.data.decideSharingDispute;
      expect(request).toMatchObject({
        state: 'APPROVED',
        disputeStage: 'RESOLVED',
        grantId: `sharing-request-${n.toLowerCase()}`,
        revision: receipt.revision,
        refusalReason: null,
        approvedFields: input.fields,
      });
      expect(receipt.live.sort()).toEqual(['sharing-a', 'sharing-b']);
      expect(receipt.inForceEverywhereAt).not.toBeNull();
      const grant = await grantIn(receipt.revision, n);
      expect(grant).toMatchObject({
        consumer: { department: 'civil-affairs', role: 'caseworker' },
        fields: { Person: { vaccinations: 'full' }, Vaccination: { vaccine: 'full' } },
        request: n,
      });
      const decisionEvent = request.timeline.at(-1);
      expect(decisionEvent.kind).toBe('decide-dispute');
      expect(JSON.parse(decisionEvent.detail)).toMatchObject({
        outcome: 'APPROVE_IN_PART',
        to: 'RESOLVED',
        revision: receipt.revision,
        grant: grant.id,
      });
    });

    it('upholds the refusal: the request stays refused, no grant, from the CLI twin', async () => {
      const n = await refusedAndDisputed();
      const before = (await stack.store.latest())!.revision;
      const token = (await as('auditor', 'data-sharing')).authorization!.replace('Bearer ', '');
      const cli = (...argv: string[]) =>
        run([
          'request',
          'decide-dispute',
          n,
          ...argv,
          '--token',
          token,
          '--gateway',
          stack.gateways[1].url,
        ]);
      const unstated = await cli('--note', '维持原答复');
      expect(unstated.code).not.toBe(0);
      expect(unstated.stderr).toMatch(/one of --uphold, --approve, --approve-in-part/);
      const upheld = await cli('--uphold', '--note', '维持原答复：核对低保资格无需接种记录');
      expect(upheld).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(upheld.stdout).decideSharingDispute).toMatchObject({
        request: {
          state: 'REFUSED',
          disputeStage: 'RESOLVED',
          grantId: null,
          refusalReason: 'NOT_NECESSARY',
        },
        receipt: null,
      });
      expect((await stack.store.latest())!.revision).toBe(before);
    });
  });

  it('files a narrowing with the data authority: an urgent revision of the narrower grant, and its event', async () => {
    const filed = await stack.as('caseworker', SUBMIT, { input: vaccinationRequest() });
    const n = filed.data.submitSharingRequest.number as string;
    const approved = await stack.as('doctor', REPLY, { input: { number: n, reply: 'APPROVE' } });
    expect(approved.data.replySharingRequest.request.state).toBe('APPROVED');
    const NARROW = `mutation($input: FileSharingNarrowingInput!) { fileSharingNarrowing(input: $input) {
      request { state approvedFields { coordinate access } rows { type field value } timeline { kind detail } }
      receipt { revision inForceEverywhereAt live } } }`;
    const narrowed = {
      number: n,
      fields: [
        { coordinate: 'Person.vaccinations', access: 'FULL' },
        { coordinate: 'Vaccination.vaccine', access: 'MASKED' },
      ],
      rows: [{ type: 'Vaccination', field: 'clinic', value: '武侯区社区卫生服务中心' }],
      reason: '仅核对本辖区接种点的接种种类',
    };
    // Only the provider files, and only narrower: nothing not approved, no fact the catalogue lacks.
    const byRequester = await stack.as('caseworker', NARROW, { input: narrowed });
    expect(byRequester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wider = await stack.as('doctor', NARROW, {
      input: {
        ...narrowed,
        fields: [{ coordinate: 'Vaccination.administeredOn', access: 'FULL' }],
      },
    });
    expect(wider.errors?.[0]?.message).toMatch(/not in the approved grant: a filing narrows it/);
    const uncatalogued = await stack.as('doctor', NARROW, {
      input: { ...narrowed, rows: [{ type: 'Vaccination', field: 'dose', value: '1' }] },
    });
    expect(uncatalogued.errors?.[0]?.message).toMatch(
      /limits Vaccination rows by dose, a condition the catalogue does not state/,
    );
    const before = (await stack.store.latest())!.revision;
    const done = await stack.as('doctor', NARROW, { input: narrowed });
    expect(done.errors).toBeUndefined();
    const { request, receipt } = done.data.fileSharingNarrowing;
    expect(request).toMatchObject({
      state: 'APPROVED',
      approvedFields: narrowed.fields,
      rows: [{ type: 'Vaccination', field: 'clinic', value: '武侯区社区卫生服务中心' }],
    });
    expect(receipt.revision).toBe(before + 1);
    expect(receipt.live.sort()).toEqual(['sharing-a', 'sharing-b']);
    const revision = (await stack.store.get(receipt.revision))!;
    expect(revision).toMatchObject({ cause: 'sharing-request', urgent: true });
    const grant = JSON.parse(revision.content).grants.find(
      (g: { id: string }) => g.id === `sharing-request-${n.toLowerCase()}`,
    );
    expect(grant).toMatchObject({
      fields: { Person: { vaccinations: 'full' }, Vaccination: { vaccine: 'masked' } },
      rows: { Vaccination: { clinic: '武侯区社区卫生服务中心' } },
    });
    // Filed: the data authority reads the event in the request's timeline.
    const seen = await stack.as(
      'auditor',
      `query($n: ID!) { sharingRequest(number: $n) { timeline { kind actorDepartment detail } } }`,
      { n },
    );
    const event = seen.data.sharingRequest.timeline.at(-1);
    expect(event).toMatchObject({ kind: 'file-narrowing', actorDepartment: 'health' });
    expect(JSON.parse(event.detail)).toMatchObject({
      filedWith: 'data-authority',
      revision: receipt.revision,
      before: { rows: {} },
    });
    // A condition of the grant is changed by no filing (the CLI twin says so).
    const token = (await as('doctor', 'data-sharing')).authorization!.replace('Bearer ', '');
    const changed = await run([
      'request',
      'narrow',
      n,
      '--row',
      'Vaccination.clinic=青羊区社区卫生服务中心',
      '--reason',
      '换一个接种点',
      '--token',
      token,
      '--gateway',
      stack.gateways[1].url,
    ]);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/already limits the grant's rows .*changes none/);
    expect((await stack.store.latest())!.revision).toBe(receipt.revision);
  });

  describe('an approval commits its revision and its event together, or neither', () => {
    /** Revisions of this suite's store that hold the request's grant. */
    const revisionsHolding = async (n: string) =>
      (
        await sql(
          `SELECT revision FROM ${SHARING_POLICY_SCHEMA}.policy_revision WHERE content LIKE $1`,
          [`%"sharing-request-${n.toLowerCase()}"%`],
        )
      ).map((r) => Number(r.revision));
    const SHOW = `query($n: ID!) { sharingRequest(number: $n) { state grantId revision timeline { kind } } }`;
    const file = async () =>
      (await stack.as('caseworker', SUBMIT, { input: vaccinationRequest() })).data
        .submitSharingRequest.number as string;

    it('same database: an event that fails after the revision leaves no grant and the request as it was', async () => {
      const marked = await file();
      const before = (await stack.store.latest())!.revision;
      // The injected failure: the event of this request's reply is refused, after the revision.
      await sql(`
          CREATE FUNCTION data_bureau.test_refuse_reply() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.number = '${marked}' AND NEW.kind = 'reply' THEN
              RAISE EXCEPTION 'injected: the event of % is refused', NEW.number;
            END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER test_refuse_reply BEFORE INSERT ON data_bureau.sharing_request_event
            FOR EACH ROW EXECUTE FUNCTION data_bureau.test_refuse_reply();`);
      let failed: any;
      try {
        failed = await stack.as('doctor', REPLY, { input: { number: marked, reply: 'APPROVE' } });
      } finally {
        await sql(`DROP TRIGGER test_refuse_reply ON data_bureau.sharing_request_event;
                        DROP FUNCTION data_bureau.test_refuse_reply();`);
      }
      expect(failed.errors?.[0]?.extensions?.code).toBe('RECORD_STORE_UNAVAILABLE');
      expect(failed.errors?.[0]?.message).toMatch(
        new RegExp(
          `Request ${marked}: the reply step was not recorded.*no policy revision, no event; the request is unchanged.*injected`,
        ),
      );
      expect(await revisionsHolding(marked)).toEqual([]);
      expect((await stack.store.latest())!.revision).toBe(before);
      const shown = await stack.as('doctor', SHOW, { n: marked });
      expect(shown.data.sharingRequest).toEqual({
        state: 'SUBMITTED',
        grantId: null,
        revision: null,
        timeline: [{ kind: 'submit' }],
      });
      // Without the failure the same approval commits both: the revision the failure rolled back.
      const approved = await stack.as('doctor', REPLY, {
        input: { number: marked, reply: 'APPROVE' },
      });
      expect(approved.errors).toBeUndefined();
      expect(approved.data.replySharingRequest.request.revision).toBe(before + 1);
      expect(await revisionsHolding(marked)).toEqual([before + 1]);
      expect(approved.data.replySharingRequest.receipt.inForceEverywhereAt).not.toBeNull();
    });

    it('another database: the event first, and a revision that fails puts the request back', async () => {
      const marked = await file();
      // Another URL than the data bureau's: the step cannot share a commit with the store.
      const separate = new URL(testDatabaseUrl());
      separate.searchParams.set('application_name', 'policy-store-elsewhere');
      process.env.POLICY_DATABASE_URL = separate.toString();
      await sql(`
          CREATE FUNCTION ${SHARING_POLICY_SCHEMA}.test_refuse_grant() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW.content LIKE '%sharing-request-${marked.toLowerCase()}%' THEN
              RAISE EXCEPTION 'injected: the policy store is out of reach';
            END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER test_refuse_grant BEFORE INSERT ON ${SHARING_POLICY_SCHEMA}.policy_revision
            FOR EACH ROW EXECUTE FUNCTION ${SHARING_POLICY_SCHEMA}.test_refuse_grant();`);
      let failed: any;
      try {
        failed = await stack.as('doctor', REPLY, { input: { number: marked, reply: 'APPROVE' } });
      } finally {
        await sql(`DROP TRIGGER test_refuse_grant ON ${SHARING_POLICY_SCHEMA}.policy_revision;
                        DROP FUNCTION ${SHARING_POLICY_SCHEMA}.test_refuse_grant();`);
      }
      try {
        expect(failed.errors?.[0]?.extensions?.code).toBe('RECORD_STORE_UNAVAILABLE');
        expect(failed.errors?.[0]?.message).toMatch(
          /the reply was recorded, but its policy revision was not written, so the request is back to SUBMITTED/,
        );
        expect(await revisionsHolding(marked)).toEqual([]);
        const shown = await stack.as('doctor', SHOW, { n: marked });
        expect(shown.data.sharingRequest).toEqual({
          state: 'SUBMITTED',
          grantId: null,
          revision: null,
          timeline: [{ kind: 'submit' }, { kind: 'reply' }, { kind: 'revision-failed' }],
        });
        // And when the store answers: the event, then the revision, then its record.
        const approved = await stack.as('doctor', REPLY, {
          input: { number: marked, reply: 'APPROVE' },
        });
        expect(approved.errors).toBeUndefined();
        const { request } = approved.data.replySharingRequest;
        expect(request.state).toBe('APPROVED');
        expect(await revisionsHolding(marked)).toEqual([request.revision]);
        expect(request.timeline.map((e: any) => e.kind).slice(-2)).toEqual(['reply', 'revision']);
        // Each later step wrote its row and its event at one time: the chain's tail check
        // (a request changed after its last event) finds nothing cut.
        const chain = await stack.as('auditor', `{ sharingEventChain { ok firstBreak } }`);
        expect(chain.data.sharingEventChain).toEqual({ ok: true, firstBreak: null });
      } finally {
        delete process.env.POLICY_DATABASE_URL;
      }
    });
  });

  it('has CLI twins: submit, a refusal without reason refused, a refusal with one, show', async () => {
    const tokenOf = async (consumer: string) =>
      (await as(consumer as never, 'data-sharing')).authorization!.replace('Bearer ', '');
    const cli = (token: string, ...argv: string[]) =>
      run(['request', ...argv, '--token', token, '--gateway', stack.gateways[1].url]);
    const caseworker = await tokenOf('caseworker');
    const doctor = await tokenOf('doctor');
    const submitted = await cli(
      caseworker,
      'submit',
      '--provider',
      'health',
      '--for',
      'social-assistance-eligibility',
      '--legal-basis',
      '《社会救助暂行办法》第十一条',
      '--scenario',
      '低保家庭成员健康状况核对',
      '--scope',
      '武侯区低保申请家庭',
      '--period-end',
      '2027-06-30',
      '--consent',
      '武民函〔2026〕13号',
      '--field',
      'Person.vaccinations',
      '--field',
      'Vaccination.vaccine:masked',
    );
    expect(submitted).toMatchObject({ code: 0, stderr: '' });
    const filed = JSON.parse(submitted.stdout).submitSharingRequest;
    expect(filed).toMatchObject({ state: 'SUBMITTED', provider: 'health', workingDaysLeft: 10 });
    const bare = await cli(doctor, 'reply', filed.number, '--refuse');
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/^BAD_USER_INPUT: A refusal states its reason/);
    const refused = await cli(
      doctor,
      'reply',
      filed.number,
      '--refuse',
      '--reason',
      'NOT_NECESSARY',
      '--explanation',
      '核对低保资格无需接种记录',
    );
    expect(refused).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(refused.stdout).replySharingRequest).toMatchObject({
      request: { state: 'REFUSED', refusalReason: 'NOT_NECESSARY' },
      receipt: null,
    });
    const shown = await cli(caseworker, 'show', filed.number);
    expect(JSON.parse(shown.stdout).sharingRequest.timeline.map((e: any) => e.kind)).toEqual([
      'submit',
      'reply',
    ]);
  });
});
