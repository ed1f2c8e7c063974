import { readFileSync } from 'node:fs';
import pg from 'pg';
import { SUPERGRAPH_PATH, classificationFromSupergraph } from '../../schema';
import { isValidResidentId } from '../../domain/identifiers';
import { objectionDeadline } from '../../subgraphs/data-bureau/objections/deadline';
import { testDatabaseUrl } from '../support/database';
import { recordsOf } from '../support/records';
import { startFederation, type Federation, type GraphQLResponse } from '../support/federation';
import { as } from '../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const PURPOSE = 'data-objection';
const PERSON = 'PCYGN28R6';
const ENTERPRISE = '91510107MA5B0A7H79';

const inspector = () => as('inspector', PURPOSE);
const registrar = () => as('registrar', PURPOSE);
const caseworker = () => as('caseworker', PURPOSE);
const taxOfficer = () =>
  as({ sub: 'tax-officer-7', kind: 'official', dept: 'tax', role: 'officer' }, PURPOSE);

const OBJECTION = `id entityType entityKey coordinate owner raisedBy raiserDepartment raiserRole
  purpose caseNumber reason proposedValue raisedAt deadline overdue status
  correctedValue answerReason answeredBy answeredAt`;
const RAISE = `mutation Raise($input: RaiseObjectionInput!) { raiseObjection(input: $input) { ${OBJECTION} } }`;
const ANSWER = `mutation Answer($input: AnswerObjectionInput!) { answerObjection(input: $input) { ${OBJECTION} } }`;
const TO_ANSWER = `query ToAnswer($status: ObjectionStatus, $overdue: Boolean) {
  objectionsToAnswer(status: $status, overdue: $overdue, limit: 5000) { id coordinate owner status overdue deadline } }`;
const MINE = `{ myObjections(limit: 5000) { ${OBJECTION} } }`;

type Objection = Record<string, unknown> & { id: string };

async function raise(
  headers: Record<string, string>,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<{ raiseObjection: Objection }>> {
  return federation.query(RAISE, { input }, headers);
}

async function answer(
  headers: Record<string, string>,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<{ answerObjection: Objection }>> {
  return federation.query(ANSWER, { input }, headers);
}

async function toAnswer(
  headers: Record<string, string>,
  variables: Record<string, unknown> = {},
): Promise<Objection[]> {
  const response = await federation.query<{ objectionsToAnswer: Objection[] }>(
    TO_ANSWER,
    variables,
    headers,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.objectionsToAnswer;
}

const ids = (objections: Objection[]) => objections.map((o) => o.id);

const wrongName = {
  entityType: 'Person',
  entityKey: PERSON,
  coordinate: 'Person.name',
  reason: 'The business licence and the ID card the representative showed spell the name 李明华.',
  proposedValue: '李明华',
};

describe('an inspector objects to a public-security value; public security answers', () => {
  let raised: Objection;

  beforeAll(async () => {
    const headers = { ...(await inspector()), 'x-case-number': 'JJ-2026-0042' };
    const before = Date.now();
    const response = await raise(headers, wrongName);
    expect(response.errors).toBeUndefined();
    raised = response.data!.raiseObjection;
    expect(Date.parse(raised.raisedAt as string)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('stores the objection, routed to the department that owns the field, with its deadline', () => {
    expect(raised).toEqual({
      id: expect.stringMatching(/^OBJ\d{8}$/),
      entityType: 'Person',
      entityKey: PERSON,
      coordinate: 'Person.name',
      owner: 'public-security',
      raisedBy: 'demo-inspector',
      raiserDepartment: 'market-regulation',
      raiserRole: 'inspector',
      purpose: PURPOSE,
      caseNumber: 'JJ-2026-0042',
      reason: wrongName.reason,
      proposedValue: '李明华',
      raisedAt: expect.any(String),
      deadline: objectionDeadline(new Date(raised.raisedAt as string)),
      overdue: false,
      status: 'OPEN',
      correctedValue: null,
      answerReason: null,
      answeredBy: null,
      answeredAt: null,
    });
  });

  it("is among public security's open objections, and no other department's", async () => {
    expect(ids(await toAnswer(await registrar(), { status: 'OPEN' }))).toContain(raised.id);
    expect(ids(await toAnswer(await caseworker()))).not.toContain(raised.id);
    expect(ids(await toAnswer(await taxOfficer()))).not.toContain(raised.id);
    expect(ids(await toAnswer(await inspector()))).not.toContain(raised.id);
  });

  it('cannot be answered by a department that does not own the field', async () => {
    const response = await answer(await caseworker(), {
      id: raised.id,
      decision: 'ACCEPTED',
      correctedValue: '李明华',
    });
    expect(response.errors).toEqual([
      {
        message: `No objection ${raised.id} is open to civil-affairs: objectionsToAnswer lists the objections your department may answer.`,
        path: ['answerObjection'],
        extensions: { code: 'NOT_FOUND', argument: 'input.id', serviceName: 'data-bureau' },
      },
    ]);
  });

  it('is answered ACCEPTED with the corrected value, once; the raiser sees the outcome', async () => {
    const accepted = await answer(await registrar(), {
      id: raised.id,
      decision: 'ACCEPTED',
      correctedValue: '李明华',
      reason: 'Corrected in the household register after checking the archived application.',
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.answerObjection).toMatchObject({
      id: raised.id,
      status: 'ACCEPTED',
      correctedValue: '李明华',
      answeredBy: 'demo-registrar',
      overdue: false,
    });

    const mine = await federation.query<{ myObjections: Objection[] }>(MINE, {}, await inspector());
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myObjections.find((o) => o.id === raised.id)).toEqual({
      ...raised,
      status: 'ACCEPTED',
      correctedValue: '李明华',
      answerReason: 'Corrected in the household register after checking the archived application.',
      answeredBy: 'demo-registrar',
      answeredAt: accepted.data!.answerObjection.answeredAt,
    });
    expect(ids(await toAnswer(await registrar(), { status: 'OPEN' }))).not.toContain(raised.id);

    const again = await answer(await registrar(), {
      id: raised.id,
      decision: 'REJECTED',
      reason: 'Changed my mind.',
    });
    expect(again.status).toBe(400);
    expect(again.data).toBeUndefined();
    expect(again.errors).toEqual([
      {
        message: `Objection ${raised.id} was already answered (ACCEPTED at ${accepted.data!.answerObjection.answeredAt}); an objection is answered once.`,
        path: ['answerObjection'],
        extensions: {
          code: 'BAD_USER_INPUT',
          argument: 'input.id',
          status: 'ACCEPTED',
          serviceName: 'data-bureau',
        },
      },
    ]);
  });
});

describe('raising an objection is recorded like any disclosure', () => {
  it('leaves an access record naming the person objected about, without the values', async () => {
    const response = await raise(await inspector(), wrongName);
    expect(response.errors).toBeUndefined();
    const [record] = (await recordsOf(federation.streamId)).slice(-1);
    expect(record).toMatchObject({
      consumer_department: 'market-regulation',
      purpose: PURPOSE,
      operation_name: 'Raise',
      departments: ['data-bureau'],
      outcome: 'served',
      subjects: [PERSON],
    });
    expect(record!.fields).toEqual(
      expect.arrayContaining([
        {
          coordinate: 'Mutation.raiseObjection',
          pi: 'NONE',
          effect: 'allow',
          grant: 'data-bureau-market-regulation-inspector-raises-objections',
        },
        expect.objectContaining({
          coordinate: 'Objection.proposedValue',
          pi: 'SENSITIVE',
          effect: 'allow',
        }),
      ]),
    );
    expect(JSON.stringify(record)).not.toContain(wrongName.proposedValue);
  });
});

describe('an objection on a tax value goes to tax, which rejects it with a reason', () => {
  it('refuses a rejection without a reason, then takes one with it', async () => {
    const raised = await raise(await inspector(), {
      entityType: 'Enterprise',
      entityKey: ENTERPRISE,
      coordinate: 'TaxCreditRating.level',
      reason: 'The enterprise paid its arrears in March; the rating still says D.',
    });
    expect(raised.errors).toBeUndefined();
    const { id, owner } = raised.data!.raiseObjection;
    expect(owner).toBe('tax');
    expect(ids(await toAnswer(await taxOfficer()))).toContain(id);
    expect(ids(await toAnswer(await registrar()))).not.toContain(id);

    const bare = await answer(await taxOfficer(), { id, decision: 'REJECTED' });
    expect(bare.errors).toEqual([
      {
        message:
          'input.reason is missing: a rejected objection says why the value is right (up to 2000 characters).',
        path: ['answerObjection'],
        extensions: {
          code: 'BAD_USER_INPUT',
          argument: 'input.reason',
          serviceName: 'data-bureau',
        },
      },
    ]);
    const withCorrection = await answer(await taxOfficer(), {
      id,
      decision: 'REJECTED',
      correctedValue: 'B',
      reason: 'x',
    });
    expect(withCorrection.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.correctedValue',
      serviceName: 'data-bureau',
    });

    const rejected = await answer(await taxOfficer(), {
      id,
      decision: 'REJECTED',
      reason: 'The 2025 rating is fixed on the 2025 record; the payment counts for 2026.',
    });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.answerObjection).toMatchObject({
      status: 'REJECTED',
      correctedValue: null,
      answeredBy: 'tax-officer-7',
    });
  });
});

describe('what is objected to is checked, with messages that say what is wrong', () => {
  async function refusal(input: Record<string, unknown>) {
    const response = await raise(await inspector(), { ...wrongName, ...input });
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    return response.errors![0]!;
  }

  it('refuses a field the graph does not have, listing the fields of its type', async () => {
    const error = await refusal({ coordinate: 'Person.nmae' });
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.coordinate',
      serviceName: 'data-bureau',
    });
    const personFields = [...classification.keys()]
      .filter((c) => c.startsWith('Person.'))
      .map((c) => c.slice('Person.'.length))
      .sort();
    expect(personFields).toContain('name');
    expect(error.message).toBe(
      `input.coordinate names Person.nmae, which is not a field of the graph; the fields of Person are: ${personFields.join(', ')}.`,
    );
  });

  it.each([
    [
      'a type the graph does not have',
      { coordinate: 'Citizen.name' },
      'input.coordinate names Citizen, which is not a type of the graph; Query.fieldCatalogue lists every field.',
    ],
    [
      'something that is not Type.field',
      { coordinate: 'name' },
      'input.coordinate must be one field as Type.field, e.g. Person.name or TaxCreditRating.level; the value given is not one.',
    ],
    [
      'an entry point rather than a value',
      { coordinate: 'Query.person' },
      'input.coordinate names a field of Query, an entry point: object to the value itself, e.g. Person.name.',
    ],
    [
      "a field of the raiser's own department",
      { coordinate: 'Enterprise.name', entityType: 'Enterprise', entityKey: ENTERPRISE },
      'Enterprise.name is owned by your own department (market-regulation): correct it in your own system; objections are for values received from other departments.',
    ],
    [
      'an entity type without a key',
      { entityType: 'TaxCreditRating' },
      'input.entityType must be an entity type of the graph (a type with a key), one of: Department, Enterprise, Household, Person, ServiceItem.',
    ],
    [
      'an empty reason',
      { reason: '   ' },
      'input.reason is missing: say what is wrong with the value and how you know (up to 2000 characters).',
    ],
    [
      'a reason that is too long',
      { reason: '错'.repeat(2001) },
      'input.reason has 2001 characters; the most is 2000.',
    ],
    [
      'a proposed value that is too long',
      { proposedValue: 'x'.repeat(501) },
      'input.proposedValue has 501 characters; the most is 500.',
    ],
  ])('refuses %s', async (_what, input, message) => {
    const error = await refusal(input);
    expect(error.message).toBe(message);
    expect(error.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a resident ID number as the key without repeating it', async () => {
    const idNumber = '11010519491231002X';
    expect(isValidResidentId(idNumber)).toBe(true);
    const error = await refusal({ entityKey: idNumber });
    expect(error.message).toBe(
      "input.entityKey is a resident ID number; give the Person's key (Person.id) instead: ID numbers are never keys.",
    );
    expect(JSON.stringify(error)).not.toContain(idNumber);
  });
});

describe('only the consumers the grants name raise and answer objections', () => {
  it.each([
    ['the developer, who has no objection grant', () => as('developer', 'service-development')],
    ['the auditor', () => as('auditor', 'audit')],
    ['the inspector under another purpose', () => as('inspector', 'market-supervision')],
  ])('refuses %s with FORBIDDEN before any department is called', async (_who, headers) => {
    const before = federation.statements();
    const response = await raise(await headers(), wrongName);
    expect(response.status).toBe(403);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(response.errors![0]!.extensions!.denied).toContainEqual(
      expect.objectContaining({ path: 'raiseObjection', coordinate: 'Mutation.raiseObjection' }),
    );
    expect(response.data).toBeUndefined();
    expect(federation.statements()).toBe(before);
  });

  it('walks a mutation as it walks a query: an alias or a fragment hides nothing', async () => {
    const response = await federation.query(
      `mutation Aliased($input: RaiseObjectionInput!) {
         fixed: raiseObjection(input: $input) { ...Seen }
       }
       fragment Seen on Objection { id status }`,
      { input: wrongName },
      await as('developer', 'service-development'),
    );
    expect(response.status).toBe(403);
    expect(
      (response.errors![0]!.extensions!.denied as { path: string }[]).map((d) => d.path),
    ).toEqual(['fixed', 'fixed.id', 'fixed.status']);
  });

  it('refuses raising to a consumer that may only answer', async () => {
    // The tax officer answers for tax but raises nothing: no grant opens raiseObjection to it.
    const response = await raise(await taxOfficer(), wrongName);
    expect(response.status).toBe(403);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});

describe('an objection left open past its deadline', () => {
  it('shows as overdue to its owner, and only the open ones do', async () => {
    const raisedAt = new Date(Date.now() - 60 * 86_400_000);
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    let overdueId: string;
    try {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO data_bureau.objection (entity_type, entity_key, coordinate, owner_department,
           raiser_id, raiser_department, raiser_role, purpose, reason, raised_at, deadline)
         VALUES ('Person', $1, 'Person.address', 'public-security', 'demo-caseworker',
           'civil-affairs', 'caseworker', $2, 'The family moved in 2025.', $3, $4)
         RETURNING id`,
        [PERSON, PURPOSE, raisedAt, objectionDeadline(raisedAt)],
      );
      overdueId = rows[0]!.id;
    } finally {
      await client.end();
    }
    const fresh = await raise(await inspector(), wrongName);
    const freshId = fresh.data!.raiseObjection.id;

    const overdue = await toAnswer(await registrar(), { overdue: true });
    expect(overdue.find((o) => o.id === overdueId)).toEqual({
      id: overdueId,
      coordinate: 'Person.address',
      owner: 'public-security',
      status: 'OPEN',
      overdue: true,
      deadline: objectionDeadline(raisedAt),
    });
    expect(overdue.every((o) => o.overdue && o.status === 'OPEN')).toBe(true);
    expect(ids(overdue)).not.toContain(freshId);

    const notOverdue = await toAnswer(await registrar(), { overdue: false });
    expect(ids(notOverdue)).toContain(freshId);
    expect(ids(notOverdue)).not.toContain(overdueId);

    // Most urgent first: the overdue one comes before the one raised today.
    const open = ids(await toAnswer(await registrar(), { status: 'OPEN' }));
    expect(open.indexOf(overdueId)).toBeLessThan(open.indexOf(freshId));
  });
});

describe('in filter mode, a mutation the consumer may not call', () => {
  let filtering: Federation;
  beforeAll(async () => {
    filtering = await startFederation({ mode: 'filter' });
  });
  afterAll(() => filtering.stop());

  it('is removed before any department is called: null and FORBIDDEN, and nothing stored', async () => {
    const before = filtering.statements();
    const response = await filtering.query<{ raiseObjection: Objection | null }>(
      RAISE,
      { input: wrongName },
      await as('developer', 'service-development'),
    );
    expect(response.data).toMatchObject({ raiseObjection: null });
    expect(response.errors!.map((e) => [e.path, e.extensions!.code])).toContainEqual([
      ['raiseObjection'],
      'FORBIDDEN',
    ]);
    expect(filtering.statements()).toBe(before);
  });
});
