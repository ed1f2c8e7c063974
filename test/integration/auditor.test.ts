import { readFileSync } from 'node:fs';
import { loadPolicies } from '../../policies';
import { whoCanRead } from '../../policies/tooling';
import { SUPERGRAPH_PATH, classificationFromSupergraph } from '../../schema';
import { startFederation, type Federation } from '../support/federation';
import { as } from '../support/security';

let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(() => federation.stop());

const policies = loadPolicies();
const { classification } = classificationFromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

const auditor = () => as('auditor', 'audit');
const CATALOGUE = `{ fieldCatalogue(type: "Person") {
  coordinate sharingClass personalInfo readers { grantId access } } }`;
const HEALTH_GRANTS = `{ grants(provider: "health") { id purposes { code } } }`;

function deniedPaths(response: { errors?: { extensions?: Record<string, unknown> }[] }): string[] {
  const denied = response.errors?.[0]?.extensions?.denied as { path: string }[] | undefined;
  return (denied ?? []).map((d) => d.path);
}

describe('the auditor reads the policies through the graph, under the same policies', () => {
  it('reads who can read each field of Person, as the policy CLI answers', async () => {
    const response = await federation.query<{ fieldCatalogue: any[] }>(
      CATALOGUE,
      {},
      await auditor(),
    );
    expect(response.errors).toBeUndefined();
    const persons = [...classification].filter(([c]) => c.startsWith('Person.'));
    expect(response.data!.fieldCatalogue).toEqual(
      persons.map(([coordinate, label]) => ({
        coordinate,
        sharingClass: label.sharing,
        personalInfo: label.pi,
        readers: whoCanRead(policies, classification, coordinate).map((r) => ({
          grantId: r.grantId,
          access: r.effect.toUpperCase(),
        })),
      })),
    );
    const idNumber = response.data!.fieldCatalogue.find((f) => f.coordinate === 'Person.idNumber');
    expect(idNumber).toMatchObject({ sharingClass: 'CONDITIONAL', personalInfo: 'SENSITIVE' });
    expect(idNumber.readers).toContainEqual({
      grantId: 'public-security-caseworker-persons',
      access: 'MASKED',
    });
  });

  it("reads a provider's grants and their purposes", async () => {
    const response = await federation.query(HEALTH_GRANTS, {}, await auditor());
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      grants: [
        {
          id: 'health-registrar-birth-certificates',
          purposes: [{ code: 'household-registration' }],
        },
        { id: 'health-doctor-medical-records', purposes: [{ code: 'medical-treatment' }] },
        { id: 'health-citizen-own-certificates', purposes: [{ code: 'self-service' }] },
        { id: 'health-sharing-agency-counts-reach', purposes: [{ code: 'data-sharing' }] },
        { id: 'health-data-authority-counts-reach', purposes: [{ code: 'data-sharing' }] },
      ],
    });
  });

  it('reads no personal data of the persons themselves', async () => {
    const response = await federation.query(
      `{ person(id: "PCYGN28R6") { name } }`,
      {},
      await auditor(),
    );
    expect(response.status).toBe(403);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(deniedPaths(response)).toEqual(['person', 'person.name']);
    expect(response.data).toBeUndefined();
  });
});

describe('anyone else asking the same is refused', () => {
  it.each([
    ['the field catalogue', CATALOGUE],
    ['the grants', HEALTH_GRANTS],
  ])(
    'the caseworker asking for %s gets FORBIDDEN before any department is called',
    async (_what, query) => {
      const before = federation.statements();
      const response = await federation.query(
        query,
        {},
        await as('caseworker', 'social-assistance-eligibility'),
      );
      expect(response.status).toBe(403);
      expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(deniedPaths(response)[0]).toMatch(/^(fieldCatalogue|grants)$/);
      expect(response.data).toBeUndefined();
      expect(federation.statements()).toBe(before);
    },
  );

  it('the auditor under another purpose gets FORBIDDEN: a grant applies only to its purposes', async () => {
    const response = await federation.query(
      HEALTH_GRANTS,
      {},
      await as('auditor', 'service-development'),
    );
    expect(response.status).toBe(403);
    expect(response.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('the developer reads the purpose catalogue, but not the grants', async () => {
    const developer = await as('developer', 'service-development');
    const purposes = await federation.query<{ purposes: unknown[] }>(
      `{ purposes { code name legalBasis } }`,
      {},
      developer,
    );
    expect(purposes.errors).toBeUndefined();
    expect(purposes.data!.purposes).toHaveLength(policies.purposes.length);
    const grants = await federation.query(HEALTH_GRANTS, {}, developer);
    expect(grants.status).toBe(403);
    expect(deniedPaths(grants)).toEqual(['grants.id', 'grants.purposes']);
  });
});
