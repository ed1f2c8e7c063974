import { residentIdCheckChar } from '../../../domain/identifiers';
import { challengeDeadline } from '../../../subgraphs/data-bureau/challenges/deadline';
import { startFederation, type Federation } from '../../support/federation';
import { as } from '../../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const PERSON = 'PCYGN28R6';
// A caseworker account of this test alone: its reads are the ones challenged here.
const reader = {
  sub: 'caseworker-challenged-1',
  kind: 'official',
  dept: 'civil-affairs',
  role: 'caseworker',
  jurisdiction: '510107',
} as const;
const citizen = () => as('citizen', 'self-service', PERSON);
const contact = (dept: string) =>
  as(
    { sub: `${dept}-privacy-contact-1`, kind: 'official', dept, role: 'privacy-contact' },
    'privacy-oversight',
  );

const CHALLENGE = `id recordId subject reason department raisedAt deadline overdue stage finding reply repliedAt rating ratedAt`;

type Challenge = Record<string, unknown> & { id: string };

async function gql<T>(
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const response = await federation.query<T>(query, variables, headers);
  expect(response.errors).toBeUndefined();
  return response.data!;
}

async function challenges(): Promise<Challenge[]> {
  return (
    await gql<{ myChallenges: Challenge[] }>(
      `{ myChallenges { ${CHALLENGE} } }`,
      {},
      await citizen(),
    )
  ).myChallenges;
}

describe('a citizen challenges a disclosure; the department that read it answers; the citizen rates it', () => {
  let recordId: string;
  let raised: Challenge;

  beforeAll(async () => {
    const read = await federation.query(
      `query LookUp { person(id: "${PERSON}") { name } }`,
      {},
      await as(reader, 'social-assistance-eligibility'),
    );
    expect(read.errors).toBeUndefined();
    const mine = await gql<{
      myAccessRecords: { records: { id: string; department: string; role: string }[] };
    }>('{ myAccessRecords(first: 50) { records { id department role } } }', {}, await citizen());
    recordId = mine.myAccessRecords.records.find((r) => r.department === 'civil-affairs')!.id;
    const before = Date.now();
    raised = (
      await gql<{ challengeDisclosure: Challenge }>(
        `mutation Challenge($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { ${CHALLENGE} } }`,
        { input: { recordId, reason: '我没有申请过低保，不认识这次查询。' } },
        await citizen(),
      )
    ).challengeDisclosure;
    expect(Date.parse(raised.raisedAt as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('is accepted, routed to the department that read the data, with 15 working days to answer', () => {
    expect(raised).toEqual({
      id: expect.stringMatching(/^INC\d{8}$/),
      recordId,
      subject: PERSON,
      reason: '我没有申请过低保，不认识这次查询。',
      department: 'civil-affairs',
      raisedAt: expect.any(String),
      deadline: challengeDeadline(new Date(raised.raisedAt as string)),
      overdue: false,
      stage: 'ACCEPTED',
      finding: null,
      reply: null,
      repliedAt: null,
      rating: null,
      ratedAt: null,
    });
  });

  it("reaches civil affairs' privacy contact as an incident naming the official, and no other department's", async () => {
    const inbox = `{ incidents(kind: CHALLENGE, limit: 500) { id kind rule official department status challengeReason deadline evidence explanation explanationZh } }`;
    const own = (
      await gql<{ incidents: Record<string, unknown>[] }>(inbox, {}, await contact('civil-affairs'))
    ).incidents;
    expect(own.find((i) => i.id === raised.id)).toEqual({
      id: raised.id,
      kind: 'CHALLENGE',
      rule: 'citizen-challenge',
      official: 'caseworker-challenged-1',
      department: 'civil-affairs',
      status: 'NEW',
      challengeReason: '我没有申请过低保，不认识这次查询。',
      deadline: raised.deadline,
      evidence: [recordId],
      explanation:
        'A citizen does not recognise a read of their data by caseworker-challenged-1 (civil-affairs/caseworker) for the purpose social-assistance-eligibility, and asks the department to explain it.',
      explanationZh:
        '群众不认可 caseworker-challenged-1（civil-affairs/caseworker）以“低保资格核查”为目的对其信息的一次查询，请部门说明。',
    });
    const taxInbox = (await gql<{ incidents: { id: string }[] }>(inbox, {}, await contact('tax')))
      .incidents;
    expect(taxInbox.map((i) => i.id)).not.toContain(raised.id);
  });

  it("leaves the privacy contact's own access record, naming the person whose challenge it read", async () => {
    const { accessRecords } = await gql<{
      accessRecords: { records: { operationName: string; subjects: string[] }[] };
    }>(
      '{ accessRecords(filter: { consumerId: "civil-affairs-privacy-contact-1" }, first: 20) { records { operationName subjects } } }',
      {},
      await as('auditor', 'audit'),
    );
    const inboxReads = accessRecords.records.filter((r) => r.subjects.includes(PERSON));
    expect(inboxReads.length).toBeGreaterThanOrEqual(1);
  });

  it('goes through handled, answered and rated as the citizen sees it, and feeds the department summary', async () => {
    const headers = await contact('civil-affairs');
    await gql(
      `mutation { moveIncident(input: { id: "${raised.id}", to: TRIAGED }) { status } }`,
      {},
      headers,
    );
    expect((await challenges()).find((c) => c.id === raised.id)!.stage).toBe('HANDLED');

    const reply = '经核查，该次查询系低保复核抽查，依据《社会救助暂行办法》第十一条，属依法履职。';
    await gql(
      `mutation Answer($input: AnswerChallengeInput!) { answerChallenge(input: $input) { status } }`,
      { input: { id: raised.id, finding: 'DISMISSED', reply } },
      headers,
    );
    const answered = (await challenges()).find((c) => c.id === raised.id)!;
    expect(answered).toMatchObject({
      stage: 'ANSWERED',
      finding: 'DISMISSED',
      reply,
      rating: null,
    });

    const again = await federation.query(
      `mutation { answerChallenge(input: { id: "${raised.id}", finding: CONFIRMED, reply: "again" }) { status } }`,
      {},
      headers,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const summary = `query Summary($code: ID!) { department(code: $code) { subgraph disclosureChallenges { challenges answered rated averageRating ratingsByLevel } ratingSummary { total } } }`;
    const { departments } = await gql<{ departments: { code: string; subgraph: string | null }[] }>(
      '{ departments(level: MUNICIPAL) { code subgraph } }',
      {},
      await contact('civil-affairs'),
    );
    const code = departments.find((d) => d.subgraph === 'civil-affairs')!.code;
    const before = (await gql<{ department: any }>(summary, { code }, headers)).department;

    const rated = await gql<{ rateChallengeAnswer: Challenge }>(
      `mutation { rateChallengeAnswer(input: { id: "${raised.id}", rating: 4 }) { ${CHALLENGE} } }`,
      {},
      await citizen(),
    );
    expect(rated.rateChallengeAnswer).toMatchObject({
      stage: 'RATED',
      rating: 4,
      ratedAt: expect.any(String),
    });

    const after = (await gql<{ department: any }>(summary, { code }, headers)).department;
    expect(after.disclosureChallenges.rated).toBe(before.disclosureChallenges.rated + 1);
    expect(after.disclosureChallenges.ratingsByLevel[3]).toBe(
      before.disclosureChallenges.ratingsByLevel[3] + 1,
    );
    expect(after.disclosureChallenges.averageRating).toEqual(expect.any(Number));
    // The evaluation department's 好差评 figures come with it, in one query.
    expect(after.ratingSummary.total).toEqual(expect.any(Number));

    const twice = await federation.query(
      `mutation { rateChallengeAnswer(input: { id: "${raised.id}", rating: 1 }) { rating } }`,
      {},
      await citizen(),
    );
    expect(twice.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('what a challenge refuses', () => {
  it('refuses a reason carrying an ID number, without repeating it', async () => {
    const idNumber = `51010719900307123${residentIdCheckChar('51010719900307123')}`;
    const response = await federation.query(
      `mutation C($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { id } }`,
      { input: { recordId: '00000000-0000-4000-8000-000000000000', reason: `查的是 ${idNumber}` } },
      await citizen(),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response)).not.toContain(idNumber);
  });

  it("refuses a record that is not the citizen's own disclosure", async () => {
    const response = await federation.query(
      `mutation C($input: ChallengeDisclosureInput!) { challengeDisclosure(input: $input) { id } }`,
      { input: { recordId: '00000000-0000-4000-8000-000000000000', reason: '不认识' } },
      await as('citizen', 'self-service', 'P0004J2K9'),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("does not show one citizen another's challenges", async () => {
    const other = await gql<{ myChallenges: Challenge[] }>(
      `{ myChallenges { id subject } }`,
      {},
      await as('citizen', 'self-service', 'P0004J2K9'),
    );
    expect(other.myChallenges.every((c) => c.subject === 'P0004J2K9')).toBe(true);
  });
});
