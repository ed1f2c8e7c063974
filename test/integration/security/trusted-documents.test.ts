import { documentId, loadPolicies, parseDocumentManifests } from '../../../policies';
import { startFederation, type Federation } from '../../support/federation';
import { recordsOf } from '../../support/records';
import { as } from '../../support/security';

// Trusted documents per application: an application registers the documents it runs; in
// enforce anything else is refused before any department is called, in audit it is served,
// logged and counted. A grant may apply to registered documents only.
const APPLICANT = 'PCYGN28R6';
const LISTED = `query Applicant { person(id: "${APPLICANT}") { name annualIncomes { amount } } }`;
const UNLISTED = `query Other { person(id: "${APPLICANT}") { name } }`;
const UNLISTED_INCOME = `query Income { person(id: "${APPLICANT}") { annualIncomes { amount } } }`;
const LISTED_ID = documentId(LISTED);

const manifest = (mode: string) => ({
  file: `${mode}.yaml`,
  text: JSON.stringify({ mode, documents: { [LISTED_ID]: LISTED } }),
});

const caseworkerOf = (app?: string) =>
  as(
    {
      sub: 'official-ca-0042',
      kind: 'official',
      dept: 'civil-affairs',
      role: 'caseworker',
      jurisdiction: '510107',
      ...(app ? { app } : {}),
    },
    'social-assistance-eligibility',
  );

let federation: Federation;
beforeAll(async () => {
  const policies = loadPolicies();
  federation = await startFederation({
    documents: {
      manifests: parseDocumentManifests([
        { ...manifest('enforce'), file: 'dibao-review.yaml' },
        { ...manifest('audit'), file: 'dibao-pilot.yaml' },
      ]),
      defaultMode: 'off',
    },
    policies: {
      ...policies,
      grants: policies.grants.map((g) =>
        g.id === 'tax-caseworker-income' ? { ...g, documents: 'only' as const } : g,
      ),
    },
  });
});
afterAll(() => federation.stop());

const unlistedCount = async (mode: string) => {
  const text = await (await fetch(`${federation.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`gateway_unlisted_documents_total{mode="${mode}"}`));
  return Number(line?.split(' ')[1] ?? 0);
};

describe('trusted documents, enforce', () => {
  it('refuses a document not in the manifest with 400 PERSISTED_QUERY_NOT_FOUND before any department is called', async () => {
    const statements = federation.statements();
    const refused = await federation.query(UNLISTED, {}, await caseworkerOf('dibao-review'));
    expect(refused).toEqual({
      status: 400,
      errors: [
        {
          message:
            "Application 'dibao-review' may run only the documents registered for it, and " +
            `document ${documentId(UNLISTED)} is not among them. Register it in ` +
            'policies/documents/<application>.yaml (reviewed like a grant) and send it, or its id, again.',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', documentId: documentId(UNLISTED) },
        },
      ],
    });
    expect(federation.statements()).toBe(statements);
  });

  it('refuses an unknown id alone the same way', async () => {
    const id = 'f'.repeat(64);
    const refused = await federation.post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: id } } },
      await caseworkerOf('dibao-review'),
    );
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions).toEqual({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      documentId: id,
    });
  });

  it('serves a listed document by its full text, by its APQ id alone and by documentId alone', async () => {
    const headers = await caseworkerOf('dibao-review');
    const byText = await federation.query(LISTED, {}, headers);
    expect(byText.status).toBe(200);
    expect(byText.errors).toBeUndefined();
    const byApq = await federation.post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: LISTED_ID } } },
      headers,
    );
    const byDocumentId = await federation.post({ documentId: LISTED_ID }, headers);
    expect(byApq).toEqual(byText);
    expect(byDocumentId).toEqual(byText);
  });

  it('names the document id in the access record, and none for an unlisted document', async () => {
    const before = (await recordsOf(federation.streamId)).length;
    await federation.post({ documentId: LISTED_ID }, await caseworkerOf('dibao-review'));
    await federation.query(UNLISTED, {}, await caseworkerOf('dibao-review'));
    const [served, refused] = (await recordsOf(federation.streamId)).slice(before);
    expect(served).toMatchObject({
      format: 6,
      outcome: 'served',
      operation_name: 'Applicant',
      operation_hash: LISTED_ID,
      document_id: LISTED_ID,
    });
    expect(refused).toMatchObject({
      outcome: 'refused',
      reason: 'persisted-query-not-found',
      document_id: null,
    });
  });
});

describe('trusted documents, audit and off', () => {
  it('serves an unlisted document in audit and counts it', async () => {
    const before = await unlistedCount('audit');
    const served = await federation.query(UNLISTED, {}, await caseworkerOf('dibao-pilot'));
    expect(served).toMatchObject({ status: 200, data: { person: { name: expect.any(String) } } });
    expect(served.errors).toBeUndefined();
    expect(await unlistedCount('audit')).toBe(before + 1);
  });

  it('follows the default mode (off) for a caller without an application', async () => {
    const served = await federation.query(UNLISTED, {}, await caseworkerOf());
    expect(served.errors).toBeUndefined();
  });
});

describe('a grant restricted to listed documents', () => {
  it('opens its fields to a listed document only, and denies them for any other', async () => {
    const listed = await federation.query(LISTED, {}, await caseworkerOf('dibao-pilot'));
    expect(listed.errors).toBeUndefined();
    const refused = await federation.query(UNLISTED_INCOME, {}, await caseworkerOf('dibao-pilot'));
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain(
      "Grant tax-caseworker-income would open Person.annualIncomes but it applies only to documents registered in the consumer's application manifest",
    );
    // Without an application there is no manifest: the grant never applies.
    const noApp = await federation.query(LISTED, {}, await caseworkerOf());
    expect(noApp.status).toBe(403);
  });
});
